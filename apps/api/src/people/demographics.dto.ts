import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsISO8601, IsNotEmpty, IsObject, IsOptional, IsString, MaxLength, registerDecorator, ValidateNested, ValidationOptions } from 'class-validator';
import {
  answersOf,
  CONSENT_CLOCK_SKEW_MS,
  CONSENT_METHODS,
  CONSENT_WORDING_MAX_LENGTH,
  ConsentMethod,
  demographicAnswerMessage,
  isLivedExperience,
  LIVED_EXPERIENCE_ANSWERS,
  livedExperienceMessage,
  MAIN_LANGUAGE_MAX_LENGTH,
  PREFER_NOT_TO_SAY,
  WRITE_IN_MAX_LENGTH,
} from '@steppingstone/people';

function IsNotInFuture(options?: ValidationOptions) {
  return (object: object, propertyName: string) =>
    registerDecorator({
      name: 'notInFuture',
      target: object.constructor,
      propertyName,
      options: { message: `consent.${propertyName} must not be in the future`, ...options },
      validator: { validate: (value: unknown) => typeof value === 'string' && new Date(value).getTime() <= Date.now() + CONSENT_CLOCK_SKEW_MS },
    });
}

function IsLivedExperience(options?: ValidationOptions) {
  return (object: object, propertyName: string) =>
    registerDecorator({
      name: 'livedExperience',
      target: object.constructor,
      propertyName,
      options: { message: livedExperienceMessage, ...options },
      validator: { validate: isLivedExperience },
    });
}

export class ConsentStatementDto {
  @ApiProperty({ example: 'I agree that Steppingstone may keep these answers to check our programmes reach everyone in the borough.', maxLength: CONSENT_WORDING_MAX_LENGTH })
  @IsString()
  @IsNotEmpty({ message: 'consent.wording must be the words the person agreed to' })
  @MaxLength(CONSENT_WORDING_MAX_LENGTH)
  wording: string;

  @ApiProperty({ enum: CONSENT_METHODS })
  @IsIn(CONSENT_METHODS, { message: `consent.method must be one of ${CONSENT_METHODS.join(', ')}` })
  method: ConsentMethod;

  @ApiProperty({ example: '2026-11-20T10:30:00Z', format: 'date-time' })
  @IsISO8601({ strict: true }, { message: 'consent.givenAt must be an ISO 8601 date-time' })
  @IsNotInFuture()
  givenAt: string;
}

const single = (question: Parameters<typeof answersOf>[0]) => ({
  type: String,
  enum: answersOf(question),
  nullable: true,
  description: `Census 2021 answer, or "${PREFER_NOT_TO_SAY}"; omit for not recorded`,
});

const writeIn = (question: string, answers: string) => ({
  type: String,
  maxLength: WRITE_IN_MAX_LENGTH,
  nullable: true,
  description: `The census's write-in, in the person's own words; only with ${question} ${answers}`,
});

/** The answers of a demographic profile. Messages name the field and the rule, never the value sent. */
export class DemographicAnswersDto {
  @ApiPropertyOptional(single('sex'))
  @IsOptional()
  @IsIn(answersOf('sex'), { message: demographicAnswerMessage('sex') })
  sex?: string | null;

  @ApiPropertyOptional({
    ...single('ageBand'),
    description: `An age group, for someone who would rather not give a date of birth (their date of birth, when known, is used instead), or "${PREFER_NOT_TO_SAY}"`,
  })
  @IsOptional()
  @IsIn(answersOf('ageBand'), { message: demographicAnswerMessage('ageBand') })
  ageBand?: string | null;

  @ApiPropertyOptional({
    ...single('genderIdentity'),
    description: `Census 2021 (aged 16 and over): is the gender they identify with the same as their sex registered at birth; or "${PREFER_NOT_TO_SAY}"`,
  })
  @IsOptional()
  @IsIn(answersOf('genderIdentity'), { message: demographicAnswerMessage('genderIdentity') })
  genderIdentity?: string | null;

