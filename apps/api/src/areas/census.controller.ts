import { Body, Controller, Get, Post, Query, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { Request } from 'express';
import { Actor, AllowRoles, Role } from '@steppingstone/core';
import { CensusDatasets } from '@steppingstone/areas';
import { AccountView } from '@steppingstone/organisations';
import { CurrentAccount, CurrentActor, ReadsOwnAccount } from '../auth/request-context';
import { csvBodyOf } from '../csv-body';
import { UuidParam } from '../validation';
import { NewCensusDatasetDto, CensusImportQuery, CensusFiguresQuery } from './census.dto';
import { CensusDatasetView, CensusFigureView, CensusImportReportView } from './areas-views.dto';

export const CENSUS_TABLES_PATH = 'census/datasets/:id/tables';

@ApiTags('areas')
@ApiBearerAuth()
@Controller('census/datasets')
export class CensusController {
  constructor(private readonly datasets: CensusDatasets) {}

  @Post()
  @AllowRoles(Role.Admin)
  @ApiOperation({ summary: 'Start a new version of a census dataset (version 1 for a new name)' })
  @ApiCreatedResponse({ type: CensusDatasetView })
  create(@CurrentActor() actor: Actor, @Body() body: NewCensusDatasetDto) {
    return this.datasets.create(actor, body);
  }

  @Post(':id/tables')
  @AllowRoles(Role.Admin)
  @ApiConsumes('text/csv')
  @ApiBody({ description: 'A census table: area_code,area_name[,parent_code,parent_name],dimension,category,count', schema: { type: 'string' } })
  @ApiQuery({ name: 'dryRun', required: false, type: Boolean })
  @ApiOperation({ summary: 'Import a census table into the dataset: every problem reported by row and column; all rows stored or none' })
  @ApiCreatedResponse({ type: CensusImportReportView, description: 'What was (or, with dryRun, would be) imported, and every problem found' })
  @ReadsOwnAccount()
  importTable(@CurrentActor() actor: Actor, @CurrentAccount() account: AccountView, @UuidParam('id') id: string, @Query() query: CensusImportQuery, @Req() request: Request) {
    // The borough comes with the session lookup (one round trip), as areas does not read organisations.
    return this.datasets.importTable(actor, id, csvBodyOf(request), query.dryRun ?? false, account.organisation.boroughCode);
  }

  @Get()
  @AllowRoles(Role.Admin, Role.Coordinator)
  @ApiOperation({ summary: 'Census datasets with their versions and tables' })
  @ApiOkResponse({ type: [CensusDatasetView] })
  list(@CurrentActor() actor: Actor) {
    return this.datasets.list(actor);
  }

  @Get(':id')
  @AllowRoles(Role.Admin, Role.Coordinator)
  @ApiOkResponse({ type: CensusDatasetView })
  get(@CurrentActor() actor: Actor, @UuidParam('id') id: string) {
    return this.datasets.get(actor, id);
  }

  @Get(':id/figures')
  @AllowRoles(Role.Admin, Role.Coordinator)
  @ApiOperation({ summary: 'The counts of a dataset, by area and dimension' })
  @ApiOkResponse({ type: [CensusFigureView] })
  figures(@CurrentActor() actor: Actor, @UuidParam('id') id: string, @Query() query: CensusFiguresQuery) {
    return this.datasets.figures(actor, id, query);
  }
}
