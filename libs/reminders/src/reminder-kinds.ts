import { Provider } from '@nestjs/common';
import { AbsenceFollowUps } from './absence-follow-up/absence-follow-up';
import { ContractEndingReminders } from './contract-ending/contract-ending';
import { PlacementReviewReminders } from './placement-review-due/placement-review-due';
import { RecruitmentWindowReminders } from './recruitment-window-closing/recruitment-window-closing';
import { REMINDER_KINDS, ReminderKind } from './reminder-kind';
import { SessionReminders } from './session-reminders/session-reminders';
import { SupervisionDueReminders } from './supervision-due/supervision-due';
import { SustainmentCheckReminders } from './sustainment-check-due/sustainment-check-due';
import { CheckExpiringReminders } from './check-expiring/check-expiring';
import { CoordinatorMessages } from './coordinator-messages/coordinator-messages';
import { NoActivityReminders } from './no-activity/no-activity';

/** Every kind of reminder: a new kind is a class here (and its job name in JOB_NAMES). */
export const REMINDER_KIND_CLASSES = [
  SessionReminders,
  AbsenceFollowUps,
  SupervisionDueReminders,
  PlacementReviewReminders,
  ContractEndingReminders,
  SustainmentCheckReminders,
  RecruitmentWindowReminders,
  CoordinatorMessages,
  NoActivityReminders,
  CheckExpiringReminders,
] as const;

export const REMINDER_KINDS_PROVIDER: Provider = {
  provide: REMINDER_KINDS,
  inject: [...REMINDER_KIND_CLASSES],
  useFactory: (...kinds: ReminderKind[]) => kinds,
};
