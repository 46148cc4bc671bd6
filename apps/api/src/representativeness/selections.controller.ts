import { Body, Controller, Get, HttpCode, HttpStatus, Post, Res } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Actor, AllowRoles, Role } from '@steppingstone/core';
import { FairSelections, SelectionReplacements } from '@steppingstone/representativeness';
import { CurrentActor } from '../auth/request-context';
import { UuidParam } from '../validation';
import { ReplacementDto, SelectionDto } from './selections.dto';
import { AppliedSelectionView, ReplacementMadeView, ReplacementView, SelectionExplanationsView, SelectionView } from './selections-views.dto';

@ApiTags('representativeness')
@ApiBearerAuth()
@Controller()
export class SelectionsController {
  constructor(
    private readonly selections: FairSelections,
    private readonly replacements: SelectionReplacements,
  ) {}

  @Post('intakes/:id/selections')
  @AllowRoles(Role.Admin, Role.Coordinator)
  @ApiOperation({
    summary: 'Select a cohort fairly from the intake’s screened, taster and waitlisted applicants',
    description:
      'Quotas from the census (expected count ± tolerance), per-locality places and hand-set quotas (also on intersections) are met at once; among the panels that meet them, a distribution maximises the smallest chance of any applicant (MAXIMIN, or LEXIMIN); the panel is drawn with a recorded seed from a lottery of tickets (by default the fewest whose smallest chance is within 1% of the exact optimum, or exactly `tickets`) or, with draw exact, straight from the exact distribution. Both smallest chances are returned: exactMinimumProbability and lotteryMinimumProbability. Quotas that cannot all be met answer 400 naming the conflict and the nearest feasible quotas. A pool larger than SELECTION_ASYNC_POOL_SIZE is selected from by the worker: the answer is 202 with the selection queued, and GET /selections/:id shows its status (queued, running with its stage, done with the outcome, or failed with the reason).',
  })
  @ApiCreatedResponse({ type: SelectionView, description: 'The selection, done' })
  @ApiAcceptedResponse({ type: SelectionView, description: 'The selection, queued for the worker; poll GET /selections/:id (its Location)' })
  async run(@CurrentActor() actor: Actor, @UuidParam('id') intakeId: string, @Body() body: SelectionDto, @Res({ passthrough: true }) response: Response) {
    const { selection, queued } = await this.selections.run(actor, intakeId, body);
    if (queued) response.status(HttpStatus.ACCEPTED).location(`/selections/${selection.id}`);
    return selection;
  }

  @Get('intakes/:id/selections')
  @AllowRoles(Role.Admin, Role.Coordinator)
  @ApiOperation({ summary: 'The intake’s selections, newest first: each with its seed, inputs, status, outcome, who ran it (createdBy, createdByName) and when (createdAt)' })
  @ApiOkResponse({ type: [SelectionView] })
  list(@CurrentActor() actor: Actor, @UuidParam('id') intakeId: string) {
    return this.selections.list(actor, intakeId);
  }

  @Get('selections/:id')
  @AllowRoles(Role.Admin, Role.Coordinator)
  @ApiOperation({ summary: 'A selection: its status (queued, running and its stage, done, failed and why) and, once done, its inputs, seed, quota table, panel and every applicant’s probability' })
  @ApiOkResponse({ type: SelectionView })
  get(@CurrentActor() actor: Actor, @UuidParam('id') id: string) {
    return this.selections.get(actor, id);
  }

  @Get('selections/:id/explanations')
  @AllowRoles(Role.Admin, Role.Coordinator)
  @ApiOperation({
    summary: 'Why each applicant’s chance is what it is',
    description:
      'Per applicant (applicationId, personId): the chance under the draw used, the chance in the exact distribution, and the quotas on their answers that bind — at the same bound in every panel the draw could give (min: the quota holds their chance up; max: holds it down; exact: both), with the bound and how many in the pool share that answer. null until the selection is done.',
  })
  @ApiOkResponse({ type: SelectionExplanationsView })
  explanations(@CurrentActor() actor: Actor, @UuidParam('id') id: string) {
    return this.selections.explanations(actor, id);
  }

  @Post('selections/:id/replacements')
  @AllowRoles(Role.Admin, Role.Coordinator)
  @ApiOperation({
    summary: 'Someone on the panel declined or dropped out: offer their place to the best alternate left',
    description:
      'In one transaction: the applicant named moves to declined (from offered) or withdrawn (from accepted), the first alternate in the stored order whose joining keeps every quota (and the household rule) moves to offered — if none can, the one breaking the fewest places — each with stage history and an audit entry, and the replacement is recorded with the quotas after it, the quotas broken and the reason. 409 SELECTION_NO_ALTERNATE when no alternate is left; 409 SELECTION_NOT_APPLIED before the selection is applied.',
  })
  @ApiCreatedResponse({ type: ReplacementMadeView, description: 'The replacement made, and how many alternates are left' })
  replace(@CurrentActor() actor: Actor, @UuidParam('id') id: string, @Body() body: ReplacementDto) {
    return this.replacements.replace(actor, id, body.applicationId);
  }

  @Get('selections/:id/replacements')
  @AllowRoles(Role.Admin, Role.Coordinator)
  @ApiOperation({ summary: 'The replacements made from this selection’s alternates, oldest first, each with why' })
  @ApiOkResponse({ type: [ReplacementView] })
  listReplacements(@CurrentActor() actor: Actor, @UuidParam('id') id: string) {
    return this.replacements.list(actor, id);
  }

  @Post('selections/:id/apply')
  @HttpCode(200)
  @AllowRoles(Role.Admin, Role.Coordinator)
  @ApiOperation({ summary: 'Offer places to the selected applicants and waitlist the rest of the pool, in one transaction' })
  @ApiOkResponse({ type: AppliedSelectionView })
  apply(@CurrentActor() actor: Actor, @UuidParam('id') id: string) {
    return this.selections.apply(actor, id);
  }
}
