import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayUnique, IsArray, IsBoolean, IsEmail, IsIn, IsInt, IsNotEmpty, IsOptional, IsString, IsUUID, Matches, MaxLength, Min, registerDecorator, ValidateIf, ValidationOptions } from 'class-validator';
import { PageQuery } from '@steppingstone/core';
import { CONTACT_CHANNELS, ContactChannel, isPlausibleDateOfBirth, PHONE, POSTCODE } from '@steppingstone/people';
import { trim } from '../transforms';

const POSTCODE_ANY_CASE = new RegExp(POSTCODE.source, 'i');

function IsPlausibleDateOfBirth(options?: ValidationOptions) {
  return (object: object, propertyName: string) =>
    registerDecorator({
      name: 'isPlausibleDateOfBirth',
      target: object.constructor,
      propertyName,
      options: { message: `${propertyName} must be a date (YYYY-MM-DD) in the past, within the last 120 years`, ...options },
      validator: { validate: (value: unknown) => typeof value === 'string' && isPlausibleDateOfBirth(value) },
    });
}

/** The contact details, shared by create and update; on update null clears an optional field. */
class PersonDetailsDto {
  @ApiPropertyOptional({ example: 'Jo', nullable: true })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(200)
  preferredName?: string | null;

  @ApiPropertyOptional({ example: 'jo.bloggs@example.org', nullable: true })
  @IsOptional()
  @Transform(trim)
  @IsEmail({}, { message: 'email must be an email address' })
  @MaxLength(320)
  email?: string | null;

  @ApiPropertyOptional({ example: '07700 900123', nullable: true })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @Matches(PHONE, { message: 'phone must be a phone number (digits, spaces, brackets, dashes, an optional leading +; 7 to 20 characters)' })
  phone?: string | null;

  @ApiPropertyOptional({ example: 'N1 9GU', description: 'A UK postcode', nullable: true })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @Matches(POSTCODE_ANY_CASE, { message: 'postcode must be a UK postcode such as N1 9GU' })
  postcode?: string | null;

  @ApiPropertyOptional({ format: 'uuid', description: 'One of this organisation’s localities', nullable: true })
  @IsOptional()
  @IsUUID('all', { message: 'localityId must be a UUID' })
  localityId?: string | null;

  @ApiPropertyOptional({ example: '1984-03-14', format: 'date', nullable: true })
  @IsOptional()
  @IsPlausibleDateOfBirth()
  dateOfBirth?: string | null;

  @ApiPropertyOptional({ enum: CONTACT_CHANNELS, isArray: true, description: 'How the person is happy to be contacted; defaults to email, or phone when there is no email' })
  @IsOptional()
  @IsArray()
  @ArrayUnique({ message: 'contactPreferences must not repeat a channel' })
  @IsIn(CONTACT_CHANNELS, { each: true, message: `contactPreferences must only contain ${CONTACT_CHANNELS.join(', ')}` })
  contactPreferences?: ContactChannel[];
}

export class CreatePersonDto extends PersonDetailsDto {
  @ApiProperty({ example: 'Jo Bloggs', maxLength: 200 })
  @Transform(trim)
  @IsString()
  @IsNotEmpty({ message: 'name must not be empty' })
  @MaxLength(200)
  name: string;

  @ApiPropertyOptional({ description: 'Create the record even though someone with the same email or phone exists (they are different people)' })
  @IsOptional()
  @IsBoolean()
  allowDuplicate?: boolean;
}

export class UpdatePersonDto extends PersonDetailsDto {
  @ApiPropertyOptional({ example: 'Jo Bloggs', maxLength: 200 })
  @ValidateIf((dto: UpdatePersonDto) => dto.name !== undefined)
  @Transform(trim)
  @IsString()
  @IsNotEmpty({ message: 'name must not be empty' })
  @MaxLength(200)
  name?: string;

  @ApiPropertyOptional({ description: 'The version you loaded; if someone saved in between, the change is refused with 409' })
  @IsOptional()
  @IsInt()
  @Min(1)
  version?: number;
}

export class PeopleFilterDto extends PageQuery {
  @ApiPropertyOptional({ description: 'Part of a name, email or postcode' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  q?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('all', { message: 'localityId must be a UUID' })
  localityId?: string;
}

export class MergePeopleDto {
  @ApiProperty({ format: 'uuid', description: 'The record to fold into this one; it is deleted once its applications and consents have moved' })
  @IsUUID('all', { message: 'duplicateId must be a UUID' })
  duplicateId: string;
}

export class LinkAccountDto {
  @ApiProperty({ format: 'uuid', nullable: true, description: 'The member’s user id, or null to unlink' })
  @ValidateIf((o: LinkAccountDto) => o.userId !== null)
  @IsUUID('all', { message: 'userId must be a UUID or null' })
  userId: string | null;
}

export class PersonResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) organisationId: string;
  @ApiProperty() name: string;
  @ApiProperty({ nullable: true, type: String }) preferredName: string | null;
  @ApiProperty({ nullable: true, type: String }) email: string | null;
  @ApiProperty({ nullable: true, type: String }) phone: string | null;
  @ApiProperty({ nullable: true, type: String }) postcode: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) localityId: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date' }) dateOfBirth: string | null;
  @ApiProperty({ enum: CONTACT_CHANNELS, isArray: true }) contactPreferences: ContactChannel[];
  @ApiProperty({ nullable: true, type: String, format: 'uuid', description: 'Their own account, once they have one' }) userId: string | null;
  @ApiProperty() createdAt: Date;
  @ApiProperty() updatedAt: Date;
  @ApiProperty({ description: 'Send back on PATCH to be told when someone else saved in between' }) version: number;
}
