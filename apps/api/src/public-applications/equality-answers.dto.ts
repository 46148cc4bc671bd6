import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsDefined, IsObject, ValidateNested } from 'class-validator';
import { answersOf, EQUALITY_CONSENT_WORDING, isPlausibleDateOfBirth, PREFER_NOT_TO_SAY, WRITE_IN_MAX_LENGTH } from '@steppingstone/people';
import { blankToUndefined, Checks, isText, optional } from './plain-checks';

type Question = Parameters<typeof answersOf>[0];

const choice = (question: Question, what: string) =>
  optional({ rule: 'isIn', test: (v) => typeof v === 'string' && answersOf(question).includes(v), message: `Choose ${what} from the list, or “${PREFER_NOT_TO_SAY}”` });
const writeIn = (what: string) =>
  optional({ rule: 'maxLength', test: (v) => typeof v === 'string' && isText(WRITE_IN_MAX_LENGTH)(v), message: `${what} must be ${WRITE_IN_MAX_LENGTH} characters or fewer` });
const options = (question: Question, description: string) => ({
  enum: answersOf(question),
  description: `${description} (GET /public/equality-questions gives the wording and labels). Leave out to skip.`,
});

/**
 * The equality answers of the public form's optional step, each in one plain sentence when wrong
 * (the values themselves are never repeated back: they are special-category data).
 */
export class PublicEqualityAnswersDto {
  @ApiPropertyOptional(options('sex', 'Census 2021 sex'))
  @Transform(blankToUndefined)
  @Checks(choice('sex', 'your sex'))
  sex?: string;

  @ApiPropertyOptional({ example: '1990-04-21', format: 'date', description: 'Date of birth; or give `ageBand` instead' })
  @Transform(blankToUndefined)
  @Checks(optional({ rule: 'isDateOfBirth', test: (v) => typeof v === 'string' && isPlausibleDateOfBirth(v), message: 'Date of birth must be a real date in the past, like 1990-04-21' }))
  dateOfBirth?: string;

  @ApiPropertyOptional(options('ageBand', 'An age group, for someone who would rather not give a date of birth'))
  @Transform(blankToUndefined)
  @Checks(choice('ageBand', 'an age group'))
  ageBand?: string;

  @ApiPropertyOptional(options('ethnicity', 'Census 2021 ethnic group (the 19 categories)'))
  @Transform(blankToUndefined)
  @Checks(choice('ethnicity', 'your ethnic group'))
  ethnicity?: string;

  @ApiPropertyOptional({ maxLength: WRITE_IN_MAX_LENGTH, description: 'The census write-in, with an "any other" ethnic group or "African background"' })
  @Transform(blankToUndefined)
  @Checks(writeIn('Your description of your ethnic group'))
  ethnicityOther?: string;

  @ApiPropertyOptional(options('disability', 'Disability as the census derives it under the Equality Act'))
  @Transform(blankToUndefined)
  @Checks(choice('disability', 'an answer about health conditions'))
  disability?: string;

  @ApiPropertyOptional(options('religion', 'Census 2021 religion'))
  @Transform(blankToUndefined)
  @Checks(choice('religion', 'your religion'))
  religion?: string;

  @ApiPropertyOptional({ maxLength: WRITE_IN_MAX_LENGTH, description: 'The census write-in, with "Other religion"' })
  @Transform(blankToUndefined)
  @Checks(writeIn('Your religion'))
  religionOther?: string;

  @ApiPropertyOptional(options('genderIdentity', 'Census 2021 gender identity (aged 16 and over)'))
  @Transform(blankToUndefined)
  @Checks(choice('genderIdentity', 'an answer about your gender identity'))
  genderIdentity?: string;

  @ApiPropertyOptional({ maxLength: WRITE_IN_MAX_LENGTH, description: 'The census write-in, with "Different from sex registered at birth"' })
  @Transform(blankToUndefined)
  @Checks(writeIn('Your gender identity'))
  genderIdentityOther?: string;

  @ApiPropertyOptional(options('sexualOrientation', 'Census 2021 sexual orientation (aged 16 and over)'))
  @Transform(blankToUndefined)
  @Checks(choice('sexualOrientation', 'your sexual orientation'))
  sexualOrientation?: string;

  @ApiPropertyOptional({ maxLength: WRITE_IN_MAX_LENGTH, description: 'The census write-in, with "Other sexual orientation"' })
  @Transform(blankToUndefined)
  @Checks(writeIn('Your sexual orientation'))
  sexualOrientationOther?: string;
}

export class PublicEqualityStepDto {
  @ApiProperty({ description: 'The `equalityStep.token` the application answered with: this application only, once, within two hours' })
  @Checks({ rule: 'isNotEmpty', test: (v) => typeof v === 'string' && v.length > 0 && v.length <= 100, message: 'token must be the one given with your application' })
  token: string;

  @ApiProperty({
    example: true,
    description: `true when the applicant ticked “${EQUALITY_CONSENT_WORDING}” — a consent of its own, apart from consent to be contacted. Anything else is refused (CONSENT_REQUIRED) and nothing is kept.`,
  })
  @Checks(optional({ rule: 'isBoolean', test: (v) => typeof v === 'boolean', message: 'Tick the box to agree that your answers may be kept, or skip these questions' }))
  consent?: boolean;

  @ApiProperty({ type: PublicEqualityAnswersDto })
  @IsDefined({ message: 'answers must be given (an empty object skips every question)' })
  @IsObject({ message: 'answers must be an object of answers' })
  @ValidateNested()
  @Type(() => PublicEqualityAnswersDto)
  answers: PublicEqualityAnswersDto;
}
