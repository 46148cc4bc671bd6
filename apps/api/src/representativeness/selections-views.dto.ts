import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/** Response shapes, for the OpenAPI document the web app's client is generated from. */

export class QuotaView {
  @ApiProperty({ example: 'sex', description: 'A dimension, or two joined by " x " for an intersection' }) category!: string;
  @ApiProperty({ example: 'Female' }) feature!: string;
  @ApiProperty() min!: number;
  @ApiProperty() max!: number;
  @ApiPropertyOptional({ description: 'How far the minimum may be relaxed' }) minFlex?: number;
  @ApiPropertyOptional({ description: 'How far the maximum may be relaxed' }) maxFlex?: number;
}

export class QuotaOutcomeView extends QuotaView {
  @ApiProperty({ description: 'How many of the drawn panel have this feature' }) selected!: number;
}

export class NearestFeasibleQuotaView extends QuotaView {
  @ApiProperty({ description: 'The nearest bounds that can be met with the other quotas' }) feasibleMin!: number;
  @ApiProperty() feasibleMax!: number;
}

export class QuotaToleranceView {
  @ApiPropertyOptional({ description: 'Places either side of the expected count' }) people?: number;
  @ApiPropertyOptional({ description: 'A fraction of the expected count either side; the larger of the two applies' }) fraction?: number;
}

/** The request as it was resolved, so anyone can run the selection again with its seed. */
export class SelectionInputsView {
  @ApiProperty({ type: [String], description: 'Dimensions with quotas: the census ones and any a hand quota or locality places add' }) dimensions!: string[];
  @ApiProperty({ type: QuotaToleranceView }) tolerance!: QuotaToleranceView;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'number' }, description: 'Places per locality, by locality id' }) localitySizes!: Record<string, number>;
  @ApiProperty({ type: [QuotaView], description: 'Every quota the panel had to meet' }) quotas!: QuotaView[];
  @ApiProperty({ type: [String], description: 'The stages the pool was drawn from' }) stages!: string[];
  @ApiProperty({ format: 'date', description: 'The day ages were taken on' }) referenceDate!: string;
  @ApiProperty({ format: 'uuid', description: 'The census dataset the quotas came from' }) datasetId!: string;
  @ApiPropertyOptional({ enum: ['lottery', 'exact'], description: 'Absent in selections stored before the draw could be chosen' }) draw?: 'lottery' | 'exact';
  @ApiPropertyOptional({ nullable: true, type: Number, description: 'Tickets asked for; null for the default lottery or an exact draw' }) tickets?: number | null;
  @ApiPropertyOptional() onePerHousehold?: boolean;
}

export class SolverStatsView {
  @ApiProperty({ description: 'Distinct feature combinations the solver worked on' }) types!: number;
  @ApiProperty() panelsGenerated!: number;
  @ApiProperty() pricingSolves!: number;
  @ApiProperty() seconds!: number;
  @ApiPropertyOptional({ description: 'LEXIMIN only: false when a level was fixed unproven' }) leximinComplete?: boolean;
  @ApiPropertyOptional({ description: 'LEXIMIN only: complete, or which work budget cut it short' }) leximinStatus?: string;
  @ApiPropertyOptional({ description: 'LEXIMIN only: levels fixed' }) leximinLevels?: number;
  @ApiPropertyOptional({ description: 'Linear programs re-solved after numerical trouble' }) lpRecoveries?: number;
}

/** The lottery the panel was drawn from, for audit. */
export class SelectionLotteryView {
  @ApiProperty({ description: 'Tickets in the lottery' }) lotterySize!: number;
  @ApiProperty({ description: 'Distinct panels in the lottery' }) panelsInLottery!: number;
  @ApiProperty({ description: 'The smallest chance in the exact distribution, before rounding to tickets' }) unroundedMinimumProbability!: number;
  @ApiPropertyOptional({ description: 'What rounding to tickets gave away, as a share of the exact smallest chance' }) lotteryLoss?: number;
  @ApiPropertyOptional({ description: 'Which lottery entry the seed drew' }) drawnPanel?: number;
  @ApiProperty({ type: SolverStatsView }) stats!: SolverStatsView;
}

export class SelectionErrorDetailView {
  @ApiProperty() field!: string;
  @ApiProperty() rule!: string;
  @ApiProperty() message!: string;
}

/** Why a selection failed: what the API would have answered had it refused the request at once. */
export class SelectionFailureView {
  @ApiProperty({ example: 'SELECTION_INFEASIBLE' }) code!: string;
  @ApiProperty() message!: string;
  @ApiProperty({ type: [SelectionErrorDetailView] }) details!: SelectionErrorDetailView[];
  @ApiPropertyOptional({ type: [String], description: 'An infeasible selection: the categories whose quotas conflict' }) conflictingCategories?: string[];
  @ApiPropertyOptional({ type: [NearestFeasibleQuotaView], description: 'An infeasible selection: every quota with the nearest bounds that can be met' })
  nearestFeasibleQuotas?: NearestFeasibleQuotaView[];
}

export class ProbabilityView {
  @ApiProperty({ format: 'uuid', description: 'The application' }) id!: string;
  @ApiProperty() probability!: number;
}

export class AlternateView {
  @ApiProperty({ format: 'uuid' }) applicationId!: string;
  @ApiProperty({ format: 'uuid' }) personId!: string;
  @ApiProperty({ type: [String], description: 'Panel members (application ids) this alternate could replace' }) canReplace!: string[];
  @ApiProperty() dropOutRisk!: number;
}

export class QuotaAtRiskView extends QuotaOutcomeView {
  @ApiProperty({ description: 'Expected departures among the panel members with this feature' }) expectedDropOuts!: number;
  @ApiProperty({ description: 'Listed alternates with this feature' }) alternatesWithFeature!: number;
}

