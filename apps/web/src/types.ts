/**
 * The shapes of the API answers the pages read, as the OpenAPI document declares them
 * (api-schema.d.ts, `npm run generate:api`), under the names the pages use. The selection types at
 * the end are still written by hand: see there why.
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

/*
 * Written by hand: a selection as the fair-selection pages read it. The document's SelectionView
 * declares its `inputs` and `lottery` as free-form objects and the outcome fields (panel,
 * probabilities, quota table) as nullable until the run is done, where these pages read them as
 * given; the selection queries read through `readUnchecked` with these until the view declares
 * those shapes. The response-types contract test checks the api against the document meanwhile.
 */

export interface Quota {
  category: string;
  feature: string;
  min: number;
  max: number;
  selected?: number;
}

export interface Selection {
  id: string;
  intakeId: string;
  /** queued and running only for large pools, which the worker selects from; the outcome fields are filled in once done. */
  status: 'queued' | 'running' | 'done' | 'failed';
  stage: 'loading' | 'solving' | 'storing' | null;
  /** Why it failed, as the API would have answered at once. */
  error: { code?: string; message?: string; [extra: string]: unknown } | null;
  panelSize: number;
  poolSize: number;
  algorithm: Schema<'SelectionView'>['algorithm'];
  seed: string;
  appliedAt: string | null;
  panel: string[];
  quotaTable: Quota[];
  /** Each applicant's chance under the draw used (id is the application's). */
  probabilities: Array<{ id: string; probability: number }>;
  minimumProbability: number;
  equalChance: number;
  createdAt?: string;
  /** Who ran it; the name is null once they have left the organisation. */
  createdBy?: string | null;
  createdByName?: string | null;
  /** What was asked, so anyone can run it again with its seed. */
  inputs?: SelectionInputs | null;
  /** lottery: a ticket was drawn; exact: straight from the exact distribution. */
  draw?: 'lottery' | 'exact' | null;
  /** The smallest chance in the exact (optimal) distribution. */
  exactMinimumProbability?: number | null;
  /** The smallest chance under the draw used (the lottery's tickets, or the exact distribution). */
  lotteryMinimumProbability?: number | null;
  lottery?: { lotterySize?: number; lotteryLoss?: number; panelsInLottery?: number } | null;
  alternates?: SelectionAlternates | null;
}

export interface SelectionInputs {
  dimensions: string[];
  tolerance: { people?: number; fraction?: number };
  localitySizes: Record<string, number>;
  quotas: Quota[];
  referenceDate: string;
  draw?: 'lottery' | 'exact';
  tickets?: number | null;
  onePerHousehold?: boolean;
}

export interface QuotaAtRisk extends Quota {
  selected: number;
  expectedDropOuts: number;
  alternatesWithFeature: number;
}

export interface SelectionAlternates {
  /** In the order places are offered. */
  alternates: Array<{ applicationId: string; personId: string; canReplace: string[]; dropOutRisk: number }>;
  expectedDropOuts: number;
  recommendedSize: number;
  atRisk: QuotaAtRisk[];
}

/** A quota that sits at the same bound in every panel the draw could give, for one applicant's answers. */
export interface BindingQuota {
  category: string;
  feature: string;
  bound: 'min' | 'max' | 'exact';
  limit: number;
  poolCount: number;
}
