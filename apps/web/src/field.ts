/** Work in the field: the API's shapes and the words for its codes (activity, expenses, checks, messages). */
import { ApiError, ErrorDetail } from './api';
import type { ExpenseClaim, SafetyCheck } from './types';

export type { ActivityEntry, CoordinatorMessage, ExpenseClaim, MessageAudience, PaymentBatch, SafetyCheck } from './types';

export type ActivityKind = 'peer-contact' | 'outreach-event' | 'accompanied-visit' | 'training' | 'admin';
export const ACTIVITY_KINDS: Array<[ActivityKind, string, string]> = [
  ['peer-contact', 'Peer contact', 'Time with someone you support'],
  ['outreach-event', 'Outreach event', 'A stall, a drop-in or a talk'],
  ['accompanied-visit', 'Accompanied visit', 'Going with someone to an appointment'],
  ['training', 'Training', 'Learning, or training others'],
  ['admin', 'Admin', 'Calls, notes and planning'],
];

export type ActivityStatus = 'submitted' | 'approved' | 'queried';

export type ExpenseCategory = 'mileage' | 'public-transport' | 'parking' | 'subsistence' | 'materials' | 'other';
export const EXPENSE_CATEGORIES: Array<[ExpenseCategory, string]> = [
  ['public-transport', 'Bus, train or tram'],
  ['mileage', 'Mileage (your own car)'],
  ['parking', 'Parking'],
  ['subsistence', 'Food and drink'],
  ['materials', 'Materials'],
  ['other', 'Something else'],
];

export type ClaimStatus = 'submitted' | 'approved' | 'rejected';

export type Receipt = ExpenseClaim['receipts'][number];

export const KIND_WORDS: Record<string, string> = Object.fromEntries(ACTIVITY_KINDS.map(([code, label]) => [code, label]));
export const CATEGORY_WORDS: Record<string, string> = Object.fromEntries(EXPENSE_CATEGORIES);

export const ACTIVITY_STATUS_WORDS: Record<ActivityStatus, string> = { submitted: 'Waiting for approval', approved: 'Approved', queried: 'Queried' };
export const CLAIM_STATUS_WORDS: Record<ClaimStatus, string> = { submitted: 'Waiting for approval', approved: 'Approved', rejected: 'Not approved' };

/** "£4.80" from pence. */
export const money = (pence: number): string => `£${(pence / 100).toFixed(2)}`;

/** "1 hour 30 minutes", "45 minutes". */
export function duration(minutes: number): string {
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  const parts = [hours ? `${hours} hour${hours === 1 ? '' : 's'}` : '', rest ? `${rest} minute${rest === 1 ? '' : 's'}` : ''].filter(Boolean);
  return parts.join(' ') || '0 minutes';
}

/** Today's date (YYYY-MM-DD) on the organisation's calendar, which is the one the API checks dates against. */
export function todayIn(timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
}

/** "2.4 MB", "310 kB". */
export function fileSize(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / (1024 * 1024)).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} kB`;
}

/**
 * Answers the page can check before anything is sent are refused in the same shape as the API's
 * 400, so the same error summary and field messages show them.
 */
export function refusal(details: ErrorDetail[]): ApiError | undefined {
  return details.length ? new ApiError(400, { statusCode: 400, message: 'Please check these answers', details }) : undefined;
}

const DBS_WORDS: Record<string, string> = { basic: 'Basic', standard: 'Standard', enhanced: 'Enhanced' };

/** "Enhanced DBS with the barred list", "Reference: Former employer". */
export function checkName(check: Pick<SafetyCheck, 'kind' | 'dbsLevel' | 'barredList' | 'title'>): string {
  switch (check.kind) {
    case 'dbs':
      return `${check.dbsLevel ? `${DBS_WORDS[check.dbsLevel]} ` : ''}DBS${check.barredList ? ' with the barred list' : ''}`;
    case 'reference':
      return `Reference${check.title ? `: ${check.title}` : ''}`;
    case 'right-to-work':
      return 'Right to work';
    default:
      return `Training${check.title ? `: ${check.title}` : ''}`;
  }
}

/** The API says so when a login has no person record to log against. */
export const noLinkedPerson = (error: unknown): boolean => error instanceof ApiError && error.body?.code === 'NO_LINKED_PERSON';
