import { ApiProperty, ApiPropertyOptional, OmitType } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { IsUuid, OptionalText, OptionalUuid, RequiredText, WeeklyHours } from '../validation';
import { PageQuery } from '@steppingstone/core';
import { PLACEMENT_STATUSES, PlacementStatus } from '@steppingstone/placements';
import { IsCalendarDate } from '../cohorts/cohort.dto';
import { toBoolean } from '../transforms';

const list = ({ value }: { value: unknown }) =>
  typeof value === 'string'
    ? value
        .split(',')
        .map((v) => v.trim())
        .filter(Boolean)
    : value;

export class PlacementTermsDto {
  @ApiPropertyOptional({ example: 'Jo Walsh' })
  @IsOptional()
  @RequiredText(200)
  supervisorName?: string;

  @ApiPropertyOptional({ type: String, nullable: true })
  @OptionalText(300)
  supervisorContact?: string | null;

  @ApiPropertyOptional({ example: 8 })
  @IsOptional()
  @WeeklyHours(60)
  hoursPerWeek?: number;

  @ApiPropertyOptional({ example: '2026-12-18' })
  @IsOptional()
  @IsCalendarDate('plannedEndOn')
  plannedEndOn?: string;

  @ApiPropertyOptional({ description: 'Both placements must be marked for two to run on the same days' })
  @IsOptional()
  @IsBoolean()
  partTimeCompatible?: boolean;

  @ApiPropertyOptional({ type: String, example: '2026-09-01', nullable: true, description: 'When the lone-working risk assessment was done' })
  @IsOptional()
  @IsCalendarDate('riskAssessedOn')
  riskAssessedOn?: string | null;

  @ApiPropertyOptional({ example: 14, description: 'Days between supervision sessions (default 14, fortnightly)' })
  @IsOptional()
  @IsInt({ message: 'supervisionIntervalDays must be a whole number' })
  @Min(1)
  @Max(366)
  supervisionIntervalDays?: number;

  @ApiPropertyOptional({ type: [Number], example: [6, 12], description: 'Weeks after the start at which the placement is reviewed (default 6 and 12)' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsInt({ each: true, message: 'each reviewWeeks entry must be a whole number of weeks' })
  @Min(1, { each: true })
  @Max(520, { each: true })
  reviewWeeks?: number[];
}

export class UpdatePlacementDto extends PlacementTermsDto {
  @ApiPropertyOptional({ example: '2026-09-07' })
  @IsOptional()
  @IsCalendarDate('startsOn')
  startsOn?: string;
}

export class PlacementDto extends OmitType(PlacementTermsDto, ['supervisorName', 'plannedEndOn'] as const) {
  @ApiProperty({ format: 'uuid' })
  @IsUuid()
  personId: string;

  @ApiProperty({ format: 'uuid' })
  @IsUuid()
  hostId: string;

  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true })
  @OptionalUuid()
  opportunityId?: string | null;

  @ApiPropertyOptional({ example: 'Peer support volunteer', description: 'Defaults to the opportunity’s role title' })
  @IsOptional()
  @RequiredText(200)
  roleTitle?: string;

  @ApiProperty({ example: 'Jo Walsh' })
  @RequiredText(200)
  supervisorName: string;

  @ApiProperty({ example: '2026-09-07' })
  @IsCalendarDate('startsOn')
  startsOn: string;

  @ApiProperty({ example: '2026-12-18' })
  @IsCalendarDate('plannedEndOn')
  plannedEndOn: string;

  @ApiPropertyOptional({ enum: ['proposed', 'active'], default: 'proposed' })
  @IsOptional()
  @IsIn(['proposed', 'active'], { message: 'status must be proposed or active' })
  status?: 'proposed' | 'active';
}

export class PlacementStatusDto {
  @ApiProperty({ enum: PLACEMENT_STATUSES })
  @IsIn(PLACEMENT_STATUSES, { message: `status must be one of ${PLACEMENT_STATUSES.join(', ')}` })
  status: PlacementStatus;

  @ApiPropertyOptional({ example: '2026-11-20', description: 'For ended-early and completed; defaults to today' })
  @IsOptional()
  @IsCalendarDate('endedOn')
  endedOn?: string;

  @ApiPropertyOptional({ description: 'Required when the placement ends early' })
  @OptionalText(1000)
  endReason?: string;

  @ApiPropertyOptional({ example: '2026-09-01' })
  @IsOptional()
  @IsCalendarDate('riskAssessedOn')
  riskAssessedOn?: string;
}

export class PlacementFilterDto extends PageQuery {
  @ApiPropertyOptional({ format: 'uuid' })
  @OptionalUuid()
  personId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @OptionalUuid()
  hostId?: string;

  @ApiPropertyOptional({ description: 'Comma-separated statuses', example: 'active,paused' })
  @IsOptional()
  @Transform(list)
  @IsArray()
  @IsIn(PLACEMENT_STATUSES, { each: true, message: `each status must be one of ${PLACEMENT_STATUSES.join(', ')}` })
  status?: PlacementStatus[];

  @ApiPropertyOptional({ description: 'Only placements whose supervision is overdue' })
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  supervisionOverdue?: boolean;
}

export class SupervisionDto {
  @ApiProperty({ example: '2026-09-21' })
  @IsCalendarDate('heldOn')
  heldOn: string;

  @ApiPropertyOptional({ description: 'Defaults to the placement’s supervisor' })
  @IsOptional()
  @RequiredText(200)
  supervisorName?: string;

  @ApiPropertyOptional({ type: String, description: 'Seen by coordinators and admins only', nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(10000)
  notes?: string | null;

  @ApiPropertyOptional({ type: String, description: 'Agreed actions; the participant sees these', nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  actions?: string | null;

  @ApiPropertyOptional({ description: 'A concern about the person’s wellbeing was raised' })
  @IsOptional()
  @IsBoolean()
  wellbeingConcern?: boolean;

  @ApiPropertyOptional({ description: 'Signs the mentor off to visit alone (they first visit with a navigator); the placement shows the date as loneWorkingSignedOffOn' })
  @IsOptional()
  @IsBoolean()
  loneWorkingSignedOff?: boolean;
}

export class ReviewDto {
  @ApiProperty({ example: 6, description: 'One of the placement’s review weeks' })
  @Type(() => Number)
  @IsInt({ message: 'week must be a whole number' })
  @Min(1)
  @Max(520)
  week: number;

  @ApiProperty({ example: '2026-10-19' })
  @IsCalendarDate('heldOn')
  heldOn: string;

  @ApiProperty({ enum: ['continue', 'change-needed', 'end'] })
  @IsIn(['continue', 'change-needed', 'end'], { message: 'outcome must be one of continue, change-needed, end' })
  outcome: 'continue' | 'change-needed' | 'end';

  @ApiPropertyOptional({ type: String, nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  summary?: string | null;
}
