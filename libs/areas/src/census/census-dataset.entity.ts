import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One version of a set of census tables an organisation imported (e.g. "Census 2021", version 2). */
@Entity('census_datasets')
export class CensusDataset {
  @PrimaryColumn('uuid', { name: 'organisation_id' })
  organisationId: string;

  @PrimaryColumn('uuid')
  id: string;

  @Column('text')
  name: string;

  @Column('integer')
  version: number;

  @Column('text', { default: '' })
  description: string;

  @Column('uuid', { name: 'created_by', nullable: true })
  createdBy: string | null;

  @Column('timestamptz', { name: 'created_at', default: () => 'now()' })
  createdAt: Date;
}
