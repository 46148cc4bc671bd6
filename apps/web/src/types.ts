/**
 * The shapes of the API answers the pages read, as the OpenAPI document declares them
 * (api-schema.d.ts, `npm run generate:api`), under the names the pages use.
 */
import type { components } from './api-schema';

/** A schema of the OpenAPI document, by its name there. */
export type Schema<Name extends keyof components['schemas']> = components['schemas'][Name];

// From the OpenAPI document.
export type PartnerReach = Schema<'PartnerReachResponse'>;
export type PartnerFunnel = Schema<'PartnerFunnelResponse'>;
export type PartnerGaps = Schema<'PartnerGapAnalysisResponse'>;
export type PartnerLink = Schema<'PartnerLinkResponse'>;
export type PartnerPipelines = Schema<'PartnerPipelineListResponse'>;
export type Person = Schema<'PersonView'>;
export type CohortSession = Schema<'SessionView'>;
export type Pipeline = Schema<'PipelineView'>;
export type ReferralPartner = Schema<'ReferralPartnerResponse'>;
export type ImportColumn = Schema<'ImportColumnResponse'>;
export type EqualityQuestionSet = Schema<'EqualityQuestionSetResponse'>;
export type PublicIntake = Schema<'PublicIntakeResponse'>;
export type ActivityEntry = Schema<'ActivityEntryView'>;
export type ExpenseClaim = Schema<'ExpenseClaimView'>;
export type PaymentBatch = Schema<'PaymentBatchView'>;
export type SafetyCheck = Schema<'SafetyCheckView'>;
export type CoordinatorMessage = Schema<'CoordinatorMessageView'>;
export type MessageAudience = Schema<'MessageAudienceView'>;
export type ImportReport = Schema<'ImportReportResponse'>;
export type ApplicationReceipt = Schema<'PublicApplicationReceiptResponse'>;
export type Intake = Schema<'IntakeView'>;
export type Application = Schema<'ApplicationPageView'>['items'][number];
export type GapDimension = GapAnalysis['dimensions'][number];
export type GapAnalysis = Schema<'GapAnalysisView'>;
export type Explanations = Schema<'SelectionExplanationsView'>;
/** A replacement; the answer to making one also says how many alternates are left. */
export type Replacement = Schema<'ReplacementView'> & Partial<Pick<Schema<'ReplacementMadeView'>, 'alternatesLeft'>>;
export type Locality = Schema<'LocalityView'>;
export type Cohort = Schema<'CohortView'>;
export type AtRiskPerson = Schema<'AtRiskPersonView'>;
export type Placement = Schema<'PlacementView'>;
export type FunnelStage = Schema<'FunnelReportView'>['stages'][number];
export type Progression = Schema<'ProgressionTimelineView'>;
export type Programme = Schema<'ProgrammeView'>;
export type Member = Schema<'MemberPageView'>['items'][number];

export type Stage = 'applied' | 'screened' | 'taster' | 'offered' | 'accepted' | 'enrolled' | 'waitlisted' | 'declined' | 'withdrawn';
export const STAGES: Stage[] = ['applied', 'screened', 'taster', 'offered', 'accepted', 'enrolled', 'waitlisted', 'declined', 'withdrawn'];

/**
 * Mirrors the API's stage machine (libs/recruitment stage-machine.ts) so the board offers only the
 * moves the API accepts; the API still decides and a refused move is shown as such.
 */
export const NEXT_STAGES: Record<Stage, Stage[]> = {
  applied: ['screened', 'waitlisted', 'declined', 'withdrawn'],
  screened: ['taster', 'offered', 'waitlisted', 'declined', 'withdrawn'],
  taster: ['offered', 'waitlisted', 'declined', 'withdrawn'],
  offered: ['accepted', 'waitlisted', 'declined', 'withdrawn'],
  accepted: ['enrolled', 'withdrawn'],
  enrolled: [],
  waitlisted: ['screened', 'offered', 'declined', 'withdrawn'],
  declined: [],
  withdrawn: [],
};

/** A fair selection; its outcome fields are null until it is done (see `isDone`). */
export type Selection = Schema<'SelectionView'>;
type OutcomeField = 'panel' | 'quotaTable' | 'probabilities' | 'minimumProbability' | 'equalChance';
/** A selection whose run is done: the api has filled in its outcome. */
export type DoneSelection = Selection & { status: 'done' } & { [Field in OutcomeField]: NonNullable<Selection[Field]> };
export function isDone(selection: Selection): selection is DoneSelection {
  return selection.status === 'done' && selection.panel !== null && selection.quotaTable !== null && selection.probabilities !== null;
}
export type SelectionInputs = Schema<'SelectionInputsView'>;
/** A quota as asked for; `QuotaOutcome` adds how many of the panel have the feature. */
export type Quota = Schema<'QuotaView'>;
export type QuotaOutcome = Schema<'QuotaOutcomeView'>;
export type QuotaAtRisk = Schema<'QuotaAtRiskView'>;
export type SelectionAlternates = Schema<'StoredAlternatesView'>;
/** A quota that sits at the same bound in every panel the draw could give, for one applicant's answers. */
export type BindingQuota = Schema<'BindingQuotaView'>;
