import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, AllowRoles, Role } from '@steppingstone/core';
import { AppointPostHolder, Jobs, PaidRoles, RecordJob, RecordSustainmentCheck } from '@steppingstone/progression';
import { CurrentActor } from '../auth/request-context';
import { UuidParam } from '../validation';
import { AppointDto, EndJobDto, JobDto, PaidRoleDto, PostHolderFilterDto, SustainmentDto } from './progression.dto';
import { JobView, PaidRoleView } from './progression-views.dto';

const MANAGERS = [Role.Admin, Role.Coordinator] as const;

@ApiTags('progression')
@ApiBearerAuth()
@Controller('paid-roles')
export class PaidRolesController {
  constructor(
    private readonly roles: PaidRoles,
    private readonly appoint: AppointPostHolder,
  ) {}

  @Post()
  @AllowRoles(...MANAGERS)
  @ApiOperation({ summary: 'Add a paid role of the programme (e.g. Peer Navigator, 18 months, 16 h/week, two per locality)' })
  @ApiCreatedResponse({ type: PaidRoleView })
  create(@CurrentActor() actor: Actor, @Body() body: PaidRoleDto) {
    return this.roles.create(actor, body);
  }

  @Get()
  @AllowRoles(...MANAGERS)
  @ApiOperation({ summary: 'Paid roles with their current post-holders counted' })
  @ApiOkResponse({ type: [PaidRoleView] })
  list(@CurrentActor() actor: Actor) {
    return this.roles.list(actor);
  }

  @Get(':id')
  @AllowRoles(...MANAGERS)
  @ApiOperation({ summary: 'One paid role' })
  @ApiOkResponse({ type: PaidRoleView })
  get(@CurrentActor() actor: Actor, @UuidParam('id') id: string) {
    return this.roles.get(actor, id);
  }

  @Post(':id/post-holders')
  @AllowRoles(...MANAGERS)
  @ApiOperation({ summary: 'Appoint a person to a post in a locality; 409 when the locality’s posts are all held' })
  @ApiCreatedResponse({ type: JobView })
  appointPostHolder(@CurrentActor() actor: Actor, @UuidParam('id') id: string, @Body() body: AppointDto) {
    return this.appoint.run(actor, id, body);
  }

  @Get(':id/post-holders')
  @AllowRoles(...MANAGERS)
  @ApiOperation({ summary: 'Post-holders with contract end dates and sustainment checks' })
  @ApiOkResponse({ type: [JobView] })
  postHolders(@CurrentActor() actor: Actor, @UuidParam('id') id: string, @Query() filter: PostHolderFilterDto) {
    return this.roles.postHolders(actor, id, filter);
  }
}

@ApiTags('progression')
@ApiBearerAuth()
@Controller()
export class JobsController {
  constructor(
    private readonly record: RecordJob,
    private readonly checks: RecordSustainmentCheck,
    private readonly jobs: Jobs,
  ) {}

  @Post('people/:id/jobs')
  @AllowRoles(...MANAGERS)
  @ApiOperation({ summary: 'Record a job a person entered; 400 if it starts before they registered' })
  @ApiCreatedResponse({ type: JobView })
  create(@CurrentActor() actor: Actor, @UuidParam('id') id: string, @Body() body: JobDto) {
    return this.record.run(actor, { ...body, personId: id });
  }

  @Get('people/:id/jobs')
  @AllowRoles(...MANAGERS)
  @ApiOperation({ summary: 'A person’s jobs, paid roles included, with sustainment checks' })
  @ApiOkResponse({ type: [JobView] })
  forPerson(@CurrentActor() actor: Actor, @UuidParam('id') id: string) {
    return this.jobs.forPerson(actor, id);
  }

  @Get('jobs/:id')
  @AllowRoles(...MANAGERS)
  @ApiOperation({ summary: 'One job with its 13- and 26-week checks (due, overdue or recorded)' })
  @ApiOkResponse({ type: JobView })
  get(@CurrentActor() actor: Actor, @UuidParam('id') id: string) {
    return this.jobs.get(actor, id);
  }

  @Post('jobs/:id/end')
  @HttpCode(200)
  @AllowRoles(...MANAGERS)
  @ApiOperation({ summary: 'Record that the person left the job' })
  @ApiOkResponse({ type: JobView })
  end(@CurrentActor() actor: Actor, @UuidParam('id') id: string, @Body() body: EndJobDto) {
    return this.record.end(actor, id, body);
  }

  @Post('jobs/:id/sustainment-checks')
  @HttpCode(200)
  @AllowRoles(...MANAGERS)
  @ApiOperation({ summary: 'Record the 13- or 26-week check: sustained, not sustained or unknown; 409 before it falls due' })
  @ApiOkResponse({ type: JobView })
  check(@CurrentActor() actor: Actor, @UuidParam('id') id: string, @Body() body: SustainmentDto) {
    return this.checks.run(actor, id, body);
  }
}
