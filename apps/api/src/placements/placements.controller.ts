import { Body, Controller, Get, HttpCode, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, AllowRoles, Role } from '@steppingstone/core';
import { ChangePlacement, PlacePerson, Placements, Supervision } from '@steppingstone/placements';
import { CurrentActor } from '../auth/request-context';
import { UuidParam } from '../validation';
import { PlacementDto, PlacementFilterDto, PlacementStatusDto, ReviewDto, SupervisionDto, UpdatePlacementDto } from './placements.dto';
import { PlacementPageView, PlacementView, SupervisionRecordView } from './placements-views.dto';

const MANAGERS = [Role.Admin, Role.Coordinator] as const;

@ApiTags('placements')
@ApiBearerAuth()
@Controller()
export class PlacementsController {
  constructor(
    private readonly placePerson: PlacePerson,
    private readonly change: ChangePlacement,
    private readonly placements: Placements,
    private readonly supervision: Supervision,
  ) {}

  @Post('placements')
  @AllowRoles(...MANAGERS)
  @ApiOperation({ summary: 'Place a person with a host; 409 names a clashing active placement, 400 for an end before the start' })
  @ApiCreatedResponse({ type: PlacementView })
  create(@CurrentActor() actor: Actor, @Body() body: PlacementDto) {
    return this.placePerson.run(actor, body);
  }

  @Get('placements')
  @AllowRoles(...MANAGERS)
  @ApiOperation({ summary: 'Placements by person, host, status or overdue supervision, newest first' })
  @ApiOkResponse({ type: PlacementPageView })
  list(@CurrentActor() actor: Actor, @Query() filter: PlacementFilterDto) {
    return this.placements.list(actor, filter);
  }

  @Get('placements/:id')
  @AllowRoles(...MANAGERS)
  @ApiOperation({ summary: 'One placement with its next supervision and review points' })
  @ApiOkResponse({ type: PlacementView })
  get(@CurrentActor() actor: Actor, @UuidParam('id') id: string) {
    return this.placements.get(actor, id);
  }

  @Patch('placements/:id')
  @AllowRoles(...MANAGERS)
  @ApiOperation({ summary: 'Change a placement’s terms: supervisor, hours, dates, supervision interval, review weeks' })
  @ApiOkResponse({ type: PlacementView })
  update(@CurrentActor() actor: Actor, @UuidParam('id') id: string, @Body() body: UpdatePlacementDto) {
    return this.change.update(actor, id, body);
  }

  @Post('placements/:id/status')
  @HttpCode(200)
  @AllowRoles(...MANAGERS)
  @ApiOperation({ summary: 'Start, pause, resume, complete or end early (with a reason)' })
  @ApiOkResponse({ type: PlacementView })
  move(@CurrentActor() actor: Actor, @UuidParam('id') id: string, @Body() body: PlacementStatusDto) {
    return this.change.move(actor, id, body);
  }

  @Post('placements/:id/supervision')
  @AllowRoles(...MANAGERS)
  @ApiOperation({ summary: 'Record a supervision session; answers the placement with the next due date' })
  @ApiCreatedResponse({ type: PlacementView })
  recordSupervision(@CurrentActor() actor: Actor, @UuidParam('id') id: string, @Body() body: SupervisionDto) {
    return this.supervision.record(actor, id, body);
  }

  @Get('placements/:id/supervision')
  @AllowRoles(...MANAGERS)
  @ApiOperation({ summary: 'Supervision sessions of a placement, newest first, with notes' })
  @ApiOkResponse({ type: [SupervisionRecordView] })
  listSupervision(@CurrentActor() actor: Actor, @UuidParam('id') id: string) {
    return this.supervision.list(actor, id);
  }

  @Post('placements/:id/reviews')
  @HttpCode(200)
  @AllowRoles(...MANAGERS)
  @ApiOperation({ summary: 'Record the review at one of the placement’s set points' })
  @ApiOkResponse({ type: PlacementView })
  review(@CurrentActor() actor: Actor, @UuidParam('id') id: string, @Body() body: ReviewDto) {
    return this.supervision.review(actor, id, body);
  }

  @Get('people/:id/placements')
  @AllowRoles(...MANAGERS)
  @ApiOperation({ summary: 'A person’s placements over time' })
  @ApiOkResponse({ type: [PlacementView] })
  forPerson(@CurrentActor() actor: Actor, @UuidParam('id') id: string) {
    return this.placements.forPerson(actor, id);
  }
}
