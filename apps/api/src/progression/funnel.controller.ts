import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, AllowRoles, AnyMember, Role } from '@steppingstone/core';
import { FunnelReports, PartnerFunnels, ProgressionTimelines } from '@steppingstone/progression';
import { CurrentActor } from '../auth/request-context';
import { UuidParam } from '../validation';
import { EquityFunnelFilterDto, FunnelFilterDto, PartnerFunnelFilterDto, PartnerFunnelResponse } from './progression.dto';
import { EquityFunnelReportView, FunnelReportView, ProgressionTimelineView } from './progression-views.dto';

@ApiTags('progression')
@ApiBearerAuth()
@Controller()
export class FunnelController {
  constructor(
    private readonly reports: FunnelReports,
    private readonly timelines: ProgressionTimelines,
    private readonly partnerFunnels: PartnerFunnels,
  ) {}

  @Get('funnel')
  @AllowRoles(Role.Admin, Role.Coordinator)
  @ApiOperation({ summary: 'Registered → completed training → started a placement → entered employment → sustained 26 weeks, with conversion rates' })
  @ApiOkResponse({ type: FunnelReportView })
  funnel(@CurrentActor() actor: Actor, @Query() filter: FunnelFilterDto) {
    return this.reports.funnel(actor, filter);
  }

  @Get('funnel/equity')
  @AllowRoles(Role.Admin, Role.Coordinator)
  @ApiOperation({ summary: 'The funnel split by a demographic dimension, each group against the overall rate, shortfalls flagged (audit-logged)' })
  @ApiOkResponse({ type: EquityFunnelReportView })
  equity(@CurrentActor() actor: Actor, @Query() filter: EquityFunnelFilterDto) {
    return this.reports.equity(actor, filter);
  }

  @Get('funnel/by-partner')
  @AllowRoles(Role.Admin, Role.Coordinator)
  @ApiOperation({
    summary: 'How each referral partner’s people go on: applied → selected → completed training → started a placement → entered employment',
    description:
      'Per partner (and "No partner"), counts at each stage with the conversion from the previous stage and from applying. A person belongs to the partner of their first application in scope and counts at a stage only having reached every stage before it; selected means an application in scope was offered a place. Audit-logged.',
  })
  @ApiOkResponse({ type: PartnerFunnelResponse })
  byPartner(@CurrentActor() actor: Actor, @Query() filter: PartnerFunnelFilterDto) {
    return this.partnerFunnels.byPartner(actor, filter);
  }

  @Get('people/:id/progression')
  @AnyMember()
  @ApiOperation({ summary: 'A person’s milestones in order; trainers see their cohorts’ people, participants only themselves (others: 404)' })
  @ApiOkResponse({ type: ProgressionTimelineView })
  timeline(@CurrentActor() actor: Actor, @UuidParam('id') id: string) {
    return this.timelines.forPerson(actor, id);
  }
}