export class DropOutGroupView {
  @ApiProperty() category!: string;
  @ApiProperty() feature!: string;
  @ApiProperty() rate!: number;
  @ApiProperty() enrolled!: number;
  @ApiProperty() withdrawn!: number;
}

export class DropOutHistoryView {
  @ApiProperty() enrolled!: number;
  @ApiProperty() withdrawn!: number;
  @ApiProperty({ description: 'withdrawn / enrolled, three decimals' }) rate!: number;
  @ApiProperty({ type: [DropOutGroupView] }) byGroup!: DropOutGroupView[];
}

export class StoredAlternatesView {
  @ApiProperty({ type: [AlternateView], description: 'In the order they are offered' }) alternates!: AlternateView[];
  @ApiProperty() expectedDropOuts!: number;
  @ApiProperty() recommendedSize!: number;
  @ApiProperty({ type: [QuotaAtRiskView] }) atRisk!: QuotaAtRiskView[];
  @ApiProperty({ type: DropOutHistoryView }) dropOutHistory!: DropOutHistoryView;
}

export class SelectionView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) intakeId!: string;
  @ApiProperty({ format: 'date-time' }) createdAt!: Date;
  @ApiProperty({ enum: ['queued', 'running', 'done', 'failed'] }) status!: string;
  @ApiProperty({ nullable: true, type: String, enum: ['loading', 'solving', 'storing'], description: 'While running' }) stage!: string | null;
  @ApiProperty() attempts!: number;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) startedAt!: Date | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) completedAt!: Date | null;
  @ApiProperty({ type: SelectionFailureView, nullable: true, description: 'Why it failed (or, while it is retried, why the last attempt did)' }) error!: SelectionFailureView | null;
  @ApiProperty() panelSize!: number;
  @ApiProperty() poolSize!: number;
  @ApiProperty({ enum: ['maximin', 'leximin'] }) algorithm!: string;
  @ApiProperty() seed!: string;
  @ApiProperty({ type: SelectionInputsView, nullable: true, description: 'Filled in once done' }) inputs!: SelectionInputsView | null;
  @ApiProperty({ type: [QuotaOutcomeView], nullable: true }) quotaTable!: QuotaOutcomeView[] | null;
  @ApiProperty({ type: [String], nullable: true, description: 'Application ids of the drawn panel' }) panel!: string[] | null;
  @ApiProperty({ type: [ProbabilityView], nullable: true }) probabilities!: ProbabilityView[] | null;
  @ApiProperty({ nullable: true, type: Number }) minimumProbability!: number | null;
  @ApiProperty({ nullable: true, type: Number }) equalChance!: number | null;
  @ApiProperty({ type: SelectionLotteryView, nullable: true, description: 'Filled in once done' }) lottery!: SelectionLotteryView | null;
  @ApiProperty({ nullable: true, type: String, enum: ['lottery', 'exact'] }) draw!: string | null;
  @ApiProperty({ nullable: true, type: Number, description: 'The smallest chance in the exact distribution' }) exactMinimumProbability!: number | null;
  @ApiProperty({ nullable: true, type: Number, description: 'The smallest chance under the draw used' }) lotteryMinimumProbability!: number | null;
  @ApiProperty({ type: StoredAlternatesView, nullable: true }) alternates!: StoredAlternatesView | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) appliedAt!: Date | null;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) createdBy!: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'While they are still a member' }) createdByName!: string | null;
}

export class MovedCountsView {
  @ApiProperty() offered!: number;
  @ApiProperty() waitlisted!: number;
}

export class AppliedSelectionView extends SelectionView {
  @ApiProperty({ type: MovedCountsView }) moved!: MovedCountsView;
}

export class BindingQuotaView {
  @ApiProperty() category!: string;
  @ApiProperty() feature!: string;
  @ApiProperty({ enum: ['min', 'max', 'exact'] }) bound!: string;
  @ApiProperty() limit!: number;
  @ApiProperty({ description: 'Pool members with this feature' }) poolCount!: number;
}

export class ExplanationView {
  @ApiProperty({ format: 'uuid' }) applicationId!: string;
  @ApiProperty({ format: 'uuid' }) personId!: string;
  @ApiProperty({ description: 'The chance under the draw used' }) probability!: number;
  @ApiProperty({ description: 'The chance in the exact distribution' }) exactProbability!: number;
  @ApiProperty({ type: [BindingQuotaView] }) binding!: BindingQuotaView[];
}

export class SelectionExplanationsView {
  @ApiProperty({ format: 'uuid' }) selectionId!: string;
  @ApiProperty({ enum: ['queued', 'running', 'done', 'failed'] }) status!: string;
  @ApiProperty({ type: [ExplanationView], nullable: true, description: 'null until the selection is done' }) explanations!: ExplanationView[] | null;
}

export class ReplacementView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) selectionId!: string;
  @ApiProperty({ format: 'uuid' }) declinedApplicationId!: string;
  @ApiProperty({ format: 'uuid' }) offeredApplicationId!: string;
  @ApiProperty({ description: 'The panel with the alternate meets every quota (and the household rule)' }) keepsQuotas!: boolean;
  @ApiProperty({ type: [QuotaOutcomeView], description: 'Quotas outside their bounds after the replacement' }) brokenQuotas!: QuotaOutcomeView[];
  @ApiProperty({ type: [QuotaOutcomeView], description: 'Every quota with the panel’s count after the replacement' }) quotas!: QuotaOutcomeView[];
  @ApiProperty() reason!: string;
  @ApiProperty({ format: 'date-time' }) createdAt!: Date;
}

export class ReplacementMadeView extends ReplacementView {
  @ApiProperty() alternatesLeft!: number;
}
