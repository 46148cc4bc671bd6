import { ApiHideProperty, ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { isEmail } from 'class-validator';
import { ADDRESS_MAX_LENGTH, isPlausibleDateOfBirth, PHONE, POSTCODE } from '@steppingstone/people';
import { CONTACT_CONSENT_WORDING } from '@steppingstone/recruitment';
import { blankToUndefined, Checks, isText, optional } from './plain-checks';

const blankOrUpper = ({ value }: { value: unknown }) => {
  const given = blankToUndefined({ value });
  return typeof given === 'string' ? given.toUpperCase() : given;
};
const has = (value: unknown) => typeof value === 'string' && value.trim() !== '';

export const CONTACT_MESSAGE = 'Enter an email address, a phone number or a postal address, so that we can contact you';

/**
 * The public form, for everyone: a name and at least one way to reach the person (email, phone or
 * a postal address). Each field answers with one plain sentence naming it, as the GOV.UK Design
 * System's error messages do; a box left blank counts as not answered. A resident knows no locality
 * ids, so the postcode stands for where they live. Equality questions come after, with their own
 * consent (POST /public/intakes/:slug/equality-answers).
 */
export class PublicApplicationDto {
  @ApiProperty({ example: 'Sam Taylor', maxLength: 200, description: 'Full name' })
  @Transform(blankToUndefined)
  @Checks({ rule: 'isNotEmpty', test: has, message: 'Enter your full name' }, { rule: 'maxLength', test: isText(200), message: 'Your name must be 200 characters or fewer' })
  name: string;

  @ApiPropertyOptional({ example: 'Sam', maxLength: 100, description: 'What they like to be called' })
  @Transform(blankToUndefined)
  @Checks(optional({ rule: 'maxLength', test: isText(100), message: 'The name you like to be called must be 100 characters or fewer' }))
  preferredName?: string;

  @ApiPropertyOptional({ example: 'sam@example.org', description: 'Where the confirmation is sent. Optional when a phone number or postal address is given' })
  @Transform(blankToUndefined)
  @Checks(
    optional({ rule: 'isEmail', test: (v) => typeof v === 'string' && isEmail(v), message: 'Enter an email address in the correct format, like name@example.com' }),
    optional({ rule: 'maxLength', test: isText(320), message: 'Email address must be 320 characters or fewer' }),
  )
  email?: string;

  @ApiPropertyOptional({ example: '07700 900123', description: 'A mobile or other phone number. Optional when an email or postal address is given' })
  @Transform(blankToUndefined)
  @Checks(optional({ rule: 'isPhone', test: (v) => typeof v === 'string' && PHONE.test(v), message: 'Enter a phone number, like 07700 900 982 or +44 7700 900 982' }))
  phone?: string;

  @ApiPropertyOptional({
    example: '12 Holloway Road\nLondon',
    maxLength: ADDRESS_MAX_LENGTH,
    description: 'A postal address, lines separated by new lines (the postcode goes in `postcode`). Optional when an email or phone is given',
  })
  @Transform(blankToUndefined)
  @Checks(optional({ rule: 'maxLength', test: isText(ADDRESS_MAX_LENGTH), message: `Postal address must be ${ADDRESS_MAX_LENGTH} characters or fewer` }))
  address?: string;

  @ApiPropertyOptional({ example: 'N7 8JL', description: 'A UK postcode; it places the applicant in a locality' })
  @Transform(blankOrUpper)
  @Checks(optional({ rule: 'isPostcode', test: (v) => typeof v === 'string' && POSTCODE.test(v), message: 'Enter a real postcode, like N1 9GU' }))
  postcode?: string;

  @ApiPropertyOptional({ example: '1990-04-21', format: 'date' })
  @Transform(blankToUndefined)
  @Checks(optional({ rule: 'isDateOfBirth', test: (v) => typeof v === 'string' && isPlausibleDateOfBirth(v), message: 'Date of birth must be a real date in the past, like 1990-04-21' }))
  dateOfBirth?: string;

  @ApiProperty({ description: `true when the applicant ticked “${CONTACT_CONSENT_WORDING}”`, example: true })
  @Checks({ rule: 'equals', test: (v) => v === true, message: `Tick the box to agree to be contacted about your application (“${CONTACT_CONSENT_WORDING}”)` })
  consent: boolean;

  @ApiPropertyOptional({ example: 'HOLLOWAYJC', description: 'A referral partner’s code: from its link (`?partner=`), a leaflet or a paper form' })
  @Transform(blankToUndefined)
  @Checks(
    optional({ rule: 'partnerCode', test: (v) => typeof v === 'string' && /^[A-Za-z0-9 -]{3,20}$/.test(v), message: 'Enter the referral code as it is written, like HOLLOWAY1, or leave it blank' }),
  )
  partnerCode?: string;

  @ApiPropertyOptional({ description: 'Leave empty. Hidden from people; a form that fills it in is treated as a bot.' })
  @Checks(optional({ rule: 'maxLength', test: isText(500), message: 'website must be empty' }))
  website?: string;

  /** Not a field: the rule that the person gave at least one way to reach them, reported once under `contact`. */
  @ApiHideProperty()
  @Checks({ rule: 'atLeastOne', test: (value, dto) => value === undefined && ['email', 'phone', 'address'].some((f) => has((dto as Record<string, unknown>)[f])), message: CONTACT_MESSAGE })
  contact?: never;
}
