import { Column, Entity, PrimaryColumn } from 'typeorm';
import { AssessmentResultValue, EnrolmentState } from '../engine/completion';

export const WITHDRAWAL_REASONS = ['motivation', 'classroom-environment', 'health-or-recovery', 'caring-responsibilities', 'employment', 'moved-away', 'excluded-for-behaviour', 'other'] as const;
export type WithdrawalReason = (typeof WITHDRAWAL_REASONS)[number];

@Entity('enrolments')
export class Enrolment {
  @PrimaryColumn('uuid', { name: 'organisation_id' })
  organisationId: string;

  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid', { name: 'cohort_id' })
  cohortId: string;

  @Column('uuid', { name: 'person_id' })
  personId: string;

  @Column('uuid', { name: 'application_id', nullable: true })
  applicationId: string | null;

  @Column('text', { default: 'enrolled' })
  status: EnrolmentState;

  @Column('timestamptz', { name: 'enrolled_at', default: () => 'now()' })
  enrolledAt: Date;

  @Column('uuid', { name: 'enrolled_by', nullable: true })
  enrolledBy: string | null;

  @Column('timestamptz', { name: 'completed_at', nullable: true })
  completedAt: Date | null;

  @Column('uuid', { name: 'completed_by', nullable: true })
  completedBy: string | null;
}

@Entity('withdrawals')
export class Withdrawal {
  @PrimaryColumn('uuid', { name: 'organisation_id' })
  organisationId: string;

  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid', { name: 'enrolment_id' })
  enrolmentId: string;

  @Column('date', { name: 'withdrawn_on' })
  withdrawnOn: string;

  @Column('text')
  reason: WithdrawalReason;

  @Column('text', { nullable: true })
  note: string | null;

  @Column('uuid', { name: 'recorded_by', nullable: true })
  recordedBy: string | null;

  @Column('timestamptz', { name: 'recorded_at', default: () => 'now()' })
  recordedAt: Date;

  @Column('date', { name: 'readmitted_on', nullable: true })
  readmittedOn: string | null;

  @Column('text', { name: 'readmission_note', nullable: true })
  readmissionNote: string | null;

  @Column('uuid', { name: 'readmitted_by', nullable: true })
  readmittedBy: string | null;

  @Column('timestamptz', { name: 'readmitted_at', nullable: true })
  readmittedAt: Date | null;
}

@Entity('assessment_results')
export class AssessmentResult {
  @PrimaryColumn('uuid', { name: 'organisation_id' })
  organisationId: string;

  @PrimaryColumn('uuid', { name: 'enrolment_id' })
  enrolmentId: string;

  @PrimaryColumn('text')
  assessment: string;

  @Column('text')
  result: AssessmentResultValue;

  @Column('text', { nullable: true })
  note: string | null;

  @Column('uuid', { name: 'recorded_by', nullable: true })
  recordedBy: string | null;

  @Column('timestamptz', { name: 'recorded_at', default: () => 'now()' })
  recordedAt: Date;
}
