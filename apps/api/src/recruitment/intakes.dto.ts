import { ApiProperty, ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsISO8601, IsOptional, IsUUID, Matches, Max, Min, ValidateIf, ValidateNested } from 'class-validator';
import { ISO_DATE_PATTERN } from '@steppingstone/core';
import { EVENT_LINK_MAX_HOURS, INTAKE_STATUSES, IntakeStatus } from '@steppingstone/recruitment';
import { IsUuid, OptionalUuid, RequiredText } from '../validation';

export class LocalityCapacityDto {
  @ApiProperty()
  @IsUuid()
  localityId: string;

  @ApiProperty({ example: 15 })
  @IsInt({ message: 'capacity must be a whole number' })
  @Min(0)
  @Max(10000)
  capacity: number;
}

export class IntakeDto {
  @ApiProperty()
  @IsUuid()
  programmeId: string;

  @ApiProperty({ example: 'Spring intake' })
  @RequiredText(200)
  name: string;

  @ApiProperty({ example: '2026-03-02', description: 'First day of the recruitment window (ISO date)' })
  @Matches(ISO_DATE_PATTERN, { message: 'opensOn must be a date like 2026-03-02' })
  @IsISO8601({ strict: true }, { message: 'opensOn must be a real calendar date' })
  opensOn: string;

  @ApiProperty({ example: '2026-03-27', description: 'Last day of the recruitment window (ISO date)' })
  @Matches(ISO_DATE_PATTERN, { message: 'closesOn must be a date like 2026-03-27' })
  @IsISO8601({ strict: true }, { message: 'closesOn must be a real calendar date' })
  closesOn: string;

  @ApiProperty({ example: 45 })
  @IsInt({ message: 'capacity must be a whole number' })
  @Min(1)
  @Max(10000)
  capacity: number;

  @ApiPropertyOptional({ type: [LocalityCapacityDto], description: 'Places per locality, adding up to at most capacity' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => LocalityCapacityDto)
  localityCapacities?: LocalityCapacityDto[];
}

export class UpdateIntakeDto extends PartialType(OmitType(IntakeDto, ['programmeId'] as const)) {}

export class IntakeStatusDto {
  @ApiProperty({ enum: INTAKE_STATUSES })
  @IsIn(INTAKE_STATUSES, { message: `status must be one of ${INTAKE_STATUSES.join(', ')}` })
  status: IntakeStatus;
}

export class EventLinkDto {
  @ApiProperty({ example: 6, minimum: 1, maximum: EVENT_LINK_MAX_HOURS, description: 'How long the link takes applications, from now' })
  @IsInt({ message: 'hours must be a whole number' })
  @Min(1, { message: 'hours must be at least 1' })
  @Max(EVENT_LINK_MAX_HOURS, { message: `hours must be at most ${EVENT_LINK_MAX_HOURS} (a week)` })
  hours: number;
}

export class IntakeFilterDto {
  @ApiPropertyOptional()
  @OptionalUuid()
  programmeId?: string;

  @ApiPropertyOptional({ enum: INTAKE_STATUSES })
  @IsOptional()
  @IsIn(INTAKE_STATUSES, { message: `status must be one of ${INTAKE_STATUSES.join(', ')}` })
  status?: IntakeStatus;
}

export class PipelineFilterDto {
  @ApiPropertyOptional({ description: 'A referral partner’s id, or "none" for applicants who came without one' })
  @IsOptional()
  @ValidateIf((dto: PipelineFilterDto) => dto.partnerId !== 'none')
  @IsUUID('all', { message: 'partnerId must be a UUID or "none"' })
  partnerId?: string;
}
