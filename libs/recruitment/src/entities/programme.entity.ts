import { Column, Entity, PrimaryColumn } from 'typeorm';

export const PROGRAMME_KINDS = ['volunteering', 'training-course', 'paid-role'] as const;
export type ProgrammeKind = (typeof PROGRAMME_KINDS)[number];

@Entity('programmes')
export class Programme {
  @PrimaryColumn('uuid', { name: 'organisation_id' })
  organisationId: string;

  @PrimaryColumn('uuid')
  id: string;

  @Column('text')
  name: string;

  @Column('text')
  kind: ProgrammeKind;

  @Column('text', { default: '' })
  description: string;

  @Column('text', { name: 'eligibility_notes', default: '' })
  eligibilityNotes: string;

  /** The census dataset this programme's pools and cohorts are compared with. */
  @Column('uuid', { name: 'census_dataset_id', nullable: true })
  censusDatasetId: string | null;

  @Column('timestamptz', { name: 'archived_at', nullable: true })
  archivedAt: Date | null;

  @Column('timestamptz', { name: 'created_at', default: () => 'now()' })
  createdAt: Date;

  @Column('timestamptz', { name: 'updated_at', default: () => 'now()' })
  updatedAt: Date;
}
