import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity('cohorts')
export class Cohort {
  @PrimaryColumn('uuid', { name: 'organisation_id' })
  organisationId: string;

  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid', { name: 'programme_id' })
  programmeId: string;

  @Column('uuid', { name: 'intake_id', nullable: true })
  intakeId: string | null;

  @Column('uuid', { name: 'locality_id', nullable: true })
  localityId: string | null;

  @Column('text')
  name: string;

  @Column('date', { name: 'starts_on' })
  startsOn: string;

  @Column('integer')
  capacity: number;

  @Column('text', { nullable: true })
  venue: string | null;

  @Column('timestamptz', { name: 'created_at', default: () => 'now()' })
  createdAt: Date;

  @Column('timestamptz', { name: 'updated_at', default: () => 'now()' })
  updatedAt: Date;
}

@Entity('cohort_trainers')
export class CohortTrainer {
  @PrimaryColumn('uuid', { name: 'organisation_id' })
  organisationId: string;

  @PrimaryColumn('uuid', { name: 'cohort_id' })
  cohortId: string;

  @PrimaryColumn('uuid', { name: 'user_id' })
  userId: string;
}

@Entity('completion_rules')
export class CompletionRuleRow {
  @PrimaryColumn('uuid', { name: 'organisation_id' })
  organisationId: string;

  @PrimaryColumn('uuid', { name: 'programme_id' })
  programmeId: string;

  @Column('integer', { name: 'minimum_attendance_percent' })
  minimumAttendancePercent: number;

  @Column('text', { name: 'required_assessments', array: true })
  requiredAssessments: string[];

  @Column('integer', { name: 'at_risk_consecutive_absences' })
  atRiskConsecutiveAbsences: number;

  @Column('uuid', { name: 'updated_by', nullable: true })
  updatedBy: string | null;

  @Column('timestamptz', { name: 'updated_at', default: () => 'now()' })
  updatedAt: Date;
}
