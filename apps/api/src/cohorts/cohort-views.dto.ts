import { ApiProperty } from '@nestjs/swagger';
import { ATTENDANCE_STATUSES, WITHDRAWAL_REASONS } from '@steppingstone/cohorts';

/** Response shapes of cohorts, sessions, registers and enrolments, for the OpenAPI document the web app's client is generated from. */
const SESSION_STATUSES = ['scheduled', 'cancelled'];
const ENROLMENT_STATES = ['enrolled', 'withdrawn', 'completed'];
const COMPLETION_STATUSES = ['on-track', 'completed', 'cannot-complete', 'withdrawn'];
const RISK_REASONS = ['consecutive-absences', 'attendance-below-minimum'];
const ASSESSMENT_RESULTS = ['pass', 'fail'];

export class CohortView {
  @ApiProperty({ format: 'uuid' }) organisationId!: string;
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) programmeId!: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) intakeId!: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) localityId!: string | null;
  @ApiProperty({ example: 'Spring cohort' }) name!: string;
  @ApiProperty({ example: '2026-04-13' }) startsOn!: string;
  @ApiProperty() capacity!: number;
  @ApiProperty({ nullable: true, type: String }) venue!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: Date;
  @ApiProperty({ format: 'date-time' }) updatedAt!: Date;
  @ApiProperty({ type: [String], description: 'User ids of the trainers' }) trainerUserIds!: string[];
  @ApiProperty() enrolled!: number;
  @ApiProperty() withdrawn!: number;
  @ApiProperty() completed!: number;
}

export class EnrolmentRecordView {
  @ApiProperty({ format: 'uuid' }) organisationId!: string;
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) cohortId!: string;
  @ApiProperty({ format: 'uuid' }) personId!: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) applicationId!: string | null;
  @ApiProperty({ enum: ENROLMENT_STATES }) status!: string;
  @ApiProperty({ format: 'date-time' }) enrolledAt!: Date;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) enrolledBy!: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) completedAt!: Date | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) completedBy!: string | null;
}

export class SessionView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) cohortId!: string;
  @ApiProperty({ nullable: true, type: Number, description: 'Week number among the sessions held; null for a cancelled session' }) week!: number | null;
  @ApiProperty({ format: 'date-time' }) startsAt!: Date;
  @ApiProperty({ example: '2026-04-13' }) heldOn!: string;
  @ApiProperty({ example: '18:30', description: 'Local time in the organisation’s time zone' }) startTime!: string;
  @ApiProperty() durationMinutes!: number;
  @ApiProperty({ nullable: true, type: String }) venue!: string | null;
  @ApiProperty({ enum: SESSION_STATUSES }) status!: string;
  @ApiProperty({ nullable: true, type: String }) note!: string | null;
  @ApiProperty() registerVersion!: number;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) registerSavedAt!: Date | null;
}

export class RegisterLineView {
  @ApiProperty({ format: 'uuid' }) enrolmentId!: string;
  @ApiProperty({ format: 'uuid' }) personId!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ description: 'Withdrawn on the session’s date: not expected, listed only if something was recorded for them' }) withdrawn!: boolean;
  @ApiProperty({ nullable: true, enum: ATTENDANCE_STATUSES }) status!: string | null;
  @ApiProperty({ nullable: true, type: String }) note!: string | null;
}

export class RegisterResponseView {
  @ApiProperty({ format: 'uuid' }) sessionId!: string;
  @ApiProperty({ format: 'uuid' }) cohortId!: string;
  @ApiProperty({ example: '2026-04-13' }) heldOn!: string;
  @ApiProperty({ enum: SESSION_STATUSES }) sessionStatus!: string;
  @ApiProperty({ description: 'Send it back with the next save; a save based on an older version is refused' }) version!: number;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) savedAt!: Date | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) savedBy!: string | null;
  @ApiProperty({ type: [RegisterLineView] }) entries!: RegisterLineView[];
}

export class HeldSessionView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: '2026-04-13' }) heldOn!: string;
}

export class AttendedSessionView extends HeldSessionView {
  @ApiProperty() week!: number;
}

