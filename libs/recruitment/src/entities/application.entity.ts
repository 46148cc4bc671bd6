import { Column, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

export const APPLICATION_STAGES = ['applied', 'screened', 'taster', 'offered', 'accepted', 'enrolled', 'waitlisted', 'declined', 'withdrawn'] as const;
export type ApplicationStage = (typeof APPLICATION_STAGES)[number];

export const APPLICATION_SOURCES = ['self', 'referral', 'coordinator', 'event'] as const;
export type ApplicationSource = (typeof APPLICATION_SOURCES)[number];

/** How the application reached the organisation (null for ones recorded before this was asked). */
export const APPLICATION_CHANNELS = ['online', 'phone', 'paper', 'in-person', 'import'] as const;
export type ApplicationChannel = (typeof APPLICATION_CHANNELS)[number];

/** A person applying to an intake. `version` guards against two coordinators moving it at once. */
@Entity('applications')
export class Application {
  @PrimaryColumn('uuid', { name: 'organisation_id' })
  organisationId: string;

  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid', { name: 'intake_id' })
  intakeId: string;

  @Column('uuid', { name: 'person_id' })
  personId: string;

  /** Eight characters a person can read out on the phone; unique in the organisation, drawn by the database. */
  @Column('text', { default: () => 'application_reference()' })
  reference: string;

  @Column('text', { default: 'applied' })
  stage: ApplicationStage;

  @Column('text')
  source: ApplicationSource;

  @Column('text', { nullable: true })
  referrer: string | null;

  /** The referral partner that brought them, by its link or code. */
  @Column('uuid', { name: 'partner_id', nullable: true })
  partnerId: string | null;

  @Column('text', { nullable: true })
  channel: ApplicationChannel | null;

  @Column('timestamptz', { name: 'applied_at', default: () => 'now()' })
  appliedAt: Date;

  @Column('timestamptz', { name: 'stage_changed_at', default: () => 'now()' })
  stageChangedAt: Date;

  @Column('integer', { default: 1 })
  version: number;
}

/** Every move between stages: who, when, why. Never updated. */
@Entity('application_transitions')
export class ApplicationTransition {
  @PrimaryColumn('uuid', { name: 'organisation_id' })
  organisationId: string;

  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  id: string;

  @Column('uuid', { name: 'application_id' })
  applicationId: string;

  @Column('text', { name: 'from_stage', nullable: true })
  fromStage: ApplicationStage | null;

  @Column('text', { name: 'to_stage' })
  toStage: ApplicationStage;

  @Column('uuid', { name: 'actor_user_id', nullable: true })
  actorUserId: string | null;

  @Column('text', { nullable: true })
  note: string | null;

  @Column('timestamptz', { name: 'occurred_at', default: () => 'now()' })
  occurredAt: Date;
}
