import { ApiProperty, ApiPropertyOptional, PickType } from '@nestjs/swagger';
import { Equals, IsIn, IsOptional } from 'class-validator';
import { ContactDetailsDto } from '../people/contact-details.dto';
import { DemographicAnswersDto } from '../people/demographics.dto';
import { LoadedVersion } from '../validation';

/** The contact details a participant changes themselves, validated exactly as a member of staff's edit of them. */
export class UpdateMyDetailsDto extends PickType(ContactDetailsDto, ['preferredName', 'email', 'phone', 'postcode', 'address', 'contactPreferences'] as const) {
  @ApiPropertyOptional({ description: 'The version you loaded; if a coordinator saved in between, the change is refused with 409' })
  @LoadedVersion()
  version?: number;
}

export const MY_GIVABLE_PURPOSES = ['contact'] as const;

export class GiveConsentDto {
  @ApiProperty({ enum: MY_GIVABLE_PURPOSES, description: 'contact; consent to equality monitoring is given together with the answers, at PUT /me/demographics' })
  @IsIn(MY_GIVABLE_PURPOSES, { message: 'purpose must be contact (consent to equality monitoring is given with your answers, at PUT /me/demographics)' })
  purpose: (typeof MY_GIVABLE_PURPOSES)[number];
}

/** The equality answers with the person's own agreement to the product's consent wording. */
export class MyDemographicsDto extends DemographicAnswersDto {
  @ApiProperty({ enum: [true], description: 'true: I agree to the equality monitoring consent (GET /public/equality-questions states its wording, purpose and who sees the answers)' })
  @Equals(true, { message: 'consentGiven must be true: your answers are kept only with your consent' })
  consentGiven: true;
}

export const MY_DATA_FORMATS = ['json', 'csv', 'html'] as const;

export class MyDataQuery {
  @ApiPropertyOptional({ enum: MY_DATA_FORMATS, default: 'json', description: 'json and csv for programs, html to read' })
  @IsOptional()
  @IsIn(MY_DATA_FORMATS, { message: `format must be one of ${MY_DATA_FORMATS.join(', ')}` })
  format?: (typeof MY_DATA_FORMATS)[number];
}
