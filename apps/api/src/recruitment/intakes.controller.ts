import { Body, Controller, Get, HttpCode, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, AllowRoles, Role } from '@steppingstone/core';
import { EventLinks, Intakes } from '@steppingstone/recruitment';
import { CurrentActor } from '../auth/request-context';
import { UuidParam } from '../validation';
import { EventLinkView, IntakeView, PartnerPipelineListResponse, PipelineView } from './recruitment-views.dto';
import { IntakeDto, UpdateIntakeDto, IntakeStatusDto, EventLinkDto, IntakeFilterDto, PipelineFilterDto } from './intakes.dto';

@ApiTags('recruitment')
@ApiBearerAuth()
@Controller('intakes')
export class IntakesController {
  constructor(
    private readonly intakes: Intakes,
    private readonly eventLinks: EventLinks,
  ) {}

  @Post()
  @AllowRoles(Role.Admin, Role.Coordinator)
  @ApiOperation({ summary: 'Create an intake (a draft until opened)' })
  @ApiCreatedResponse({ type: IntakeView })
  create(@CurrentActor() actor: Actor, @Body() body: IntakeDto) {
    return this.intakes.create(actor, body);
  }

  @Get()
  @AllowRoles(Role.Admin, Role.Coordinator)
  @ApiOkResponse({ type: [IntakeView] })
  list(@CurrentActor() actor: Actor, @Query() filter: IntakeFilterDto) {
    return this.intakes.list(actor, filter);
  }

  @Get(':id')
  @AllowRoles(Role.Admin, Role.Coordinator)
  @ApiOkResponse({ type: IntakeView })
  get(@CurrentActor() actor: Actor, @UuidParam('id') id: string) {
    return this.intakes.get(actor, id);
  }

  @Patch(':id')
  @AllowRoles(Role.Admin, Role.Coordinator)
  @ApiOkResponse({ type: IntakeView })
  update(@CurrentActor() actor: Actor, @UuidParam('id') id: string, @Body() body: UpdateIntakeDto) {
    return this.intakes.update(actor, id, body);
  }

  @Post(':id/status')
  @HttpCode(200)
  @AllowRoles(Role.Admin, Role.Coordinator)
  @ApiOperation({ summary: 'Open, close, reopen or archive an intake' })
  @ApiOkResponse({ type: IntakeView })
  changeStatus(@CurrentActor() actor: Actor, @UuidParam('id') id: string, @Body() body: IntakeStatusDto) {
    return this.intakes.changeStatus(actor, id, body.status);
  }

  @Post(':id/event-links')
  @AllowRoles(Role.Admin, Role.Coordinator)
  @ApiOperation({
    summary: 'A signed link to the public form for a recruitment event, valid for some hours',
    description:
      'Applications through it are not limited per address (many people share one connection at an event) until it expires; the honeypot and every other check of the form still apply. Nothing is stored: the link carries its intake and expiry, signed.',
  })
  @ApiCreatedResponse({ type: EventLinkView })
  createEventLink(@CurrentActor() actor: Actor, @UuidParam('id') id: string, @Body() body: EventLinkDto) {
    return this.eventLinks.create(actor, id, body.hours);
  }

  @Get(':id/pipeline')
  @AllowRoles(Role.Admin, Role.Coordinator)
  @ApiOperation({ summary: 'Applications per stage, for the pipeline board; `partnerId` (or "none") narrows it to one referral partner’s applicants' })
  @ApiOkResponse({ type: PipelineView })
  pipeline(@CurrentActor() actor: Actor, @UuidParam('id') id: string, @Query() filter: PipelineFilterDto) {
    return this.intakes.pipeline(actor, id, filter);
  }

  @Get(':id/pipeline/by-partner')
  @AllowRoles(Role.Admin, Role.Coordinator)
  @ApiOperation({ summary: 'The pipeline split by referral partner: each partner that brought applicants (and "No partner", partnerId null) with its counts per stage, largest first' })
  @ApiOkResponse({ type: PartnerPipelineListResponse })
  pipelineByPartner(@CurrentActor() actor: Actor, @UuidParam('id') id: string) {
    return this.intakes.pipelineByPartner(actor, id);
  }
}
