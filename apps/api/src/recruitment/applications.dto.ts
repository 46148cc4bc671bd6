import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsDefined, IsIn, IsOptional, IsString, IsUUID, MaxLength, ValidateBy, ValidateIf } from 'class-validator';
import { PageQuery } from '@steppingstone/core';
import { APPLICATION_CHANNELS, APPLICATION_SORTS, APPLICATION_SOURCES, APPLICATION_STAGES, ApplicationChannel, ApplicationSort, ApplicationSource, ApplicationStage } from '@steppingstone/recruitment';
import { IsCalendarDate } from '../cohorts/cohort.dto';
import { PersonDetailsDto } from '../people/contact-details.dto';
import { IsUuid, LoadedVersion, NestedObject, OptionalText, OptionalUuid } from '../validation';

export class NewApplicationDto {
  @ApiProperty()
  @IsUuid()
  intakeId: string;

  @ApiPropertyOptional({ description: 'An existing person; or send `person` to record a new one' })
  @ValidateIf((o: NewApplicationDto) => !o.person)
  @IsUUID('all', { message: 'personId must be a UUID (or send person)' })
  personId?: string;

  @ApiPropertyOptional({ type: () => PersonDetailsDto })
  @ValidateIf((o: NewApplicationDto) => !o.personId)
  @IsDefined({ message: 'person is required unless personId is given' })
  @NestedObject(() => PersonDetailsDto)
  person?: PersonDetailsDto;

  @ApiPropertyOptional({ description: 'Record the new person even though their email or phone matches someone' })
  @IsOptional()
  @IsBoolean()
  allowDuplicate?: boolean;

  @ApiProperty({ enum: APPLICATION_SOURCES })
  @IsIn(APPLICATION_SOURCES, { message: `source must be one of ${APPLICATION_SOURCES.join(', ')}` })
  source: ApplicationSource;

  @ApiPropertyOptional({ example: 'Islington Mind', description: 'The partner organisation (or person) that referred them' })
  @OptionalText(200)
  referrer?: string;

  @ApiPropertyOptional({ example: '2026-02-14', description: 'When a paper or emailed application arrived, if entered later (default: now); not in the future' })
  @IsOptional()
  @IsCalendarDate('receivedOn')
  @ValidateBy({
    name: 'notInFuture',
    validator: { validate: (value: unknown) => typeof value === 'string' && value <= new Date().toISOString().slice(0, 10), defaultMessage: () => 'receivedOn must not be in the future' },
  })
  receivedOn?: string;
}

export class MoveApplicationDto {
  @ApiProperty({ enum: APPLICATION_STAGES })
  @IsIn(APPLICATION_STAGES, { message: `to must be one of ${APPLICATION_STAGES.join(', ')}` })
  to: ApplicationStage;

  @ApiPropertyOptional({ example: 'Strong screening call' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string;

  @ApiPropertyOptional({ description: 'The version you saw; a move made on a stale view is refused with 409' })
  @LoadedVersion()
  version?: number;
}

const toList = ({ value }: { value: unknown }) =>
  typeof value === 'string'
    ? value
        .split(',')
        .map((v) => v.trim())
        .filter(Boolean)
    : value;

export class ApplicationFilterDto extends PageQuery {
  @ApiPropertyOptional()
  @OptionalUuid()
  intakeId?: string;

  @ApiPropertyOptional({ description: 'One stage or several, comma-separated', example: 'applied,screened' })
  @IsOptional()
  @Transform(toList)
  @IsIn(APPLICATION_STAGES, { each: true, message: `stage must be among ${APPLICATION_STAGES.join(', ')}` })
  stage?: ApplicationStage[];

  @ApiPropertyOptional()
  @OptionalUuid()
  localityId?: string;

  @ApiPropertyOptional({ enum: APPLICATION_SOURCES })
  @IsOptional()
  @IsIn(APPLICATION_SOURCES, { message: `source must be one of ${APPLICATION_SOURCES.join(', ')}` })
  source?: ApplicationSource;

  @ApiPropertyOptional({ description: 'A referral partner’s id, or "none" for applications that came without one' })
  @IsOptional()
  @ValidateIf((dto: ApplicationFilterDto) => dto.partnerId !== 'none')
  @IsUUID('all', { message: 'partnerId must be a UUID or "none"' })
  partnerId?: string;

  @ApiPropertyOptional({ enum: APPLICATION_CHANNELS, description: 'How it reached the organisation' })
  @IsOptional()
  @IsIn(APPLICATION_CHANNELS, { message: `channel must be one of ${APPLICATION_CHANNELS.join(', ')}` })
  channel?: ApplicationChannel;

  @ApiPropertyOptional({ description: 'Text in the name or email, or an application’s reference (any case, spaces and dashes ignored)' })
  @OptionalText(100)
  q?: string;

  @ApiPropertyOptional({ enum: APPLICATION_SORTS, default: 'appliedAt' })
  @IsOptional()
  @IsIn(APPLICATION_SORTS, { message: `sort must be one of ${APPLICATION_SORTS.join(', ')}` })
  sort: ApplicationSort = 'appliedAt';

  @ApiPropertyOptional({ enum: ['asc', 'desc'], default: 'desc' })
  @IsOptional()
  @IsIn(['asc', 'desc'], { message: 'direction must be asc or desc' })
  direction: 'asc' | 'desc' = 'desc';
}
