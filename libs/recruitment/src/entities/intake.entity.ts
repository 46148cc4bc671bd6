import { Column, Entity, PrimaryColumn } from 'typeorm';

export const INTAKE_STATUSES = ['draft', 'open', 'closed', 'archived'] as const;
export type IntakeStatus = (typeof INTAKE_STATUSES)[number];

/** One round of recruitment into a programme: a window, a number of places, a public link while open. */
@Entity('intakes')
export class Intake {
  @PrimaryColumn('uuid', { name: 'organisation_id' })
  organisationId: string;

  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid', { name: 'programme_id' })
  programmeId: string;

  @Column('text')
  name: string;

  @Column('date', { name: 'opens_on' })
  opensOn: string;

  @Column('date', { name: 'closes_on' })
  closesOn: string;

  @Column('integer')
  capacity: number;

  @Column('text', { default: 'draft' })
  status: IntakeStatus;

  @Column('text', { name: 'public_slug' })
  publicSlug: string;

  @Column('timestamptz', { name: 'created_at', default: () => 'now()' })
  createdAt: Date;

  @Column('timestamptz', { name: 'updated_at', default: () => 'now()' })
  updatedAt: Date;
}

@Entity('intake_locality_capacities')
export class IntakeLocalityCapacity {
  @PrimaryColumn('uuid', { name: 'organisation_id' })
  organisationId: string;

  @PrimaryColumn('uuid', { name: 'intake_id' })
  intakeId: string;

  @PrimaryColumn('uuid', { name: 'locality_id' })
  localityId: string;

  @Column('integer')
  capacity: number;
}
