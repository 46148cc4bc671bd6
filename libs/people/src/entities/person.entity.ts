import { Column, Entity, PrimaryColumn } from 'typeorm';

export const CONTACT_CHANNELS = ['email', 'phone', 'sms', 'post'] as const;
export type ContactChannel = (typeof CONTACT_CHANNELS)[number];

/** A resident known to the organisation: an applicant, a trainee, a peer mentor. Contact details only; no special-category data. */
@Entity('people')
export class Person {
  @PrimaryColumn('uuid', { name: 'organisation_id' })
  organisationId: string;

  @PrimaryColumn('uuid')
  id: string;

  @Column('text')
  name: string;

  @Column('text', { name: 'preferred_name', nullable: true })
  preferredName: string | null;

  @Column('text', { nullable: true })
  email: string | null;

  @Column('text', { nullable: true })
  phone: string | null;

  @Column('text', { nullable: true })
  postcode: string | null;

  /** A postal address (lines separated by new lines), for people reached by post. */
  @Column('text', { nullable: true })
  address: string | null;

  @Column('uuid', { name: 'locality_id', nullable: true })
  localityId: string | null;

  @Column('date', { name: 'date_of_birth', nullable: true })
  dateOfBirth: string | null;

  @Column('text', { name: 'contact_preferences', array: true, default: () => "'{email}'" })
  contactPreferences: ContactChannel[];

  @Column('uuid', { name: 'user_id', nullable: true })
  userId: string | null;

  @Column('timestamptz', { name: 'created_at', default: () => 'now()' })
  createdAt: Date;

  @Column('timestamptz', { name: 'updated_at', default: () => 'now()' })
  updatedAt: Date;

  @Column('integer', { default: 1 })
  version: number;

  /** Set when the retention policy anonymised the record; it then only counts, it is no longer anyone. */
  @Column('timestamptz', { name: 'anonymised_at', nullable: true })
  anonymisedAt: Date | null;
}
