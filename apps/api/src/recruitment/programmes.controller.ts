import { Body, Controller, Get, Patch, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, AllowRoles, Role } from '@steppingstone/core';
import { Programmes } from '@steppingstone/recruitment';
import { CurrentActor } from '../auth/request-context';
import { UuidParam } from '../validation';
import { ProgrammeDto, UpdateProgrammeDto, CensusDatasetChoiceDto, ProgrammeFilterDto } from './programmes.dto';
import { ProgrammeView } from './recruitment-views.dto';

@ApiTags('recruitment')
@ApiBearerAuth()
@Controller('programmes')
export class ProgrammesController {
  constructor(private readonly programmes: Programmes) {}

  @Post()
  @AllowRoles(Role.Admin, Role.Coordinator)
  @ApiOperation({ summary: 'Create a programme (volunteering, a training course or a paid role)' })
  @ApiCreatedResponse({ type: ProgrammeView })
  create(@CurrentActor() actor: Actor, @Body() body: ProgrammeDto) {
    return this.programmes.create(actor, body);
  }

  @Get()
  @AllowRoles(Role.Admin, Role.Coordinator, Role.Trainer)
  @ApiOkResponse({ type: [ProgrammeView] })
  list(@CurrentActor() actor: Actor, @Query() filter: ProgrammeFilterDto) {
    return this.programmes.list(actor, filter);
  }

  @Get(':id')
  @AllowRoles(Role.Admin, Role.Coordinator, Role.Trainer)
  @ApiOkResponse({ type: ProgrammeView })
  get(@CurrentActor() actor: Actor, @UuidParam('id') id: string) {
    return this.programmes.get(actor, id);
  }

  @Patch(':id')
  @AllowRoles(Role.Admin, Role.Coordinator)
  @ApiOkResponse({ type: ProgrammeView })
  update(@CurrentActor() actor: Actor, @UuidParam('id') id: string, @Body() body: UpdateProgrammeDto) {
    return this.programmes.update(actor, id, body);
  }

  @Put(':id/census-dataset')
  @AllowRoles(Role.Admin, Role.Coordinator)
  @ApiOperation({ summary: 'Choose the census dataset (and version) this programme compares against' })
  @ApiOkResponse({ type: ProgrammeView })
  chooseCensusDataset(@CurrentActor() actor: Actor, @UuidParam('id') id: string, @Body() body: CensusDatasetChoiceDto) {
    return this.programmes.chooseCensusDataset(actor, id, body.datasetId);
  }
}
