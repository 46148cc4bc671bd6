import { Body, Controller, Get, Patch, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags, PartialType } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsNotEmpty, IsOptional, IsString, IsUUID, MaxLength, ValidateIf } from 'class-validator';
import { Actor, AllowRoles, Role } from '@steppingstone/core';
import { PROGRAMME_KINDS, ProgrammeKind, Programmes } from '@steppingstone/recruitment';
import { CurrentActor } from '../auth/request-context';
import { UuidParam } from '../validation';
import { toBoolean, trim } from '../transforms';

export class ProgrammeDto {
  @ApiProperty({ example: 'Peer Mentor training' })
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name: string;

  @ApiProperty({ enum: PROGRAMME_KINDS })
  @IsIn(PROGRAMME_KINDS, { message: `kind must be one of ${PROGRAMME_KINDS.join(', ')}` })
  kind: ProgrammeKind;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  description?: string;

  @ApiPropertyOptional({ example: 'Aged 18+, lives in the borough, own lived experience of recovery' })
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  eligibilityNotes?: string;
}

export class UpdateProgrammeDto extends PartialType(ProgrammeDto) {
  @ApiPropertyOptional({ description: 'true archives the programme; false brings it back' })
  @IsOptional()
  @IsBoolean()
  archived?: boolean;
}

export class CensusDatasetChoiceDto {
  @ApiProperty({ nullable: true, description: 'A census dataset of this organisation, or null for none' })
  @ValidateIf((o: CensusDatasetChoiceDto) => o.datasetId !== null)
  @IsUUID('all', { message: 'datasetId must be a UUID or null' })
  datasetId: string | null;
}

export class ProgrammeFilterDto {
  @ApiPropertyOptional()
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean({ message: 'includeArchived must be true or false' })
  includeArchived?: boolean;
}

@ApiTags('recruitment')
@ApiBearerAuth()
@Controller('programmes')
export class ProgrammesController {
  constructor(private readonly programmes: Programmes) {}

  @Post()
  @AllowRoles(Role.Admin, Role.Coordinator)
  @ApiOperation({ summary: 'Create a programme (volunteering, a training course or a paid role)' })
  create(@CurrentActor() actor: Actor, @Body() body: ProgrammeDto) {
    return this.programmes.create(actor, body);
  }

  @Get()
  @AllowRoles(Role.Admin, Role.Coordinator, Role.Trainer)
  list(@CurrentActor() actor: Actor, @Query() filter: ProgrammeFilterDto) {
    return this.programmes.list(actor, filter);
  }

  @Get(':id')
  @AllowRoles(Role.Admin, Role.Coordinator, Role.Trainer)
  get(@CurrentActor() actor: Actor, @UuidParam('id') id: string) {
    return this.programmes.get(actor, id);
  }

  @Patch(':id')
  @AllowRoles(Role.Admin, Role.Coordinator)
  update(@CurrentActor() actor: Actor, @UuidParam('id') id: string, @Body() body: UpdateProgrammeDto) {
    return this.programmes.update(actor, id, body);
  }

  @Put(':id/census-dataset')
  @AllowRoles(Role.Admin, Role.Coordinator)
  @ApiOperation({ summary: 'Choose the census dataset (and version) this programme compares against' })
  chooseCensusDataset(@CurrentActor() actor: Actor, @UuidParam('id') id: string, @Body() body: CensusDatasetChoiceDto) {
    return this.programmes.chooseCensusDataset(actor, id, body.datasetId);
  }
}
