import { ApiProperty, ApiPropertyOptional, OmitType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsNumber, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { IsUuid, OptionalText, OptionalUuid, RequiredText, WeeklyHours } from '../validation';
import { CONTRACT_TYPES, ContractType, PARTNER_FUNNEL_STAGES, SUSTAINMENT_RESULTS, SUSTAINMENT_WEEKS, SustainmentResult, SustainmentWeek } from '@steppingstone/progression';
import { PARTNER_KINDS } from '@steppingstone/recruitment';
import { ANALYSIS_DIMENSION_KEYS } from '@steppingstone/representativeness';
import { IsCalendarDate } from '../cohorts/cohort.dto';

export class PaidRoleDto {
  @ApiProperty({ example: 'Peer Navigator' })
  @RequiredText(200)
  title: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  description?: string;

  @ApiProperty({ example: 16 })
  @WeeklyHours(60)
  hoursPerWeek: number;

  @ApiPropertyOptional({ type: 'integer', example: 18, nullable: true, description: 'Length of the fixed term; absent for a permanent post' })
  @IsOptional()
  @IsInt({ message: 'fixedTermMonths must be a whole number' })
  @Min(1)
  @Max(120)
  fixedTermMonths?: number | null;

  @ApiProperty({ example: 2, description: 'How many posts each locality has' })
  @IsInt({ message: 'postsPerLocality must be a whole number' })
  @Min(1)
  @Max(1000)
  postsPerLocality: number;
}

export class AppointDto {
  @ApiProperty({ format: 'uuid' })
  @IsUuid()
  personId: string;

  @ApiProperty({ format: 'uuid', description: 'The locality (catchment) whose post this is' })
  @IsUuid()
  localityId: string;

  @ApiProperty({ example: '2026-09-01' })
  @IsCalendarDate('startsOn')
  startsOn: string;

  @ApiPropertyOptional({ type: String, example: '2028-02-29', nullable: true, description: 'Defaults to the end of the role’s fixed term' })
  @IsOptional()
  @IsCalendarDate('contractEndsOn')
  contractEndsOn?: string | null;
}

export class PostHolderFilterDto {
  @ApiPropertyOptional({ format: 'uuid' })
  @OptionalUuid()
  localityId?: string;
}

export class JobDto {
  @ApiProperty({ example: 'Calderdale Council' })
  @RequiredText(200)
  employer: string;

  @ApiProperty({ example: 'Support worker' })
  @RequiredText(200)
  title: string;

  @ApiPropertyOptional({ type: String, example: 'Health and social care', nullable: true })
  @OptionalText(200)
  sector?: string | null;

  @ApiProperty({ example: 30 })
  @WeeklyHours(80)
  hoursPerWeek: number;

  @ApiProperty({ enum: CONTRACT_TYPES })
  @IsIn(CONTRACT_TYPES, { message: `contractType must be one of ${CONTRACT_TYPES.join(', ')}` })
  contractType: ContractType;

  @ApiProperty({ example: '2026-10-05', description: 'Not before the person registered' })
  @IsCalendarDate('startsOn')
  startsOn: string;

  @ApiPropertyOptional({ type: String, example: '2027-10-04', nullable: true })
  @IsOptional()
  @IsCalendarDate('contractEndsOn')
  contractEndsOn?: string | null;
}

export class EndJobDto {
  @ApiProperty({ example: '2027-01-15' })
  @IsCalendarDate('endedOn')
  endedOn: string;

  @ApiPropertyOptional({ type: String, nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  endReason?: string | null;
}

export class SustainmentDto {
  @ApiProperty({ enum: SUSTAINMENT_WEEKS })
  @IsIn(SUSTAINMENT_WEEKS, { message: 'week must be 13 or 26' })
  week: SustainmentWeek;

  @ApiProperty({ enum: SUSTAINMENT_RESULTS })
  @IsIn(SUSTAINMENT_RESULTS, { message: `result must be one of ${SUSTAINMENT_RESULTS.join(', ')}` })
  result: SustainmentResult;

  @ApiPropertyOptional({ example: '2027-01-04', description: 'Defaults to today; not before the check falls due' })
  @IsOptional()
  @IsCalendarDate('checkedOn')
  checkedOn?: string;

  @ApiPropertyOptional({ type: String, nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string | null;
}

export class FunnelFilterDto {
  @ApiPropertyOptional({ example: '2026-01-01', description: 'Registered on or after this day' })
  @IsOptional()
  @IsCalendarDate('registeredFrom')
  registeredFrom?: string;

  @ApiPropertyOptional({ example: '2026-12-31', description: 'Registered on or before this day' })
  @IsOptional()
  @IsCalendarDate('registeredTo')
  registeredTo?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @OptionalUuid()
  programmeId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @OptionalUuid()
  intakeId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @OptionalUuid()
  cohortId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'The person’s locality' })
  @OptionalUuid()
  localityId?: string;
}

export class EquityFunnelFilterDto extends FunnelFilterDto {
  @ApiProperty({ enum: ANALYSIS_DIMENSION_KEYS, example: 'ethnicity_broad' })
  @IsIn(ANALYSIS_DIMENSION_KEYS, { message: `dimension must be one of ${ANALYSIS_DIMENSION_KEYS.join(', ')}` })
  dimension: string;

  @ApiPropertyOptional({ example: 0.8, description: 'A group is flagged below this share of the overall rate (default 0.8, the four-fifths rule)' })
  @IsOptional()
  @Type(() => Number)
  @IsNumber()
  @Min(0.1)
  @Max(1)
  shortfallRatio?: number;

  @ApiPropertyOptional({ example: 10, description: 'Smaller groups are shown but not flagged (default 10)' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1000)
  minimumGroupSize?: number;
}

export class PartnerFunnelFilterDto extends OmitType(FunnelFilterDto, ['cohortId', 'localityId'] as const) {}

class RateResponse {
  @ApiProperty({ nullable: true, type: Number, description: 'A fraction from 0 to 1; null when there is nobody to convert' }) rate: number | null;
  @ApiProperty({ nullable: true, type: Number }) percent: number | null;
}

class PartnerFunnelStageResponse {
  @ApiProperty({ enum: PARTNER_FUNNEL_STAGES }) stage: string;
  @ApiProperty() label: string;
  @ApiProperty() count: number;
  @ApiProperty({ type: RateResponse, nullable: true, description: 'From the previous stage; null for applied' }) fromPrevious: RateResponse | null;
  @ApiProperty({ type: RateResponse }) fromApplied: RateResponse;
}

class PartnerFunnelRowResponse {
  @ApiProperty({ nullable: true, type: String, format: 'uuid', description: 'null: people who came without a partner' }) partnerId: string | null;
  @ApiProperty() name: string;
  @ApiProperty({ nullable: true, enum: PARTNER_KINDS }) kind: string | null;
  @ApiProperty({ nullable: true, type: String }) code: string | null;
  @ApiProperty({ type: [PartnerFunnelStageResponse] }) stages: PartnerFunnelStageResponse[];
}

export class PartnerFunnelResponse {
  @ApiProperty({ type: PartnerFunnelFilterDto }) filter: PartnerFunnelFilterDto;
  @ApiProperty({ type: [PartnerFunnelStageResponse] }) overall: PartnerFunnelStageResponse[];
  @ApiProperty({ type: [PartnerFunnelRowResponse], description: 'Most applicants first; "No partner" last' }) partners: PartnerFunnelRowResponse[];
}
