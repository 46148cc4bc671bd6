import { Column, Entity, PrimaryColumn } from 'typeorm';
import { AttendanceStatus } from '../engine/completion';

export type SessionStatus = 'scheduled' | 'cancelled';

@Entity('cohort_sessions')
export class CohortSession {
  @PrimaryColumn('uuid', { name: 'organisation_id' })
  organisationId: string;

  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid', { name: 'cohort_id' })
  cohortId: string;

  @Column('timestamptz', { name: 'starts_at' })
  startsAt: Date;

  /** The date in the organisation's time zone. */
  @Column('date', { name: 'held_on' })
  heldOn: string;

  @Column('integer', { name: 'duration_minutes' })
  durationMinutes: number;

  @Column('text', { nullable: true })
  venue: string | null;

  @Column('text', { default: 'scheduled' })
  status: SessionStatus;

  @Column('text', { nullable: true })
  note: string | null;

  @Column('integer', { name: 'register_version', default: 0 })
  registerVersion: number;

  @Column('timestamptz', { name: 'register_saved_at', nullable: true })
  registerSavedAt: Date | null;

  @Column('uuid', { name: 'register_saved_by', nullable: true })
  registerSavedBy: string | null;
}

@Entity('attendance')
export class Attendance {
  @PrimaryColumn('uuid', { name: 'organisation_id' })
  organisationId: string;

  @PrimaryColumn('uuid', { name: 'session_id' })
  sessionId: string;

  @PrimaryColumn('uuid', { name: 'enrolment_id' })
  enrolmentId: string;

  @Column('text')
  status: AttendanceStatus;

  @Column('text', { nullable: true })
  note: string | null;

  @Column('uuid', { name: 'recorded_by', nullable: true })
  recordedBy: string | null;

  @Column('timestamptz', { name: 'recorded_at', default: () => 'now()' })
  recordedAt: Date;
}
