import { Column, Entity, PrimaryColumn } from 'typeorm';
import { Role } from '@steppingstone/core';

@Entity('organisations')
export class Organisation {
  @PrimaryColumn('uuid')
  id: string;

  @Column('text')
  name: string;

  /** ONS code of the local authority, e.g. E09000019 (Islington). */
  @Column('text', { name: 'borough_code' })
  boroughCode: string;

  @Column('text', { name: 'time_zone', default: 'Europe/London' })
  timeZone: string;

  @Column('text', { name: 'second_factor_required_roles', array: true, default: () => "'{}'" })
  secondFactorRequiredRoles: Role[];

  /** Months after a person's last activity before they are anonymised; null keeps records until changed. */
  @Column('integer', { name: 'retention_months', nullable: true })
  retentionMonths: number | null;

  /** The census dataset to compare with when neither the request nor the programme names one; null: the newest with figures for the borough. */
  @Column('uuid', { name: 'default_census_dataset_id', nullable: true })
  defaultCensusDatasetId: string | null;

  @Column('timestamptz', { name: 'created_at', default: () => 'now()' })
  createdAt: Date;

  @Column('timestamptz', { name: 'updated_at', default: () => 'now()' })
  updatedAt: Date;
}
