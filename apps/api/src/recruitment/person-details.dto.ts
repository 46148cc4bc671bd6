import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsEmail, IsIn, IsNotEmpty, IsOptional, IsString, IsUUID, Matches, MaxLength, registerDecorator, ValidationOptions } from 'class-validator';
import { CONTACT_CHANNELS, ContactChannel, isPlausibleDateOfBirth, PHONE, POSTCODE } from '@steppingstone/people';
import { trim } from '../transforms';

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

/** A person's contact details as every entry point takes them (the API, the public form, a CSV row). */
export class PersonDetailsDto {
  @ApiProperty({ example: 'Sam Taylor' })
  @Transform(trim)
  @IsString()
  @IsNotEmpty({ message: 'name must not be empty' })
  @MaxLength(200)
  name: string;

  @ApiPropertyOptional({ example: 'Sam' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(100)
  preferredName?: string;

  @ApiPropertyOptional({ example: 'sam@example.org' })
  @IsOptional()
  @Transform(trim)
  @IsEmail({}, { message: 'email must be an email address' })
  @MaxLength(320)
  email?: string;

  @ApiPropertyOptional({ example: '07700 900123' })
  @IsOptional()
  @Transform(trim)
  @Matches(PHONE, { message: 'phone must be a phone number (digits, spaces, +, brackets or dashes)' })
  phone?: string;

  @ApiPropertyOptional({ example: 'N7 8JL' })
  @IsOptional()
  @Transform(upperTrim)
  @Matches(POSTCODE, { message: 'postcode must be a UK postcode such as N7 8JL' })
  postcode?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID('all', { message: 'localityId must be a UUID' })
  localityId?: string;

  @ApiPropertyOptional({ example: '1990-04-21' })
  @IsOptional()
  @IsDateOfBirth()
  dateOfBirth?: string;

  @ApiPropertyOptional({ enum: CONTACT_CHANNELS, isArray: true, example: ['email', 'sms'] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(CONTACT_CHANNELS.length)
  @IsIn(CONTACT_CHANNELS, { each: true, message: `contactPreferences must be among ${CONTACT_CHANNELS.join(', ')}` })
  contactPreferences?: ContactChannel[];
}
