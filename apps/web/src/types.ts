/**
 * The shapes of the API answers the pages read. Those the OpenAPI document declares come from it
 * (api-schema.d.ts, `npm run generate:api`); the rest are written by hand below until their
 * operations declare a response, when each becomes an alias like the first ones here.
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
export type EnteredApplication = Schema<'EnteredApplicationResponse'>;
export type ImportReport = Schema<'ImportReportResponse'>;
export type ApplicationReceipt = Schema<'PublicApplicationReceiptResponse'>;

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
 * Written by hand: the operations answering with these do not declare their response in the
 * OpenAPI document yet. Replace each with `Schema<'...'>` once they do (then `npm run generate:api`).
 */
export interface Intake {
  id: string;
  programmeId: string;
  name: string;
  opensOn: string;
  closesOn: string;
  capacity: number;
  status: string;
  publicUrl: string;
  localityCapacities: Array<{ localityId: string; capacity: number }>;
}

export interface Application {
  id: string;
  intakeId: string;
  personId: string;
  name: string;
  email: string | null;
  localityId: string | null;
  stage: Stage;
  source: string;
  referrer: string | null;
  appliedAt: string;
  stageChangedAt: string;
  version: number;
  reference?: string;
  phone?: string | null;
  partnerId?: string | null;
  partnerName?: string | null;
  /** How it reached the organisation: online, phone, paper, in-person, import; null before channels were recorded. */
  channel?: string | null;
}

export interface GapCategory {
  category: string;
  count: number;
  share: number | null;
  referenceShare: number;
  expectedCount: number;
  seatGap: number;
  flag: 'under' | 'over' | null;
}

export interface GapDimension {
  dimension: string;
  label: string;
  categories: GapCategory[];
  undisclosed: Array<{ category: string; count: number }>;
  disclosed: number;
  total: number;
}

export interface WhoIsntThere {
  dimension: string;
  category: string;
  count: number;
  expectedCount: number;
  shortfall: number;
  referenceShare: number;
  neededAtCapacity: number;
}

export interface GapAnalysis {
  population: { size: number };
  reference: { datasetName: string; area: { kind: string; name: string } };
  dimensions: GapDimension[];
  whoIsntThere: WhoIsntThere[];
  capacity: number | null;
  unavailable: Array<{ dimension: string; reason: string }>;
}

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

export interface ChanceExplanation {
  applicationId: string;
  personId: string;
  probability: number;
  exactProbability: number;
  binding: BindingQuota[];
}

export interface Explanations {
  selectionId: string;
  status: Selection['status'];
  explanations: ChanceExplanation[] | null;
}

export interface Replacement {
  id: string;
  selectionId: string;
  declinedApplicationId: string;
  offeredApplicationId: string;
  keepsQuotas: boolean;
  brokenQuotas: Quota[];
  quotas: Quota[];
  reason: string;
  createdAt: string;
  alternatesLeft?: number;
}

export interface Locality {
  id: string;
  name: string;
}

export interface Cohort {
  id: string;
  programmeId: string;
  intakeId: string | null;
  name: string;
  startsOn: string;
  capacity: number;
  venue: string | null;
  enrolled: number;
  withdrawn: number;
  completed: number;
}

export interface AtRiskPerson {
  cohortId: string;
  cohortName: string;
  enrolmentId: string;
  personId: string;
  name: string;
  attendancePercent: number | null;
  lastAttendedSession: { heldOn: string; week: number } | null;
  flags: Array<{ reason: string; message: string }>;
}

export interface Placement {
  id: string;
  personId: string;
  personName: string;
  hostName: string;
  roleTitle: string;
  supervisorName: string | null;
  hoursPerWeek: number | null;
  startsOn: string;
  plannedEndOn: string | null;
  endedOn: string | null;
  status: string;
  supervision: { intervalDays: number; lastHeldOn: string | null; nextDueOn: string | null; overdue: boolean };
  reviews: Array<{ week: number; dueOn: string; heldOn: string | null; outcome: string | null; state: string }>;
}

export interface FunnelStage {
  stage: string;
  label: string;
  count: number;
  fromPrevious: { percent: number | null } | null;
  fromRegistered: { percent: number | null } | null;
}

export interface Progression {
  personId: string;
  personName: string;
  reached: Record<string, boolean>;
  milestones: Array<{ milestone: string; on: string; details: Record<string, unknown> }>;
}

export interface Programme {
  id: string;
  name: string;
  kind: string;
  description: string | null;
  archived?: boolean;
}

export interface Member {
  userId: string;
  name: string;
  email: string;
  role: string;
  status: string;
}
