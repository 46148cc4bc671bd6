import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/** Response shapes, for the OpenAPI document the web app's client is generated from. */
const FREE_FORM = { type: 'object', additionalProperties: true } as const;

export class QuotaOutcomeView {
  @ApiProperty({ example: 'sex', description: 'A dimension, or two joined by " x " for an intersection' }) category!: string;
  @ApiProperty({ example: 'Female' }) feature!: string;
  @ApiProperty() min!: number;
  @ApiProperty() max!: number;
  @ApiPropertyOptional({ description: 'How far the minimum may be relaxed' }) minFlex?: number;
  @ApiPropertyOptional({ description: 'How far the maximum may be relaxed' }) maxFlex?: number;
  @ApiProperty({ description: 'How many of the drawn panel have this feature' }) selected!: number;
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
  @ApiProperty({ ...FREE_FORM, nullable: true, description: 'Why it failed: the code, message and details the API answers a refused selection with' }) error!: Record<string, unknown> | null;
  @ApiProperty() panelSize!: number;
  @ApiProperty() poolSize!: number;
  @ApiProperty({ enum: ['maximin', 'leximin'] }) algorithm!: string;
  @ApiProperty() seed!: string;
  @ApiProperty({ ...FREE_FORM, nullable: true, description: 'The request as it was resolved: quotas, stages, dataset, tolerance, draw' }) inputs!: Record<string, unknown> | null;
  @ApiProperty({ type: [QuotaOutcomeView], nullable: true }) quotaTable!: QuotaOutcomeView[] | null;
  @ApiProperty({ type: [String], nullable: true, description: 'Application ids of the drawn panel' }) panel!: string[] | null;
  @ApiProperty({ type: [ProbabilityView], nullable: true }) probabilities!: ProbabilityView[] | null;
  @ApiProperty({ nullable: true, type: Number }) minimumProbability!: number | null;
  @ApiProperty({ nullable: true, type: Number }) equalChance!: number | null;
  @ApiProperty({ ...FREE_FORM, nullable: true, description: 'The lottery’s size, tickets and solver statistics' }) lottery!: Record<string, unknown> | null;
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
