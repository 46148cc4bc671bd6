import { Column, Entity, PrimaryColumn } from 'typeorm';

/** An organisation's own area: a catchment, neighbourhood or district, optionally with the ONS codes it covers. */
@Entity('localities')
export class Locality {
  @PrimaryColumn('uuid', { name: 'organisation_id' })
  organisationId: string;

  @PrimaryColumn('uuid')
  id: string;

  @Column('text')
  name: string;

  @Column('text', { name: 'ons_codes', array: true, default: () => "'{}'" })
  onsCodes: string[];

  @Column('timestamptz', { name: 'created_at', default: () => 'now()' })
  createdAt: Date;
}