export class AttendanceSummaryView {
  @ApiProperty({ description: 'Sessions the person was enrolled for' }) expected!: number;
  @ApiProperty() attended!: number;
  @ApiProperty() absent!: number;
  @ApiProperty() excused!: number;
  @ApiProperty() unrecorded!: number;
  @ApiProperty({ nullable: true, type: Number, description: 'Attended out of recorded sessions, excused ones left out; null before anything is recorded' }) percent!: number | null;
  @ApiProperty({ description: 'The percentage reached by attending every session not yet recorded' }) bestPossiblePercent!: number;
  @ApiProperty({ description: 'How many unrecorded sessions must still be attended to reach the minimum' }) stillNeeded!: number;
  @ApiProperty({ nullable: true, type: HeldSessionView }) lastAttended!: HeldSessionView | null;
}

export class AssessmentStandingView {
  @ApiProperty() name!: string;
  @ApiProperty({ nullable: true, enum: ASSESSMENT_RESULTS }) result!: string | null;
}

export class CompletionView {
  @ApiProperty({ enum: COMPLETION_STATUSES }) status!: string;
  @ApiProperty() eligibleForAward!: boolean;
  @ApiProperty({ type: [String], description: 'Why the person is not (yet) eligible, in words a trainer can act on' }) blockers!: string[];
  @ApiProperty({ type: AttendanceSummaryView }) attendance!: AttendanceSummaryView;
  @ApiProperty({ type: [AssessmentStandingView] }) assessments!: AssessmentStandingView[];
}

export class RiskFlagView {
  @ApiProperty({ enum: RISK_REASONS }) reason!: string;
  @ApiProperty({ format: 'uuid', description: 'The last recorded session the flag is based on' }) sessionId!: string;
  @ApiProperty() message!: string;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'number' }, description: 'The figures behind the flag' }) details!: Record<string, number>;
}

export class EnrolmentProgressView {
  @ApiProperty({ format: 'uuid' }) enrolmentId!: string;
  @ApiProperty({ format: 'uuid' }) personId!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ enum: ENROLMENT_STATES }) state!: string;
  @ApiProperty({ type: CompletionView }) completion!: CompletionView;
  @ApiProperty({ type: [RiskFlagView] }) risk!: RiskFlagView[];
  @ApiProperty({ nullable: true, type: AttendedSessionView, description: 'The last session attended (present or late)' }) lastAttendedSession!: AttendedSessionView | null;
}

export class WithdrawalView {
  @ApiProperty({ format: 'uuid' }) organisationId!: string;
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) enrolmentId!: string;
  @ApiProperty({ example: '2026-05-04' }) withdrawnOn!: string;
  @ApiProperty({ enum: WITHDRAWAL_REASONS }) reason!: string;
  @ApiProperty({ nullable: true, type: String }) note!: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) recordedBy!: string | null;
  @ApiProperty({ format: 'date-time' }) recordedAt!: Date;
  @ApiProperty({ nullable: true, type: String, example: '2026-05-18' }) readmittedOn!: string | null;
  @ApiProperty({ nullable: true, type: String }) readmissionNote!: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) readmittedBy!: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) readmittedAt!: Date | null;
}

export class AssessmentResultView {
  @ApiProperty({ format: 'uuid' }) organisationId!: string;
  @ApiProperty({ format: 'uuid' }) enrolmentId!: string;
  @ApiProperty() assessment!: string;
  @ApiProperty({ enum: ASSESSMENT_RESULTS }) result!: string;
  @ApiProperty({ nullable: true, type: String }) note!: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) recordedBy!: string | null;
  @ApiProperty({ format: 'date-time' }) recordedAt!: Date;
}

export class EnrolmentDetailView extends EnrolmentProgressView {
  @ApiProperty({ format: 'uuid' }) cohortId!: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) applicationId!: string | null;
  @ApiProperty({ format: 'date-time' }) enrolledAt!: Date;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) completedAt!: Date | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) completedBy!: string | null;
  @ApiProperty({ type: [WithdrawalView], description: 'Every withdrawal, re-admitted or not, oldest first' }) withdrawals!: WithdrawalView[];
  @ApiProperty({ type: [AssessmentResultView] }) assessmentResults!: AssessmentResultView[];
}

