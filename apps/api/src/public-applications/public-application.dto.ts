import { ApiProperty, ApiPropertyOptional, PickType } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { Equals, IsEmail, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { CONTACT_CONSENT_WORDING } from '@steppingstone/recruitment';
import { PersonDetailsDto } from '../people/contact-details.dto';
import { trim } from '../transforms';

/**
 * The public form. A resident knows no locality ids, so the postcode stands for where they live;
 * contact preferences are email (the confirmation goes there). Demographic questions are not asked
 * here: they need their own consent and are recorded separately.
 */
export class PublicApplicationDto extends PickType(PersonDetailsDto, ['name', 'preferredName', 'phone', 'postcode', 'dateOfBirth'] as const) {
  @ApiProperty({ example: 'sam@example.org', description: 'Where the confirmation is sent' })
  @Transform(trim)
  @IsNotEmpty({ message: 'email is required, so that we can confirm your application' })
  @IsEmail({}, { message: 'email must be an email address' })
  @MaxLength(320)
  email: string;

  @ApiProperty({ description: `true when the applicant ticked “${CONTACT_CONSENT_WORDING}”`, example: true })
  @Equals(true, { message: `consent must be true: tick “${CONTACT_CONSENT_WORDING}”` })
  consent: boolean;

  @ApiPropertyOptional({ description: 'Leave empty. Hidden from people; a form that fills it in is treated as a bot.' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  website?: string;
}
