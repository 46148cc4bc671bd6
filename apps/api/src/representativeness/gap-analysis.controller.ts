import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, AllowRoles, Role } from '@steppingstone/core';
import { GapAnalyses } from '@steppingstone/representativeness/gaps/gap-analyses';
import { CurrentActor } from '../auth/request-context';
import { GapAnalysisDto } from './gap-analysis.dto';

@ApiTags('representativeness')
@ApiBearerAuth()
@Controller('representativeness')
export class GapAnalysisController {
  constructor(private readonly gaps: GapAnalyses) {}

  @Post('gap-analysis')
  @HttpCode(200)
  @AllowRoles(Role.Admin, Role.Coordinator)
  @ApiOperation({
    summary: 'Who is there and who isn’t: a population of applicants against the census, per dimension and in intersectional cells',
    description:
      'Shares are of the people who answered; "Prefer not to say" and "Not recorded" are shown and left out of the shares, with intervals for each group. Groups are flagged outside 0.8–1.25 times their census share (the four-fifths convention). No significance tests: at cohort sizes they would mislead.',
  })
  analyse(@CurrentActor() actor: Actor, @Body() body: GapAnalysisDto) {
    const { intakeId, programmeId, stages, localityId, ...rest } = body;
    return this.gaps.analyse(actor, { population: { intakeId, programmeId, stages, localityId }, ...rest });
  }
}
