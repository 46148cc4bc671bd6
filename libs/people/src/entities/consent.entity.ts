import { Column, Entity, PrimaryColumn } from 'typeorm';

export const CONSENT_PURPOSES = ['demographic-monitoring', 'contact'] as const;
export type ConsentPurpose = (typeof CONSENT_PURPOSES)[number];
export const CONSENT_METHODS = ['online-form', 'paper-form', 'verbal', 'import'] as const;
export type ConsentMethod = (typeof CONSENT_METHODS)[number];

/** What a person agreed to, when and how. Withdrawal keeps the record (as evidence) and removes the data. */
@Entity('consents')
export class Consent {
  @PrimaryColumn('uuid', { name: 'organisation_id' })
  organisationId: string;

  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid', { name: 'person_id' })
  personId: string;

  @Column('text')
  purpose: ConsentPurpose;

  @Column('text')
  wording: string;

  @Column('text')
  method: ConsentMethod;

  @Column('timestamptz', { name: 'given_at' })
  givenAt: Date;

  @Column('uuid', { name: 'recorded_by', nullable: true })
  recordedBy: string | null;

  @Column('timestamptz', { name: 'withdrawn_at', nullable: true })
  withdrawnAt: Date | null;

  @Column('uuid', { name: 'withdrawn_by', nullable: true })
  withdrawnBy: string | null;
}
