import { Body, Controller, Get, HttpCode, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, AllowRoles, AnyMember, organisationToday, Role, Tenancy } from '@steppingstone/core';
import { Activity, ActivityTotalsReport } from '@steppingstone/field';
import { isPlacementOf, quietPeople } from '@steppingstone/placements';
import { CurrentActor } from '../auth/request-context';
import { UuidParam } from '../validation';
import { ActivityDto, ActivityFilterDto, ActivityReviewDto, ActivityTotalsQueryDto, ChangeActivityDto, MyActivityFilterDto } from './field.dto';
import { ActivityEntryView, ActivityPageView, ActivityTotalsView, QuietPersonView } from './field-views.dto';

const REVIEWERS = [Role.Admin, Role.Coordinator] as const;

/** Peer mentors and navigators log their own activity; coordinators approve or query it and read the totals. */
@ApiTags('activity')
@ApiBearerAuth()
@Controller()
export class ActivityController {
  constructor(
    private readonly activity: Activity,
    private readonly totalsReport: ActivityTotalsReport,
    private readonly tenancy: Tenancy,
  ) {}

  @Post('me/activity')
  @AnyMember()
  @ApiCreatedResponse({ type: ActivityEntryView })
  @ApiOperation({ summary: 'Log activity: date, minutes, kind, people reached, locality; the note holds no names', description: '404 NO_LINKED_PERSON when no person record is linked to the login.' })
  log(@CurrentActor() actor: Actor, @Body() body: ActivityDto) {
    return this.activity.log(actor, body, isPlacementOf);
  }

  @Get('me/activity')
  @AnyMember()
  @ApiOkResponse({ type: ActivityPageView })
  @ApiOperation({ summary: 'My activity, newest first, with each entry’s approval state and any query' })
  mine(@CurrentActor() actor: Actor, @Query() filter: MyActivityFilterDto) {
    return this.activity.mine(actor, filter);
  }

  @Get('me/activity/:id')
  @AnyMember()
  @ApiOkResponse({ type: ActivityEntryView })
  @ApiOperation({ summary: 'One of my entries; anyone else’s answers 404' })
  myEntry(@CurrentActor() actor: Actor, @UuidParam('id') id: string) {
    return this.activity.myEntry(actor, id);
  }

  @Put('me/activity/:id')
  @AnyMember()
  @ApiOkResponse({ type: ActivityEntryView })
  @ApiOperation({ summary: 'Change one of my entries (waiting or queried); it goes back for approval. 409 once approved or when the version is stale' })
  change(@CurrentActor() actor: Actor, @UuidParam('id') id: string, @Body() body: ChangeActivityDto) {
    return this.activity.change(actor, id, body, isPlacementOf);
  }

  @Get('activity')
  @AllowRoles(...REVIEWERS)
  @ApiOkResponse({ type: ActivityPageView })
  @ApiOperation({ summary: 'Logged activity; ?status=submitted is the approval queue' })
  list(@CurrentActor() actor: Actor, @Query() filter: ActivityFilterDto) {
    return this.activity.list(actor, filter);
  }

  @Get('activity/quiet')
  @AllowRoles(...REVIEWERS)
  @ApiOkResponse({ type: [QuietPersonView] })
  @ApiOperation({ summary: 'People on an active placement with no activity logged for the organisation’s number of days (noActivityDays)' })
  async quiet(@CurrentActor() actor: Actor) {
    return this.tenancy.run(actor.organisationId, async (manager) => quietPeople(manager, actor.organisationId, await organisationToday(manager, actor.organisationId)));
  }

  @Get('activity/:id')
  @AllowRoles(...REVIEWERS)
  @ApiOkResponse({ type: ActivityEntryView })
  @ApiOperation({ summary: 'One entry' })
  get(@CurrentActor() actor: Actor, @UuidParam('id') id: string) {
    return this.activity.get(actor, id);
  }

  @Post('activity/:id/review')
  @HttpCode(200)
  @AllowRoles(...REVIEWERS)
  @ApiOkResponse({ type: ActivityEntryView })
  @ApiOperation({ summary: 'Approve an entry, or query it with a note; 409 ALREADY_REVIEWED once approved' })
  review(@CurrentActor() actor: Actor, @UuidParam('id') id: string, @Body() body: ActivityReviewDto) {
    return this.activity.review(actor, id, body);
  }

  @Get('activity-totals')
  @AllowRoles(...REVIEWERS)
  @ApiOkResponse({ type: ActivityTotalsView })
  @ApiOperation({ summary: 'Hours and people reached by person, placement, locality, month or kind (approved entries unless status=all), with the social-value figure' })
  totals(@CurrentActor() actor: Actor, @Query() query: ActivityTotalsQueryDto) {
    return this.totalsReport.totals(actor, { from: query.from, to: query.to, by: query.by ?? [], status: query.status });
  }
}