  @ApiPropertyOptional(writeIn('genderIdentity', '"Different from sex registered at birth"'))
  @IsOptional()
  @IsString({ message: 'genderIdentityOther must be text' })
  @MaxLength(WRITE_IN_MAX_LENGTH, { message: `genderIdentityOther must be at most ${WRITE_IN_MAX_LENGTH} characters` })
  genderIdentityOther?: string | null;

  @ApiPropertyOptional({ ...single('sexualOrientation'), description: `Census 2021 (aged 16 and over), or "${PREFER_NOT_TO_SAY}"` })
  @IsOptional()
  @IsIn(answersOf('sexualOrientation'), { message: demographicAnswerMessage('sexualOrientation') })
  sexualOrientation?: string | null;

  @ApiPropertyOptional(writeIn('sexualOrientation', '"Other sexual orientation"'))
  @IsOptional()
  @IsString({ message: 'sexualOrientationOther must be text' })
  @MaxLength(WRITE_IN_MAX_LENGTH, { message: `sexualOrientationOther must be at most ${WRITE_IN_MAX_LENGTH} characters` })
  sexualOrientationOther?: string | null;

  @ApiPropertyOptional(single('ethnicity'))
  @IsOptional()
  @IsIn(answersOf('ethnicity'), { message: demographicAnswerMessage('ethnicity') })
  ethnicity?: string | null;

  @ApiPropertyOptional(writeIn('ethnicity', 'an "any other" answer or "African"'))
  @IsOptional()
  @IsString({ message: 'ethnicityOther must be text' })
  @MaxLength(WRITE_IN_MAX_LENGTH, { message: `ethnicityOther must be at most ${WRITE_IN_MAX_LENGTH} characters` })
  ethnicityOther?: string | null;

  @ApiPropertyOptional(single('disability'))
  @IsOptional()
  @IsIn(answersOf('disability'), { message: demographicAnswerMessage('disability') })
  disability?: string | null;

  @ApiPropertyOptional(single('religion'))
  @IsOptional()
  @IsIn(answersOf('religion'), { message: demographicAnswerMessage('religion') })
  religion?: string | null;

  @ApiPropertyOptional(writeIn('religion', '"Other religion"'))
  @IsOptional()
  @IsString({ message: 'religionOther must be text' })
  @MaxLength(WRITE_IN_MAX_LENGTH, { message: `religionOther must be at most ${WRITE_IN_MAX_LENGTH} characters` })
  religionOther?: string | null;

  @ApiPropertyOptional(single('englishProficiency'))
  @IsOptional()
  @IsIn(answersOf('englishProficiency'), { message: demographicAnswerMessage('englishProficiency') })
  englishProficiency?: string | null;

  @ApiPropertyOptional({ type: String, example: 'Somali', maxLength: MAIN_LANGUAGE_MAX_LENGTH, nullable: true, description: `Free text, or "${PREFER_NOT_TO_SAY}"` })
  @IsOptional()
  @IsString()
  @MaxLength(MAIN_LANGUAGE_MAX_LENGTH)
  mainLanguage?: string | null;

  @ApiPropertyOptional({ enum: LIVED_EXPERIENCE_ANSWERS, isArray: true, nullable: true, description: `Tags from the list, or ["${PREFER_NOT_TO_SAY}"] alone` })
  @IsOptional()
  @IsLivedExperience()
  livedExperience?: string[] | null;
}

/**
 * The whole profile (a PUT: questions left out become "not recorded"), stated together with the
 * consent the person gave for it.
 */
export class RecordDemographicsDto extends DemographicAnswersDto {
  // Checked in the service rather than here, so that its absence answers CONSENT_REQUIRED for every caller alike.
  @ApiProperty({ type: ConsentStatementDto, description: 'Required: the profile is stored only with the consent it rests on' })
  @IsOptional()
  @IsObject({ message: 'consent must be an object with wording, method and givenAt' })
  @ValidateNested()
  @Type(() => ConsentStatementDto)
  consent?: ConsentStatementDto;
}

/** Corrections to a profile that rests on a standing consent: only the fields sent change; null clears one. */
export class CorrectDemographicsDto extends DemographicAnswersDto {}