export class AtRiskPersonView {
  @ApiProperty({ format: 'uuid' }) cohortId!: string;
  @ApiProperty() cohortName!: string;
  @ApiProperty({ format: 'uuid' }) enrolmentId!: string;
  @ApiProperty({ format: 'uuid' }) personId!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ nullable: true, type: Number }) attendancePercent!: number | null;
  @ApiProperty({ nullable: true, type: AttendedSessionView }) lastAttendedSession!: AttendedSessionView | null;
  @ApiProperty({ type: [RiskFlagView] }) flags!: RiskFlagView[];
}

export class CompletionRuleView {
  @ApiProperty({ format: 'uuid' }) programmeId!: string;
  @ApiProperty({ description: 'False while the programme still uses the defaults' }) customised!: boolean;
  @ApiProperty({ example: 80 }) minimumAttendancePercent!: number;
  @ApiProperty({ type: [String] }) requiredAssessments!: string[];
  @ApiProperty({ example: 2 }) atRiskConsecutiveAbsences!: number;
}

export class RetentionWeekView {
  @ApiProperty() week!: number;
  @ApiProperty() cohorts!: number;
  @ApiProperty() enrolled!: number;
  @ApiProperty() retained!: number;
  @ApiProperty({ description: 'retained ÷ enrolled' }) retention!: number;
}

export class LocalityRetentionWeekView {
  @ApiProperty() week!: number;
  @ApiProperty() enrolled!: number;
  @ApiProperty() retained!: number;
  @ApiProperty() retention!: number;
}

export class DropoutReasonView {
  @ApiProperty({ enum: WITHDRAWAL_REASONS }) reason!: string;
  @ApiProperty() count!: number;
  @ApiProperty({ description: 'Of everyone who withdrew' }) share!: number;
}

export class LocalityDropoutView {
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) localityId!: string | null;
  @ApiProperty({ nullable: true, type: String }) localityName!: string | null;
  @ApiProperty() enrolled!: number;
  @ApiProperty() withdrawn!: number;
  @ApiProperty() completed!: number;
  @ApiProperty({ nullable: true, type: Number }) medianDropoutWeek!: number | null;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'number' }, description: 'Withdrawals by reason' }) reasons!: Record<string, number>;
  @ApiProperty() dropoutRate!: number;
  @ApiProperty({ type: [LocalityRetentionWeekView] }) retentionByWeek!: LocalityRetentionWeekView[];
}

export class DropoutFiguresView {
  @ApiProperty() cohorts!: number;
  @ApiProperty() enrolled!: number;
  @ApiProperty() withdrawn!: number;
  @ApiProperty() completed!: number;
  @ApiProperty({ description: 'withdrawn ÷ enrolled' }) dropoutRate!: number;
  @ApiProperty({ nullable: true, type: Number }) medianDropoutWeek!: number | null;
  @ApiProperty({ type: [RetentionWeekView] }) retentionByWeek!: RetentionWeekView[];
  @ApiProperty({ type: [DropoutReasonView] }) reasons!: DropoutReasonView[];
  @ApiProperty({ type: [LocalityDropoutView] }) byLocality!: LocalityDropoutView[];
}

export class MySessionView {
  @ApiProperty({ format: 'uuid' }) sessionId!: string;
  @ApiProperty({ format: 'uuid' }) cohortId!: string;
  @ApiProperty() cohortName!: string;
  @ApiProperty({ format: 'date-time' }) startsAt!: Date;
  @ApiProperty({ example: '2026-04-13' }) heldOn!: string;
  @ApiProperty({ example: '18:30' }) startTime!: string;
  @ApiProperty() durationMinutes!: number;
  @ApiProperty({ nullable: true, type: String }) venue!: string | null;
  @ApiProperty({ enum: SESSION_STATUSES }) status!: string;
  @ApiProperty({ nullable: true, enum: ATTENDANCE_STATUSES, description: 'Their own attendance, once the register is taken' }) attendance!: string | null;
}
