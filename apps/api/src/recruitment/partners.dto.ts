import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsEmail, IsIn, IsNotEmpty, IsOptional, IsString, Matches, MaxLength, ValidateIf } from 'class-validator';
import { PHONE } from '@steppingstone/people';
import { normalisePartnerCode, PARTNER_KIND_LABELS, PARTNER_KINDS, PartnerKind } from '@steppingstone/recruitment';
import { toBoolean, trim } from '../transforms';
import { OptionalText } from '../validation';

const code = ({ value }: { value: unknown }) => (typeof value === 'string' ? normalisePartnerCode(value.trim()) : value);
const KINDS = PARTNER_KINDS.map((k) => `${k} (${PARTNER_KIND_LABELS[k]})`).join(', ');

export class ReferralPartnerDto {
  @ApiProperty({ example: 'Holloway Jobcentre', maxLength: 200 })
  @Transform(trim)
  @IsString()
  @IsNotEmpty({ message: 'name must not be empty' })
  @MaxLength(200)
  name: string;

  @ApiProperty({ enum: PARTNER_KINDS, description: KINDS })
  @IsIn(PARTNER_KINDS, { message: `kind must be one of ${PARTNER_KINDS.join(', ')}` })
  kind: PartnerKind;

  @ApiPropertyOptional({
    example: 'HOLLOWAYJC',
    description:
      'Printed on paper forms and carried by the partner’s links: 3 to 12 letters and digits (case, spaces and dashes ignored), unique in the organisation. Drawn at random (6 characters, no 0/O, 1/I/L or U) when left out',
  })
  @IsOptional()
  @Transform(code)
  @Matches(/^[A-Z0-9]{3,12}$/, { message: 'code must be 3 to 12 letters and digits' })
  code?: string;

  @ApiPropertyOptional({ type: String, example: 'Dee Cole', nullable: true })
  @OptionalText(200)
  contactName?: string | null;

  @ApiPropertyOptional({ type: String, example: 'dee.cole@example.org', nullable: true })
  @IsOptional()
  @Transform(trim)
  @IsEmail({}, { message: 'contactEmail must be an email address' })
  @MaxLength(320)
  contactEmail?: string | null;

  @ApiPropertyOptional({ type: String, example: '020 7946 0000', nullable: true })
  @IsOptional()
  @Transform(trim)
  @Matches(PHONE, { message: 'contactPhone must be a phone number' })
  contactPhone?: string | null;

  @ApiPropertyOptional({ maxLength: 2000 })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  notes?: string;
}

export class UpdateReferralPartnerDto extends PartialType(ReferralPartnerDto) {
  @ApiPropertyOptional({ description: 'true archives it: it leaves the lists and the links, and its code still attributes late paper forms; false restores it' })
  @IsOptional()
  @IsBoolean({ message: 'archived must be true or false' })
  archived?: boolean;

  @ApiPropertyOptional({ example: 'Holloway Jobcentre', maxLength: 200 })
  @ValidateIf((dto: UpdateReferralPartnerDto) => dto.name !== undefined)
  @Transform(trim)
  @IsString()
  @IsNotEmpty({ message: 'name must not be empty' })
  @MaxLength(200)
  override name?: string;
}

export class PartnerFilterDto {
  @ApiPropertyOptional({ description: 'Include archived partners' })
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean({ message: 'includeArchived must be true or false' })
  includeArchived?: boolean;
}

export class ReferralPartnerResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) organisationId: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: PARTNER_KINDS }) kind: PartnerKind;
  @ApiProperty({ example: 'HOLLOWAYJC' }) code: string;
  @ApiProperty({ nullable: true, type: String }) contactName: string | null;
  @ApiProperty({ nullable: true, type: String }) contactEmail: string | null;
  @ApiProperty({ nullable: true, type: String }) contactPhone: string | null;
  @ApiProperty() notes: string;
  @ApiProperty({ nullable: true, type: Date }) archivedAt: Date | null;
  @ApiProperty() createdAt: Date;
  @ApiProperty() updatedAt: Date;
  @ApiProperty({ description: 'Applications that carry this partner, in every intake' }) applications: number;
}

export class PartnerLinkResponse {
  @ApiProperty({ format: 'uuid' }) partnerId: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: PARTNER_KINDS }) kind: PartnerKind;
  @ApiProperty({ example: 'HOLLOWAYJC' }) code: string;
  @ApiProperty({
    example: 'http://localhost:3000/apply/3kQ9x_Ab12cd34ef?partner=HOLLOWAYJC',
    description: 'The intake’s public form with the partner’s code: applications through it carry the partner',
  })
  url: string;
}
