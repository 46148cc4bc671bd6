import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, AllowRoles, Role } from '@steppingstone/core';
import { ApplicationList, Applications } from '@steppingstone/recruitment';
import { CurrentActor } from '../auth/request-context';
import { UuidParam } from '../validation';
import { ApplicationFilterDto, MoveApplicationDto, NewApplicationDto } from './applications.dto';
import { ApplicationResponse } from './entered-application.dto';
import { ApplicationPageView, ApplicationWithHistoryView } from './recruitment-views.dto';

@ApiTags('recruitment')
@ApiBearerAuth()
@Controller('applications')
export class ApplicationsController {
  constructor(
    private readonly applications: Applications,
    private readonly applicationList: ApplicationList,
  ) {}

  @Post()
  @AllowRoles(Role.Admin, Role.Coordinator)
  @ApiOperation({ summary: 'Enter an applicant: an existing person, or a new one recorded with the application' })
  @ApiCreatedResponse({ type: ApplicationResponse })
  create(@CurrentActor() actor: Actor, @Body() body: NewApplicationDto) {
    return this.applications.apply(actor, body);
  }

  // Trainers have no applicant list: applicants' contact details are for the people who recruit;
  // a trainer meets their trainees through their cohorts' enrolments.
  @Get()
  @AllowRoles(Role.Admin, Role.Coordinator)
  @ApiOperation({ summary: 'Applications filtered by intake, stage, locality, source, partner, channel and text or reference, in a stable order' })
  @ApiOkResponse({ type: ApplicationPageView })
  list(@CurrentActor() actor: Actor, @Query() filter: ApplicationFilterDto) {
    return this.applicationList.list(actor, filter);
  }

  @Get(':id')
  @AllowRoles(Role.Admin, Role.Coordinator)
  @ApiOperation({ summary: 'An application with every move between stages' })
  @ApiOkResponse({ type: ApplicationWithHistoryView })
  get(@CurrentActor() actor: Actor, @UuidParam('id') id: string) {
    return this.applications.get(actor, id);
  }

  @Post(':id/move')
  @HttpCode(200)
  @AllowRoles(Role.Admin, Role.Coordinator)
  @ApiOperation({ summary: 'Move to another stage; an illegal move answers 409 naming the allowed ones' })
  @ApiOkResponse({ type: ApplicationWithHistoryView })
  move(@CurrentActor() actor: Actor, @UuidParam('id') id: string, @Body() body: MoveApplicationDto) {
    return this.applications.move(actor, id, body);
  }
}
