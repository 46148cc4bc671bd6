import { Body, Controller, Get, Post, Query, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiOperation, ApiProperty, ApiPropertyOptional, ApiQuery, ApiTags } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsNotEmpty, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { Request } from 'express';
import { Actor, AllowRoles, Role } from '@steppingstone/core';
import { CensusDatasets } from '@steppingstone/areas';
import { CurrentActor } from '../auth/request-context';
import { csvBodyOf } from '../csv-body';
import { UuidParam } from '../validation';
import { toBoolean, trim } from '../transforms';

export class NewCensusDatasetDto {
  @ApiProperty({ example: 'Census 2021' })
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name: string;

  @ApiPropertyOptional({ example: 'ONS Census 2021 tables for Islington and its LSOAs' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  description?: string;
}

export class CensusImportQuery {
  @ApiPropertyOptional({ description: 'true: check and report only, store nothing', default: false })
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean({ message: 'dryRun must be true or false' })
  dryRun?: boolean;
}

export class CensusFiguresQuery {
  @ApiPropertyOptional({ example: 'E09000019' })
  @IsOptional()
  @Matches(/^[EWSN]\d{8}$/, { message: 'areaCode must be an ONS code such as E09000019' })
  areaCode?: string;

  @ApiPropertyOptional({ example: 'ethnicity' })
  @IsOptional()
  @Matches(/^[a-z][a-z0-9_]{0,62}$/, { message: 'dimension must be a name such as ethnicity' })
  dimension?: string;
}

export const CENSUS_TABLES_PATH = 'census/datasets/:id/tables';

@ApiTags('areas')
@ApiBearerAuth()
@Controller('census/datasets')
export class CensusController {
  constructor(private readonly datasets: CensusDatasets) {}

  @Post()
  @AllowRoles(Role.Admin)
  @ApiOperation({ summary: 'Start a new version of a census dataset (version 1 for a new name)' })
  create(@CurrentActor() actor: Actor, @Body() body: NewCensusDatasetDto) {
    return this.datasets.create(actor, body);
  }

  @Post(':id/tables')
  @AllowRoles(Role.Admin)
  @ApiConsumes('text/csv')
  @ApiBody({ description: 'A census table: area_code,area_name[,parent_code,parent_name],dimension,category,count', schema: { type: 'string' } })
  @ApiQuery({ name: 'dryRun', required: false, type: Boolean })
  @ApiOperation({ summary: 'Import a census table into the dataset: every problem reported by row and column; all rows stored or none' })
  importTable(@CurrentActor() actor: Actor, @UuidParam('id') id: string, @Query() query: CensusImportQuery, @Req() request: Request) {
    return this.datasets.importTable(actor, id, csvBodyOf(request), query.dryRun ?? false);
  }

  @Get()
  @AllowRoles(Role.Admin, Role.Coordinator)
  @ApiOperation({ summary: 'Census datasets with their versions and tables' })
  list(@CurrentActor() actor: Actor) {
    return this.datasets.list(actor);
  }

  @Get(':id')
  @AllowRoles(Role.Admin, Role.Coordinator)
  get(@CurrentActor() actor: Actor, @UuidParam('id') id: string) {
    return this.datasets.get(actor, id);
  }

  @Get(':id/figures')
  @AllowRoles(Role.Admin, Role.Coordinator)
  @ApiOperation({ summary: 'The counts of a dataset, by area and dimension' })
  figures(@CurrentActor() actor: Actor, @UuidParam('id') id: string, @Query() query: CensusFiguresQuery) {
    return this.datasets.figures(actor, id, query);
  }
}
