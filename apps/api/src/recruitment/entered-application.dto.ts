import { IsUuid, LoadedVersion, NestedObject, OptionalText, OptionalUuid } from '../validation';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsDefined, IsIn, IsNotEmpty, IsOptional, IsString, Matches, MaxLength, ValidateBy, ValidateNested } from 'class-validator';
import { CONSENT_WORDING_MAX_LENGTH, EQUALITY_CONSENT_WORDING } from '@steppingstone/people';
import {
  APPLICATION_CHANNELS,
  APPLICATION_SOURCES,
  APPLICATION_STAGES,
  ApplicationChannel,
  ApplicationSource,
  ApplicationStage,
  BULK_MOVE_MAX,
  CONTACT_CONSENT_WORDING,
  PaperConsent,
} from '@steppingstone/recruitment';
import { IsCalendarDate } from '../cohorts/cohort.dto';
import { PersonDetailsDto } from '../people/contact-details.dto';
import { DemographicAnswersDto } from '../people/demographics.dto';
import { trim } from '../transforms';

const STAFF_CHANNELS = ['phone', 'paper', 'in-person'] as const;
const PAPER_METHODS = ['paper-form', 'verbal'] as const;

const notInFuture = (field: string) =>
  ValidateBy({
    name: 'notInFuture',
    validator: { validate: (value: unknown) => typeof value === 'string' && value <= new Date().toISOString().slice(0, 10), defaultMessage: () => `${field} must not be in the future` },
  });

/** A consent as it was given on a paper form or over the phone. */
export class PaperConsentDto implements PaperConsent {
  @ApiProperty({ enum: PAPER_METHODS, description: 'paper-form: ticked on a paper form; verbal: said over the phone or in person' })
  @IsIn(PAPER_METHODS, { message: `method must be one of ${PAPER_METHODS.join(', ')}` })
  method: (typeof PAPER_METHODS)[number];

  @ApiProperty({ example: '2026-11-20', format: 'date', description: 'The date on the paper form, or of the call; not in the future' })
  @IsCalendarDate('givenOn')
  @notInFuture('givenOn')
  givenOn: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'The member of staff who took it (a member of this organisation); default: you' })
  @OptionalUuid()
  takenBy?: string;

  @ApiPropertyOptional({ maxLength: CONSENT_WORDING_MAX_LENGTH, description: 'The words on the paper, when they differ from the product’s own' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @IsNotEmpty({ message: 'wording must not be empty' })
  @MaxLength(CONSENT_WORDING_MAX_LENGTH)
  wording?: string;
}

export class StaffEqualityDto {
  @ApiProperty({ type: PaperConsentDto, description: `The consent to the equality questions the form carried, apart from consent to be contacted (default wording: “${EQUALITY_CONSENT_WORDING}”)` })
  @IsDefined({ message: 'equality.consent is required: equality answers are kept only with the person’s consent' })
  @NestedObject(() => PaperConsentDto)
  consent: PaperConsentDto;

  @ApiProperty({ type: DemographicAnswersDto, description: 'The answers as the form carried them, census categories or "Prefer not to say"; leave a question out if it was not answered' })
  @IsDefined({ message: 'equality.answers is required' })
  @NestedObject(() => DemographicAnswersDto)
  answers: DemographicAnswersDto;
}

/** An application that came by phone, on paper or in person, as a coordinator enters it. */
export class EnteredApplicationDto {
  @ApiProperty({ enum: STAFF_CHANNELS, description: 'How it reached you' })
  @IsIn(STAFF_CHANNELS, { message: `channel must be one of ${STAFF_CHANNELS.join(', ')}` })
  channel: (typeof STAFF_CHANNELS)[number];

  @ApiProperty({ example: '2026-11-20', format: 'date', description: 'When it arrived (the date of the call, or the date received on the paper form); its registration date in the funnel' })
  @IsCalendarDate('receivedOn')
  @notInFuture('receivedOn')
  receivedOn: string;

  @ApiPropertyOptional({ enum: APPLICATION_SOURCES, description: 'Default: referral when a partner is given, else coordinator' })
  @IsOptional()
  @IsIn(APPLICATION_SOURCES, { message: `source must be one of ${APPLICATION_SOURCES.join(', ')}` })
  source?: ApplicationSource;

  @ApiPropertyOptional({ format: 'uuid', description: 'The referral partner that brought them; or send its `partnerCode`' })
  @OptionalUuid()
  partnerId?: string;

  @ApiPropertyOptional({ example: 'HOLLOWAYJC', description: 'The partner code written on the paper form' })
  @IsOptional()
  @ValidateBy({
    name: 'oneOf',
    validator: { validate: (_: unknown, args) => !(args?.object as EnteredApplicationDto).partnerId, defaultMessage: () => 'partnerCode: send partnerId or partnerCode, not both' },
  })
  @IsString()
  @Matches(/^[A-Za-z0-9 -]{3,20}$/, { message: 'partnerCode must be a partner code such as HOLLOWAYJC' })
  partnerCode?: string;

  @ApiPropertyOptional({ example: 'Dr Shah at Archway Medical Centre', maxLength: 200, description: 'Who referred them, in words (beside or instead of a partner)' })
  @OptionalText(200)
  referrer?: string;

  @ApiProperty({ type: PersonDetailsDto, description: 'The contact details they gave: a phone, an email, a postal address, any or none' })
  @IsDefined({ message: 'person is required' })
  @NestedObject(() => PersonDetailsDto)
  person: PersonDetailsDto;

  @ApiPropertyOptional({ description: 'Record the person even though their email, phone, or name and date of birth match someone (they are different people)' })
  @IsOptional()
  @IsBoolean({ message: 'allowDuplicate must be true or false' })
  allowDuplicate?: boolean;

  @ApiProperty({ type: PaperConsentDto, description: `Their consent to be contacted as it was given (default wording: “${CONTACT_CONSENT_WORDING}”)` })
  @IsDefined({ message: 'contactConsent is required: how and when the person agreed to be contacted, and who took it' })
  @NestedObject(() => PaperConsentDto)
  contactConsent: PaperConsentDto;

  @ApiPropertyOptional({ type: StaffEqualityDto, description: 'The equality answers, when the form carried them, with the consent it carried for them' })
  @IsOptional()
  @NestedObject(() => StaffEqualityDto)
  equality?: StaffEqualityDto;
}

export class ApplicationResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) organisationId: string;
  @ApiProperty({ format: 'uuid' }) intakeId: string;
  @ApiProperty({ format: 'uuid' }) personId: string;
  @ApiProperty({ example: 'K7MX4QPT', description: 'Eight characters to read out on the phone; GET /applications?q= finds it' }) reference: string;
  @ApiProperty({ enum: APPLICATION_STAGES }) stage: ApplicationStage;
  @ApiProperty({ enum: APPLICATION_SOURCES }) source: ApplicationSource;
  @ApiProperty({ nullable: true, type: String }) referrer: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'uuid', description: 'The referral partner that brought them' }) partnerId: string | null;
  @ApiProperty({ nullable: true, enum: APPLICATION_CHANNELS, description: 'null for applications recorded before the channel was asked' }) channel: ApplicationChannel | null;
  @ApiProperty({ description: 'When it arrived' }) appliedAt: Date;
  @ApiProperty() stageChangedAt: Date;
  @ApiProperty() version: number;
}

