import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * Special-category data (UK GDPR art. 9), one row per person, stored only with a consent. Every
 * field is optional: null means not recorded, PREFER_NOT_TO_SAY is an answer.
 */
@Entity('demographic_profiles')
export class DemographicProfile {
  @PrimaryColumn('uuid', { name: 'organisation_id' })
  organisationId: string;

  @PrimaryColumn('uuid', { name: 'person_id' })
  personId: string;

  @Column('uuid', { name: 'consent_id' })
  consentId: string;

  @Column('text', { nullable: true })
  sex: string | null;

  @Column('text', { name: 'gender_identity', nullable: true })
  genderIdentity: string | null;

  @Column('text', { name: 'gender_identity_other', nullable: true })
  genderIdentityOther: string | null;

  @Column('text', { name: 'sexual_orientation', nullable: true })
  sexualOrientation: string | null;

  @Column('text', { name: 'sexual_orientation_other', nullable: true })
  sexualOrientationOther: string | null;

  /** An age group, for someone who would rather not give their date of birth. */
  @Column('text', { name: 'age_band', nullable: true })
  ageBand: string | null;

  @Column('text', { nullable: true })
  ethnicity: string | null;

  /** The census's write-in for an "any other" answer, in the person's own words. */
  @Column('text', { name: 'ethnicity_other', nullable: true })
  ethnicityOther: string | null;

  @Column('text', { nullable: true })
  disability: string | null;

  @Column('text', { nullable: true })
  religion: string | null;

  @Column('text', { name: 'religion_other', nullable: true })
  religionOther: string | null;

  @Column('text', { name: 'main_language', nullable: true })
  mainLanguage: string | null;

  @Column('text', { name: 'english_proficiency', nullable: true })
  englishProficiency: string | null;

  @Column('text', { name: 'lived_experience', array: true, nullable: true })
  livedExperience: string[] | null;

  @Column('timestamptz', { name: 'updated_at', default: () => 'now()' })
  updatedAt: Date;
}
