import { ApiProperty } from '@nestjs/swagger';
import { answersOf, CONSENT_METHODS, CONSENT_PURPOSES, CONTACT_CHANNELS, ContactChannel, LIVED_EXPERIENCE_ANSWERS, PREFER_NOT_TO_SAY } from '@steppingstone/people';

/** Response shapes, for the OpenAPI document the web app's client is generated from. */
export class PersonView {
  @ApiProperty({ format: 'uuid' }) organisationId!: string;
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ nullable: true, type: String }) preferredName!: string | null;
  @ApiProperty({ nullable: true, type: String }) email!: string | null;
  @ApiProperty({ nullable: true, type: String }) phone!: string | null;
  @ApiProperty({ nullable: true, type: String }) postcode!: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'Postal address, lines separated by new lines' }) address!: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) localityId!: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date', example: '1990-02-28' }) dateOfBirth!: string | null;
  @ApiProperty({ enum: CONTACT_CHANNELS, isArray: true }) contactPreferences!: ContactChannel[];
  @ApiProperty({ nullable: true, type: String, format: 'uuid', description: 'Their own account, once they have one' }) userId!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: Date;
  @ApiProperty({ format: 'date-time' }) updatedAt!: Date;
  @ApiProperty({ description: 'Send back on PATCH to be told when someone else saved in between' }) version!: number;
  @ApiProperty({ nullable: true, type: String, format: 'date-time', description: 'When the retention policy anonymised the record (it can no longer be changed)' }) anonymisedAt!: Date | null;
}

export class PersonPageView {
  @ApiProperty({ type: [PersonView] }) items!: PersonView[];
  @ApiProperty() total!: number;
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
}

const DUPLICATE_EVIDENCE = ['email', 'phone', 'nameAndDateOfBirth'];

export class PersonNameView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
}

export class MergeBodyView {
  @ApiProperty({ format: 'uuid' }) duplicateId!: string;
}

export class MergeLinkView {
  @ApiProperty({ enum: ['POST'] }) method!: string;
  @ApiProperty({ example: '/people/7e735a08-05e0-4223-805e-0fde0566578b/merge' }) path!: string;
  @ApiProperty({ type: MergeBodyView }) body!: MergeBodyView;
}

export class DuplicatePairView {
  @ApiProperty({ type: [PersonNameView], minItems: 2, maxItems: 2, description: 'The older record first: the one a merge keeps' }) people!: PersonNameView[];
  @ApiProperty({ enum: DUPLICATE_EVIDENCE, isArray: true }) matchedOn!: string[];
  @ApiProperty({ type: MergeLinkView, description: 'The request that folds the newer record into the older' }) merge!: MergeLinkView;
}

export class DuplicatePairPageView {
  @ApiProperty({ type: [DuplicatePairView] }) items!: DuplicatePairView[];
  @ApiProperty() total!: number;
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
}

export class MergeOutcomeView {
  @ApiProperty({ type: PersonView }) person!: PersonView;
  @ApiProperty({
    type: 'object',
    additionalProperties: { oneOf: [{ type: 'number' }, { type: 'boolean' }] },
    example: { applications: 2, consents: 1, demographicProfile: true },
    description:
      'How many of each kind of record moved across (applications, enrolments, placements, jobs as each lib reports them), consents, and whether the duplicate’s demographic profile was taken',
  })
  moved!: Record<string, number | boolean>;
  @ApiProperty({ type: [String], description: 'Contact fields filled from the duplicate' }) filled!: string[];
}

export class ConsentView {
  @ApiProperty({ format: 'uuid' }) organisationId!: string;
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) personId!: string;
  @ApiProperty({ enum: CONSENT_PURPOSES }) purpose!: string;
  @ApiProperty({ description: 'The words the person agreed to' }) wording!: string;
  @ApiProperty({ enum: CONSENT_METHODS }) method!: string;
  @ApiProperty({ format: 'date-time' }) givenAt!: Date;
  @ApiProperty({ nullable: true, type: String, format: 'uuid', description: 'The member of staff who took or recorded it; null when the person gave it online' }) recordedBy!: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) withdrawnAt!: Date | null;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) withdrawnBy!: string | null;
}

const answer = (question: Parameters<typeof answersOf>[0]) => ({
  enum: answersOf(question),
  nullable: true,
  type: String,
  description: `Census 2021 answer, or "${PREFER_NOT_TO_SAY}"; null when not recorded`,
});
const writeIn = { nullable: true, type: String, description: 'The census’s write-in, in the person’s own words' };

