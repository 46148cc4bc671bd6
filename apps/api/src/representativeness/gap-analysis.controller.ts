import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiForbiddenResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, AllowRoles, Role } from '@steppingstone/core';
import { GapAnalyses, PartnerGapAnalyses, PartnerReaches } from '@steppingstone/representativeness';
import { CurrentActor } from '../auth/request-context';
import { UuidParam } from '../validation';
import { GapAnalysisDto, PartnerGapAnalysisDto, PartnerGapAnalysisResponse, PartnerReachQueryDto, PartnerReachResponse } from './gap-analysis.dto';
import { GapAnalysisView } from './gap-analysis-views.dto';

@ApiTags('representativeness')
@ApiBearerAuth()
@ApiForbiddenResponse({ description: 'Trainers and mentors' })
@Controller()
export class GapAnalysisController {
  constructor(
    private readonly gaps: GapAnalyses,
    private readonly partnerGaps: PartnerGapAnalyses,
    private readonly reaches: PartnerReaches,
  ) {}

  @Post('representativeness/gap-analysis')
  @HttpCode(200)
  @AllowRoles(Role.Admin, Role.Coordinator)
  @ApiOperation({
    summary: 'Who is there and who isn’t: a population of applicants against the census, per dimension and in intersectional cells',
    description:
      'Shares are of the people who answered; "Prefer not to say" and "Not recorded" are shown and left out of the shares, with intervals for each group. Groups are flagged outside 0.8–1.25 times their census share (the four-fifths convention). No significance tests: at cohort sizes they would mislead.',
  })
  @ApiOkResponse({ type: GapAnalysisView })
  analyse(@CurrentActor() actor: Actor, @Body() body: GapAnalysisDto) {
    const { intakeId, programmeId, stages, localityId, partnerId, ...rest } = body;
    return this.gaps.analyse(actor, { population: { intakeId, programmeId, stages, localityId, partnerId }, ...rest });
  }

  @Post('representativeness/gap-analysis/by-partner')
  @HttpCode(200)
  @AllowRoles(Role.Admin, Role.Coordinator)
  @ApiOperation({
    summary: 'The gap analysis split by referral partner: which partners bring the groups who aren’t there yet',
    description:
      'The same population and reference as POST /representativeness/gap-analysis. For each partner (and "No partner"): its applicants’ counts and shares per dimension against the census, flagged outside 0.8–1.25. For each group the whole pool is short of: the partners that brought people of it, most first. Each person counts for the partner of their first application in scope, so the partners add up to the pool. Audit-logged.',
  })
  @ApiOkResponse({ type: PartnerGapAnalysisResponse })
  byPartner(@CurrentActor() actor: Actor, @Body() body: PartnerGapAnalysisDto) {
    const { intakeId, programmeId, stages, localityId, partnerId, ...rest } = body;
    return this.partnerGaps.analyse(actor, { population: { intakeId, programmeId, stages, localityId, partnerId }, ...rest });
  }

  @Get('intakes/:id/partner-reach')
  @AllowRoles(Role.Admin, Role.Coordinator)
  @ApiOperation({
    summary: 'For the dashboard’s “who isn’t there”: each group the intake’s pool is short of, with the referral partners that brought people of that group before',
    description:
      'Per group, up to `partnersPerGroup` partners, most first, with how many people of the group each brought to the organisation’s other intakes and to this one so far. Runs (and audit-logs) the intake’s gap analysis.',
  })
  @ApiOkResponse({ type: PartnerReachResponse })
  @ApiNotFoundResponse({ description: 'No such intake in this organisation' })
  reach(@CurrentActor() actor: Actor, @UuidParam('id') intakeId: string, @Query() query: PartnerReachQueryDto) {
    return this.reaches.forIntake(actor, { intakeId, ...query });
  }
}
