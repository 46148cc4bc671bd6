import { Body, Controller, Get, HttpCode, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiPropertyOptions, ApiTags, OmitType, PartialType } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsISO8601, IsNotEmpty, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min, ValidateIf, ValidateNested } from 'class-validator';
import { Actor, AllowRoles, ISO_DATE_PATTERN, Role } from '@steppingstone/core';
import { APPLICATION_STAGES, EVENT_LINK_MAX_HOURS, EventLinks, INTAKE_STATUSES, Intakes, IntakeStatus, PARTNER_KINDS } from '@steppingstone/recruitment';
import { CurrentActor } from '../auth/request-context';
import { UuidParam } from '../validation';
import { trim } from '../transforms';


export class LocalityCapacityDto {
  @ApiProperty()
  @IsUUID('all', { message: 'localityId must be a UUID' })
  localityId: string;

  @ApiProperty({ example: 15 })
  @IsInt({ message: 'capacity must be a whole number' })
  @Min(0)
  @Max(10000)
  capacity: number;
}

export class IntakeDto {
  @ApiProperty()
  @IsUUID('all', { message: 'programmeId must be a UUID' })
  programmeId: string;

  @ApiProperty({ example: 'Spring intake' })
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
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
  @IsOptional()
  @IsUUID('all', { message: 'programmeId must be a UUID' })
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

const STAGE_COUNTS = { type: 'object', additionalProperties: false, properties: Object.fromEntries(APPLICATION_STAGES.map((s) => [s, { type: 'integer' }])), description: 'Every stage, zero where empty' } as ApiPropertyOptions;

class PartnerPipelineResponse {
  @ApiProperty({ nullable: true, type: String, format: 'uuid', description: 'null: applicants who came without a partner' }) partnerId: string | null;
  @ApiProperty({ example: 'Holloway Jobcentre' }) name: string;
  @ApiProperty({ nullable: true, enum: PARTNER_KINDS }) kind: string | null;
  @ApiProperty({ nullable: true, type: String }) code: string | null;
  @ApiProperty() total: number;
  @ApiProperty(STAGE_COUNTS) stages: Record<string, number>;
}

class PartnerPipelineListResponse {
  @ApiProperty({ format: 'uuid' }) intakeId: string;
  @ApiProperty() total: number;
  @ApiProperty({ type: [PartnerPipelineResponse] }) partners: PartnerPipelineResponse[];
}

@ApiTags('recruitment')
@ApiBearerAuth()
@Controller('intakes')
export class IntakesController {
  constructor(
    private readonly intakes: Intakes,
    private readonly eventLinks: EventLinks,
  ) {}

  @Post()
  @AllowRoles(Role.Admin, Role.Coordinator)
  @ApiOperation({ summary: 'Create an intake (a draft until opened)' })
  create(@CurrentActor() actor: Actor, @Body() body: IntakeDto) {
    return this.intakes.create(actor, body);
  }

  @Get()
  @AllowRoles(Role.Admin, Role.Coordinator)
  list(@CurrentActor() actor: Actor, @Query() filter: IntakeFilterDto) {
    return this.intakes.list(actor, filter);
  }

  @Get(':id')
  @AllowRoles(Role.Admin, Role.Coordinator)
  get(@CurrentActor() actor: Actor, @UuidParam('id') id: string) {
    return this.intakes.get(actor, id);
  }

  @Patch(':id')
  @AllowRoles(Role.Admin, Role.Coordinator)
  update(@CurrentActor() actor: Actor, @UuidParam('id') id: string, @Body() body: UpdateIntakeDto) {
    return this.intakes.update(actor, id, body);
  }

  @Post(':id/status')
  @HttpCode(200)
  @AllowRoles(Role.Admin, Role.Coordinator)
  @ApiOperation({ summary: 'Open, close, reopen or archive an intake' })
  changeStatus(@CurrentActor() actor: Actor, @UuidParam('id') id: string, @Body() body: IntakeStatusDto) {
    return this.intakes.changeStatus(actor, id, body.status);
  }

  @Post(':id/event-links')
  @AllowRoles(Role.Admin, Role.Coordinator)
  @ApiOperation({
    summary: 'A signed link to the public form for a recruitment event, valid for some hours',
    description: 'Applications through it are not limited per address (many people share one connection at an event) until it expires; the honeypot and every other check of the form still apply. Nothing is stored: the link carries its intake and expiry, signed.',
  })
  createEventLink(@CurrentActor() actor: Actor, @UuidParam('id') id: string, @Body() body: EventLinkDto) {
    return this.eventLinks.create(actor, id, body.hours);
  }

  @Get(':id/pipeline')
  @AllowRoles(Role.Admin, Role.Coordinator)
  @ApiOperation({ summary: 'Applications per stage, for the pipeline board; `partnerId` (or "none") narrows it to one referral partner’s applicants' })
  pipeline(@CurrentActor() actor: Actor, @UuidParam('id') id: string, @Query() filter: PipelineFilterDto) {
    return this.intakes.pipeline(actor, id, filter);
  }

  @Get(':id/pipeline/by-partner')
  @AllowRoles(Role.Admin, Role.Coordinator)
  @ApiOperation({ summary: 'The pipeline split by referral partner: each partner that brought applicants (and "No partner", partnerId null) with its counts per stage, largest first' })
  @ApiOkResponse({ type: PartnerPipelineListResponse })
  pipelineByPartner(@CurrentActor() actor: Actor, @UuidParam('id') id: string) {
    return this.intakes.pipelineByPartner(actor, id);
  }
}