export class DemographicAnswersView {
  @ApiProperty(answer('sex')) sex!: string | null;
  @ApiProperty(answer('ageBand')) ageBand!: string | null;
  @ApiProperty(answer('genderIdentity')) genderIdentity!: string | null;
  @ApiProperty(writeIn) genderIdentityOther!: string | null;
  @ApiProperty(answer('sexualOrientation')) sexualOrientation!: string | null;
  @ApiProperty(writeIn) sexualOrientationOther!: string | null;
  @ApiProperty(answer('ethnicity')) ethnicity!: string | null;
  @ApiProperty(writeIn) ethnicityOther!: string | null;
  @ApiProperty(answer('disability')) disability!: string | null;
  @ApiProperty(answer('religion')) religion!: string | null;
  @ApiProperty(writeIn) religionOther!: string | null;
  @ApiProperty(answer('englishProficiency')) englishProficiency!: string | null;
  @ApiProperty({ nullable: true, type: String, example: 'Somali', description: `Free text, or "${PREFER_NOT_TO_SAY}"` }) mainLanguage!: string | null;
  @ApiProperty({ enum: LIVED_EXPERIENCE_ANSWERS, isArray: true, nullable: true }) livedExperience!: string[] | null;
}

export class DemographicProfileAnswersView extends DemographicAnswersView {
  @ApiProperty({ format: 'date-time' }) updatedAt!: Date;
}

export class DemographicProfileView {
  @ApiProperty({ format: 'uuid' }) personId!: string;
  @ApiProperty({ type: DemographicProfileAnswersView, nullable: true, description: 'null when no profile is held (never given, or its consent was withdrawn); each answer null when not recorded' })
  profile!: DemographicProfileAnswersView | null;
  @ApiProperty({ type: ConsentView, nullable: true, description: 'The demographic-monitoring consent the profile rests on' })
  consent!: ConsentView | null;
}

/** The stored profile row, as a subject access export carries it. */
export class StoredDemographicProfileView extends DemographicProfileAnswersView {
  @ApiProperty({ format: 'uuid' }) organisationId!: string;
  @ApiProperty({ format: 'uuid' }) personId!: string;
  @ApiProperty({ format: 'uuid' }) consentId!: string;
}

export class ExportedTransitionView {
  @ApiProperty({ nullable: true, type: String }) fromStage!: string | null;
  @ApiProperty() toStage!: string;
  @ApiProperty({ nullable: true, type: String }) note!: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) actorUserId!: string | null;
  @ApiProperty({ format: 'date-time' }) occurredAt!: Date;
}

export class ExportedApplicationView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) intakeId!: string;
  @ApiProperty() intakeName!: string;
  @ApiProperty() programmeName!: string;
  @ApiProperty() stage!: string;
  @ApiProperty() source!: string;
  @ApiProperty({ nullable: true, type: String }) referrer!: string | null;
  @ApiProperty({ format: 'date-time' }) appliedAt!: Date;
  @ApiProperty({ format: 'date-time' }) stageChangedAt!: Date;
  @ApiProperty({ type: [ExportedTransitionView] }) transitions!: ExportedTransitionView[];
}

const JOURNEY_ROWS = { type: 'array', items: { type: 'object', additionalProperties: true } } as const;

export class ExportedJourneyView {
  @ApiProperty({ ...JOURNEY_ROWS, description: 'Each enrolment with its attendance, as the cohorts lib records it' }) enrolments!: Array<Record<string, unknown>>;
  @ApiProperty({ ...JOURNEY_ROWS, description: 'Each placement with its supervision, as the placements lib records it' }) placements!: Array<Record<string, unknown>>;
  @ApiProperty({ ...JOURNEY_ROWS, description: 'Each job with its sustainment checks, as the progression lib records it' }) jobs!: Array<Record<string, unknown>>;
}

export class PersonDataExportView {
  @ApiProperty({ format: 'date-time' }) exportedAt!: Date;
  @ApiProperty({ type: PersonView }) person!: PersonView;
  @ApiProperty({ type: [ConsentView] }) consents!: ConsentView[];
  @ApiProperty({ type: StoredDemographicProfileView, nullable: true }) demographicProfile!: StoredDemographicProfileView | null;
  @ApiProperty({ type: [ExportedApplicationView] }) applications!: ExportedApplicationView[];
  @ApiProperty({ type: ExportedJourneyView, description: 'Training, placements and jobs, with attendance, supervision and sustainment checks' }) journey!: ExportedJourneyView;
}

export class DataRightsRequestView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: ['erase', 'export'] }) kind!: string;
  @ApiProperty({ format: 'uuid' }) personId!: string;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) requestedBy!: string | null;
  @ApiProperty({ enum: ['pending', 'running', 'done', 'failed'] }) status!: string;
  @ApiProperty() attempts!: number;
  @ApiProperty({ nullable: true, type: String }) error!: string | null;
  @ApiProperty({ format: 'date-time' }) requestedAt!: Date;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) startedAt!: Date | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) finishedAt!: Date | null;
  @ApiProperty({ nullable: true, type: String, description: 'Where a finished export is fetched from; null until then, and for erasures' }) downloadPath!: string | null;
}
