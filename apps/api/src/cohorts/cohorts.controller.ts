import { Body, Controller, Get, HttpCode, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, AllowRoles, Role } from '@steppingstone/core';
import { AtRiskLists, Cohorts, DropoutFiguresReport, EnrolInCohort, Enrolments, GenerateSchedule, CohortSessions } from '@steppingstone/cohorts';
import { CurrentActor } from '../auth/request-context';
import { UuidParam } from '../validation';
import { CohortDto, CohortFilterDto, EnrolDto, ScheduleDto, UpdateCohortDto } from './cohort.dto';
import { AtRiskPersonView, CohortView, DropoutFiguresView, EnrolmentProgressView, EnrolmentRecordView, SessionView } from './cohort-views.dto';

const STAFF = [Role.Admin, Role.Coordinator] as const;
const TEACHING = [Role.Admin, Role.Coordinator, Role.Trainer] as const;

/** Cohorts and what hangs off them. Trainers reach only the cohorts they teach (others answer 404). */
@ApiTags('cohorts')
@ApiBearerAuth()
@Controller('cohorts')
export class CohortsController {
  constructor(
    private readonly cohorts: Cohorts,
    private readonly enrol: EnrolInCohort,
    private readonly schedule: GenerateSchedule,
    private readonly sessions: CohortSessions,
    private readonly enrolments: Enrolments,
    private readonly atRisk: AtRiskLists,
    private readonly figures: DropoutFiguresReport,
  ) {}

  @Post()
  @AllowRoles(...STAFF)
  @ApiOperation({ summary: 'Create a cohort of a programme, with its trainers' })
  @ApiCreatedResponse({ type: CohortView })
  create(@CurrentActor() actor: Actor, @Body() body: CohortDto) {
    return this.cohorts.create(actor, body);
  }

  @Get()
  @AllowRoles(...TEACHING)
  @ApiOperation({ summary: 'Cohorts (a trainer sees only their own)' })
  @ApiOkResponse({ type: [CohortView] })
  list(@CurrentActor() actor: Actor, @Query() filter: CohortFilterDto) {
    return this.cohorts.list(actor, filter);
  }

  @Get(':id')
  @AllowRoles(...TEACHING)
  @ApiOkResponse({ type: CohortView })
  get(@CurrentActor() actor: Actor, @UuidParam('id') id: string) {
    return this.cohorts.get(actor, id);
  }

  @Patch(':id')
  @AllowRoles(...STAFF)
  @ApiOperation({ summary: 'Change a cohort, including its trainers' })
  @ApiOkResponse({ type: CohortView })
  update(@CurrentActor() actor: Actor, @UuidParam('id') id: string, @Body() body: UpdateCohortDto) {
    return this.cohorts.update(actor, id, body);
  }

  @Post(':id/enrolments')
  @AllowRoles(...STAFF)
  @ApiOperation({ summary: 'Enrol people from accepted applications (moved to enrolled) or directly; all or nothing' })
  @ApiCreatedResponse({ type: [EnrolmentRecordView] })
  enrolPeople(@CurrentActor() actor: Actor, @UuidParam('id') id: string, @Body() body: EnrolDto) {
    return this.enrol.run(actor, id, body);
  }

  @Get(':id/enrolments')
  @AllowRoles(...TEACHING)
  @ApiOperation({ summary: 'Everyone enrolled, with attendance, completion status and the last session attended' })
  @ApiOkResponse({ type: [EnrolmentProgressView] })
  listEnrolments(@CurrentActor() actor: Actor, @UuidParam('id') id: string) {
    return this.enrolments.list(actor, id);
  }

  @Post(':id/schedule')
  @HttpCode(201)
  @AllowRoles(...STAFF)
  @ApiOperation({ summary: "Generate the weekly sessions, in the organisation's time zone, with skipped, cancelled and moved dates" })
  @ApiCreatedResponse({ type: [SessionView] })
  generateSchedule(@CurrentActor() actor: Actor, @UuidParam('id') id: string, @Body() body: ScheduleDto) {
    return this.schedule.run(actor, id, body);
  }

  @Get(':id/sessions')
  @AllowRoles(...TEACHING)
  @ApiOkResponse({ type: [SessionView] })
  listSessions(@CurrentActor() actor: Actor, @UuidParam('id') id: string) {
    return this.sessions.list(actor, id);
  }

  @Get(':id/at-risk')
  @AllowRoles(...TEACHING)
  @ApiOperation({ summary: 'People at risk of dropping out, with the reasons' })
  @ApiOkResponse({ type: [AtRiskPersonView] })
  listAtRisk(@CurrentActor() actor: Actor, @UuidParam('id') id: string) {
    return this.atRisk.forCohort(actor, id);
  }

  @Get(':id/dropout')
  @AllowRoles(...TEACHING)
  @ApiOperation({ summary: "The cohort's retention by week, drop-out rate, reasons and median drop-out week, also by locality" })
  @ApiOkResponse({ type: DropoutFiguresView })
  dropout(@CurrentActor() actor: Actor, @UuidParam('id') id: string) {
    return this.figures.forCohort(actor, id);
  }
}
