import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsNotEmpty, IsOptional, IsString, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { ATTENDANCE_STATUSES, AttendanceStatus, WITHDRAWAL_REASONS, WithdrawalReason } from '@steppingstone/cohorts';
import { toBoolean } from '../transforms';
import { IsCalendarDate } from './cohort.dto';
import { IsUuid, OptionalUuid, RequiredText } from '../validation';

export class RegisterEntryDto {
  @ApiProperty()
  @IsUuid()
  personId: string;

  @ApiProperty({ enum: ATTENDANCE_STATUSES })
  @IsIn(ATTENDANCE_STATUSES, { message: `status must be one of ${ATTENDANCE_STATUSES.join(', ')}` })
  status: AttendanceStatus;

  @ApiPropertyOptional({ type: String, example: 'Rang ahead: hospital appointment', nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  note?: string | null;
}

export class RegisterDto {
  @ApiProperty({ description: 'The register version you loaded (0 for a register never saved)' })
  @IsInt({ message: 'version must be a whole number' })
  @Min(0)
  version: number;

  @ApiProperty({ type: [RegisterEntryDto], description: 'The whole register; anyone left out has nothing recorded' })
  @IsArray()
  @ArrayMaxSize(1000)
  @ValidateNested({ each: true })
  @Type(() => RegisterEntryDto)
  entries: RegisterEntryDto[];
}

export class AssessmentResultDto {
  @ApiProperty({ example: 'Level 2 Peer Mentoring' })
  @RequiredText(200)
  assessment: string;

  @ApiProperty({ enum: ['pass', 'fail'] })
  @IsIn(['pass', 'fail'], { message: 'result must be one of pass, fail' })
  result: 'pass' | 'fail';

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  note?: string;
}

export class WithdrawalDto {
  @ApiProperty({ example: '2026-05-06' })
  @IsCalendarDate('withdrawnOn')
  withdrawnOn: string;

  @ApiProperty({ enum: WITHDRAWAL_REASONS })
  @IsIn(WITHDRAWAL_REASONS, { message: `reason must be one of ${WITHDRAWAL_REASONS.join(', ')}` })
  reason: WithdrawalReason;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string;
}

export class ReadmissionDto {
  @ApiProperty({ example: '2026-05-20' })
  @IsCalendarDate('readmittedOn')
  readmittedOn: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string;
}

export class CompletionRuleDto {
  @ApiPropertyOptional({ example: 80 })
  @IsOptional()
  @IsInt({ message: 'minimumAttendancePercent must be a whole number' })
  @Min(0)
  @Max(100)
  minimumAttendancePercent?: number;

  @ApiPropertyOptional({ type: [String], example: ['Level 2 Peer Mentoring'] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @IsNotEmpty({ each: true })
  @MaxLength(200, { each: true })
  requiredAssessments?: string[];

  @ApiPropertyOptional({ example: 2, description: 'Absences in a row that flag someone at risk' })
  @IsOptional()
  @IsInt({ message: 'atRiskConsecutiveAbsences must be a whole number' })
  @Min(1)
  @Max(52)
  atRiskConsecutiveAbsences?: number;
}

export class DropoutFilterDto {
  @ApiPropertyOptional()
  @OptionalUuid()
  programmeId?: string;

  @ApiPropertyOptional({ example: '2026-01-01', description: 'Cohorts starting on or after' })
  @IsOptional()
  @IsCalendarDate('startsFrom')
  startsFrom?: string;

  @ApiPropertyOptional({ example: '2026-12-31', description: 'Cohorts starting on or before' })
  @IsOptional()
  @IsCalendarDate('startsTo')
  startsTo?: string;
}

export class MySessionsFilterDto {
  @ApiPropertyOptional({ description: 'Only sessions still to come' })
  @IsOptional()
  @Transform(toBoolean)
  @IsIn([true, false], { message: 'upcoming must be true or false' })
  upcoming?: boolean;
}
