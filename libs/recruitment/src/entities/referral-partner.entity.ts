import { Column, Entity, PrimaryColumn } from 'typeorm';

export const PARTNER_KINDS = ['job-centre', 'gp-surgery', 'community-group', 'faith-group', 'housing-officer', 'existing-peer', 'other'] as const;
export type PartnerKind = (typeof PARTNER_KINDS)[number];

/**
 * An organisation (or person) that brings applicants: a job centre, a GP surgery, a community or
 * faith group, a housing officer, an existing peer. Its code goes on paper forms and in its link to
 * an intake's public form, so every application it brings carries it.
 */
@Entity('referral_partners')
export class ReferralPartner {
  @PrimaryColumn('uuid', { name: 'organisation_id' })
  organisationId: string;

  @PrimaryColumn('uuid')
  id: string;

  @Column('text')
  name: string;

  @Column('text')
  kind: PartnerKind;

  /** Upper-case letters and digits, unique in the organisation; typed on the public form or a paper one. */
  @Column('text')
  code: string;

  @Column('text', { name: 'contact_name', nullable: true })
  contactName: string | null;

  @Column('text', { name: 'contact_email', nullable: true })
  contactEmail: string | null;

  @Column('text', { name: 'contact_phone', nullable: true })
  contactPhone: string | null;

  @Column('text', { default: '' })
  notes: string;

  /** No longer offered in lists and links; its code still attributes late paper forms. */
  @Column('timestamptz', { name: 'archived_at', nullable: true })
  archivedAt: Date | null;

  @Column('timestamptz', { name: 'created_at', default: () => 'now()' })
  createdAt: Date;

  @Column('timestamptz', { name: 'updated_at', default: () => 'now()' })
  updatedAt: Date;
}
