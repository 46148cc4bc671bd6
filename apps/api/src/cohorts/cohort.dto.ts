import { ApiProperty, ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsISO8601, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { ISO_DATE_PATTERN } from '@steppingstone/core';
import { ScheduleExceptionAction } from '@steppingstone/cohorts';
import { IsUuid, OptionalText, OptionalUuid, RequiredText } from '../validation';

const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

/** A calendar date field: shape first (a clear message), then a real date. */
export const IsCalendarDate = (field: string) => (target: object, key: string) => {
  Matches(ISO_DATE_PATTERN, { message: `${field} must be a date like 2026-03-02` })(target, key);
  IsISO8601({ strict: true }, { message: `${field} must be a real calendar date` })(target, key);
};

export const IsLocalTime = (field: string) => Matches(TIME, { message: `${field} must be a 24-hour time like 18:30` });

export class CohortDto {
  @ApiProperty()
  @IsUuid()
  programmeId: string;

  @ApiProperty({ example: 'Spring 2026, North' })
  @RequiredText(200)
  name: string;

  @ApiPropertyOptional({ type: String, description: 'The intake the cohort draws its people from', nullable: true })
  @OptionalUuid()
  intakeId?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true })
  @OptionalUuid()
  localityId?: string | null;

  @ApiProperty({ example: '2026-04-13' })
  @IsCalendarDate('startsOn')
  startsOn: string;

  @ApiProperty({ example: 15 })
  @IsInt({ message: 'capacity must be a whole number' })
  @Min(1)
  @Max(1000)
  capacity: number;

  @ApiPropertyOptional({ type: String, example: 'Community Centre, Room 2', nullable: true })
  @OptionalText(300)
  venue?: string | null;

  @ApiPropertyOptional({ type: [String], description: 'User ids of members with the trainer role' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsUUID('all', { each: true, message: 'each trainerUserIds entry must be a UUID' })
  trainerUserIds?: string[];
}

export class UpdateCohortDto extends PartialType(OmitType(CohortDto, ['programmeId'] as const)) {}

export class CohortFilterDto {
  @ApiPropertyOptional()
  @OptionalUuid()
  programmeId?: string;
}

export class EnrolDto {
  @ApiPropertyOptional({ type: [String], description: 'Accepted applications; each moves to enrolled' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(500)
  @IsUUID('all', { each: true, message: 'each applicationIds entry must be a UUID' })
  applicationIds?: string[];

  @ApiPropertyOptional({ type: [String], description: 'People enrolled directly, without an application' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(500)
  @IsUUID('all', { each: true, message: 'each personIds entry must be a UUID' })
  personIds?: string[];
}

const EXCEPTION_ACTIONS: ScheduleExceptionAction[] = ['skip', 'cancel', 'move'];

export class ScheduleExceptionDto {
  @ApiProperty({ example: '2026-05-04', description: 'A date of the weekly pattern' })
  @IsCalendarDate('date')
  date: string;

  @ApiProperty({ enum: EXCEPTION_ACTIONS, description: 'skip (e.g. a bank holiday: no session, the course runs a week longer), cancel (kept, shown as cancelled, also a week longer) or move' })
  @IsIn(EXCEPTION_ACTIONS, { message: `action must be one of ${EXCEPTION_ACTIONS.join(', ')}` })
  action: ScheduleExceptionAction;

  @ApiPropertyOptional({ example: '2026-05-05' })
  @IsOptional()
  @IsCalendarDate('toDate')
  toDate?: string;

  @ApiPropertyOptional({ example: '10:00' })
  @IsOptional()
  @IsLocalTime('toTime')
  toTime?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(500)
  note?: string;
}

export class ScheduleDto {
  @ApiPropertyOptional({ example: '2026-04-13', description: "Defaults to the cohort's start date" })
  @IsOptional()
  @IsCalendarDate('firstDate')
  firstDate?: string;

  @ApiProperty({ example: 3, description: 'ISO weekday: 1 Monday … 7 Sunday' })
  @IsInt({ message: 'weekday must be a whole number from 1 (Monday) to 7 (Sunday)' })
  @Min(1)
  @Max(7)
  weekday: number;

  @ApiProperty({ example: 12, description: 'How many sessions are held' })
  @IsInt({ message: 'sessions must be a whole number' })
  @Min(1)
  @Max(104)
  sessions: number;

  @ApiProperty({ example: '18:00', description: "Local time in the organisation's time zone" })
  @IsLocalTime('startTime')
  startTime: string;

  @ApiProperty({ example: 120 })
  @IsInt({ message: 'durationMinutes must be a whole number' })
  @Min(5)
  @Max(1440)
  durationMinutes: number;

  @ApiPropertyOptional({ description: "Defaults to the cohort's venue" })
  @IsOptional()
  @IsString()
  @MaxLength(300)
  venue?: string;

  @ApiPropertyOptional({ type: [ScheduleExceptionDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(104)
  @ValidateNested({ each: true })
  @Type(() => ScheduleExceptionDto)
  exceptions?: ScheduleExceptionDto[];
}

export class SessionChangesDto {
  @ApiPropertyOptional({ example: '2026-05-05', description: 'Moves the session to this local date' })
  @IsOptional()
  @IsCalendarDate('date')
  date?: string;

  @ApiPropertyOptional({ example: '10:00' })
  @IsOptional()
  @IsLocalTime('startTime')
  startTime?: string;

  @ApiPropertyOptional({ example: 120 })
  @IsOptional()
  @IsInt({ message: 'durationMinutes must be a whole number' })
  @Min(5)
  @Max(1440)
  durationMinutes?: number;

  @ApiPropertyOptional({ type: String, nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(300)
  venue?: string | null;

  @ApiPropertyOptional({ enum: ['scheduled', 'cancelled'] })
  @IsOptional()
  @IsIn(['scheduled', 'cancelled'], { message: 'status must be one of scheduled, cancelled' })
  status?: 'scheduled' | 'cancelled';

  @ApiPropertyOptional({ type: String, nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  note?: string | null;
}
