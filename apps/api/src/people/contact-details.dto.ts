import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayUnique, IsArray, IsEmail, IsIn, IsNotEmpty, IsOptional, IsString, Matches, MaxLength, registerDecorator, ValidationOptions } from 'class-validator';
import { ADDRESS_MAX_LENGTH, CONTACT_CHANNELS, ContactChannel, isPlausibleDateOfBirth, PHONE, POSTCODE } from '@steppingstone/people';
import { trim } from '../transforms';
import { OptionalText, OptionalUuid } from '../validation';

const upperTrim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim().toUpperCase() : value);

function IsDateOfBirth(options?: ValidationOptions) {
  return (object: object, propertyName: string) =>
    registerDecorator({
      name: 'isDateOfBirth',
      target: object.constructor,
      propertyName,
      options: { message: `${propertyName} must be a date like 1990-04-21, in the past, for someone under 120`, ...options },
      validator: { validate: (value: unknown) => typeof value === 'string' && isPlausibleDateOfBirth(value) },
    });
}

/**
 * A person's optional contact details as every entry point takes them (the people API, an
 * application, the public form, a CSV row); on an update, null clears a field.
 */
export class ContactDetailsDto {
  @ApiPropertyOptional({ type: String, example: 'Jo', nullable: true })
  @OptionalText(100)
  preferredName?: string | null;

  @ApiPropertyOptional({ type: String, example: 'jo.bloggs@example.org', nullable: true })
  @IsOptional()
  @Transform(trim)
  @IsEmail({}, { message: 'email must be an email address' })
  @MaxLength(320)
  email?: string | null;

  @ApiPropertyOptional({ type: String, example: '07700 900123', nullable: true })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @Matches(PHONE, { message: 'phone must be a phone number (digits, spaces, brackets, dashes, an optional leading +; 7 to 20 characters)' })
  phone?: string | null;

  @ApiPropertyOptional({ type: String, example: 'N1 9GU', description: 'A UK postcode', nullable: true })
  @IsOptional()
  @Transform(upperTrim)
  @IsString()
  @Matches(POSTCODE, { message: 'postcode must be a UK postcode such as N1 9GU' })
  postcode?: string | null;

  @ApiPropertyOptional({
    type: String,
    example: '12 Holloway Road\nLondon',
    maxLength: ADDRESS_MAX_LENGTH,
    description: 'A postal address, lines separated by new lines (or commas); the postcode goes in `postcode`',
    nullable: true,
  })
  @IsOptional()
  @IsString()
  @MaxLength(ADDRESS_MAX_LENGTH, { message: `address must be at most ${ADDRESS_MAX_LENGTH} characters` })
  address?: string | null;

  @ApiPropertyOptional({ type: String, format: 'uuid', description: 'One of this organisation’s localities', nullable: true })
  @OptionalUuid()
  localityId?: string | null;

  @ApiPropertyOptional({ type: String, example: '1984-03-14', format: 'date', nullable: true })
  @IsOptional()
  @IsDateOfBirth()
  dateOfBirth?: string | null;

  @ApiPropertyOptional({
    enum: CONTACT_CHANNELS,
    isArray: true,
    description: 'How the person is happy to be contacted; defaults to email, or phone when there is no email, or post when there is only an address',
  })
  @IsOptional()
  @IsArray()
  @ArrayUnique({ message: 'contactPreferences must not repeat a channel' })
  @IsIn(CONTACT_CHANNELS, { each: true, message: `contactPreferences must only contain ${CONTACT_CHANNELS.join(', ')}` })
  contactPreferences?: ContactChannel[];
}

/** A new person: a name and any contact details. */
export class PersonDetailsDto extends ContactDetailsDto {
  @ApiProperty({ example: 'Jo Bloggs', maxLength: 200 })
  @Transform(trim)
  @IsString()
  @IsNotEmpty({ message: 'name must not be empty' })
  @MaxLength(200)
  name: string;
}
