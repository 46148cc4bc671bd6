import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayUnique, IsArray, IsEmail, IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { OptionalText, OptionalUuid, RequiredText, WeeklyHours } from '../validation';
import { PageQuery } from '@steppingstone/core';
import { OPPORTUNITY_REQUIREMENTS, OpportunityRequirement } from '@steppingstone/placements';
import { trim } from '../transforms';

export class HostDto {
  @ApiProperty({ example: 'Calderdale Recovery Hub' })
  @RequiredText(200)
  name: string;

  @ApiPropertyOptional({ type: String, example: 'Sam Okafor', nullable: true })
  @OptionalText(200)
  contactName?: string | null;

  @ApiPropertyOptional({ type: String, example: 'sam@recoveryhub.org.uk', nullable: true })
  @IsOptional()
  @Transform(trim)
  @IsEmail({}, { message: 'contactEmail must be an email address' })
  @MaxLength(320)
  contactEmail?: string | null;

  @ApiPropertyOptional({ type: String, example: '01422 300000', nullable: true })
  @OptionalText(40)
  contactPhone?: string | null;

  @ApiPropertyOptional({ type: String, example: '1 Square Road, Halifax HX1 1QG', nullable: true })
  @OptionalText(500)
  address?: string | null;

  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true })
  @OptionalUuid()
  localityId?: string | null;

  @ApiPropertyOptional({ type: String, description: 'Coordinators’ notes about the partner', nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  notes?: string | null;
}

export class UpdateHostDto extends PartialType(HostDto) {}

export class HostFilterDto extends PageQuery {
  @ApiPropertyOptional({ description: 'Part of the name' })
  @OptionalText(200)
  q?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @OptionalUuid()
  localityId?: string;
}

export class OpportunityDto {
  @ApiProperty({ example: 'Peer support volunteer' })
  @RequiredText(200)
  roleTitle: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  description?: string;

  @ApiProperty({ example: 8 })
  @WeeklyHours(60)
  hoursPerWeek: number;

  @ApiProperty({ example: 3 })
  @IsInt({ message: 'places must be a whole number' })
  @Min(1)
  @Max(1000)
  places: number;

  @ApiPropertyOptional({ enum: OPPORTUNITY_REQUIREMENTS, isArray: true, description: 'lone-working-risk-assessment: a placement goes active only once riskAssessedOn is recorded' })
  @IsOptional()
  @IsArray()
  @ArrayUnique()
  @IsIn(OPPORTUNITY_REQUIREMENTS, { each: true, message: `each requirement must be one of ${OPPORTUNITY_REQUIREMENTS.join(', ')}` })
  requirements?: OpportunityRequirement[];
}

export class UpdateOpportunityDto extends PartialType(OpportunityDto) {}