export class EnteredApplicationResponse extends ApplicationResponse {
  @ApiProperty({ description: 'Whether equality answers were recorded with it' }) equalityRecorded: boolean;
}

export class BulkMoveItemDto {
  @ApiProperty({ format: 'uuid' })
  @IsUuid()
  id: string;

  @ApiPropertyOptional({ description: 'The version you saw; if it moved since, the whole bulk move is refused with this one named' })
  @LoadedVersion()
  version?: number;
}

export class BulkMoveDto {
  @ApiProperty({ enum: APPLICATION_STAGES })
  @IsIn(APPLICATION_STAGES, { message: `to must be one of ${APPLICATION_STAGES.join(', ')}` })
  to: ApplicationStage;

  @ApiPropertyOptional({ example: 'Accepted at the welcome evening', maxLength: 2000, description: 'Written on each application’s stage history' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string;

  @ApiProperty({ type: [BulkMoveItemDto], minItems: 1, maxItems: BULK_MOVE_MAX })
  @IsArray({ message: 'applications must be a list of { id, version }' })
  @ArrayMinSize(1, { message: 'applications must name at least one application' })
  @ArrayMaxSize(BULK_MOVE_MAX, { message: `applications must name at most ${BULK_MOVE_MAX} applications` })
  @ValidateBy({
    name: 'uniqueIds',
    validator: {
      validate: (value: unknown) => !Array.isArray(value) || new Set(value.map((v: { id?: unknown }) => v?.id)).size === value.length,
      defaultMessage: () => 'applications must not name an application twice',
    },
  })
  @ValidateNested({ each: true })
  @Type(() => BulkMoveItemDto)
  applications: BulkMoveItemDto[];
}

class BulkMovedResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() reference: string;
  @ApiProperty({ enum: APPLICATION_STAGES }) from: ApplicationStage;
  @ApiProperty({ enum: APPLICATION_STAGES }) to: ApplicationStage;
  @ApiProperty({ description: 'The application’s version after the move' }) version: number;
}

export class BulkMoveResponse {
  @ApiProperty({ enum: APPLICATION_STAGES }) to: ApplicationStage;
  @ApiProperty({ type: [BulkMovedResponse] }) moved: BulkMovedResponse[];
}
