import { Body, Controller, Get, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, AllowRoles, Role } from '@steppingstone/core';
import { HostOrganisations, Opportunities } from '@steppingstone/placements';
import { CurrentActor } from '../auth/request-context';
import { UuidParam } from '../validation';
import { HostDto, HostFilterDto, OpportunityDto, UpdateHostDto, UpdateOpportunityDto } from './hosts.dto';
import { HostOrganisationPageView, HostOrganisationView, OpportunityView } from './placements-views.dto';

const MANAGERS = [Role.Admin, Role.Coordinator] as const;

@ApiTags('placements')
@ApiBearerAuth()
@Controller('host-organisations')
export class HostOrganisationsController {
  constructor(
    private readonly hosts: HostOrganisations,
    private readonly opportunities: Opportunities,
  ) {}

  @Post()
  @AllowRoles(...MANAGERS)
  @ApiOperation({ summary: 'Add a host organisation (a partner that takes people on placement)' })
  @ApiCreatedResponse({ type: HostOrganisationView })
  create(@CurrentActor() actor: Actor, @Body() body: HostDto) {
    return this.hosts.create(actor, body);
  }

  @Get()
  @AllowRoles(...MANAGERS)
  @ApiOperation({ summary: 'Host organisations, by name, with their opportunities and active placements counted' })
  @ApiOkResponse({ type: HostOrganisationPageView })
  list(@CurrentActor() actor: Actor, @Query() filter: HostFilterDto) {
    return this.hosts.list(actor, filter);
  }

  @Get(':id')
  @AllowRoles(...MANAGERS)
  @ApiOperation({ summary: 'One host organisation' })
  @ApiOkResponse({ type: HostOrganisationView })
  get(@CurrentActor() actor: Actor, @UuidParam('id') id: string) {
    return this.hosts.get(actor, id);
  }

  @Patch(':id')
  @AllowRoles(...MANAGERS)
  @ApiOperation({ summary: 'Change a host organisation’s details' })
  @ApiOkResponse({ type: HostOrganisationView })
  update(@CurrentActor() actor: Actor, @UuidParam('id') id: string, @Body() body: UpdateHostDto) {
    return this.hosts.update(actor, id, body);
  }

  @Post(':id/opportunities')
  @AllowRoles(...MANAGERS)
  @ApiOperation({ summary: 'Add a placement opportunity: a role with hours, places and requirements' })
  @ApiCreatedResponse({ type: OpportunityView })
  createOpportunity(@CurrentActor() actor: Actor, @UuidParam('id') id: string, @Body() body: OpportunityDto) {
    return this.opportunities.create(actor, id, body);
  }

  @Get(':id/opportunities')
  @AllowRoles(...MANAGERS)
  @ApiOperation({ summary: 'The host’s opportunities with places taken' })
  @ApiOkResponse({ type: [OpportunityView] })
  listOpportunities(@CurrentActor() actor: Actor, @UuidParam('id') id: string) {
    return this.opportunities.forHost(actor, id);
  }
}

@ApiTags('placements')
@ApiBearerAuth()
@Controller('placement-opportunities')
export class OpportunitiesController {
  constructor(private readonly opportunities: Opportunities) {}

  @Get(':id')
  @AllowRoles(...MANAGERS)
  @ApiOperation({ summary: 'One placement opportunity' })
  @ApiOkResponse({ type: OpportunityView })
  get(@CurrentActor() actor: Actor, @UuidParam('id') id: string) {
    return this.opportunities.get(actor, id);
  }

  @Patch(':id')
  @AllowRoles(...MANAGERS)
  @ApiOperation({ summary: 'Change an opportunity; places cannot go below those taken' })
  @ApiOkResponse({ type: OpportunityView })
  update(@CurrentActor() actor: Actor, @UuidParam('id') id: string, @Body() body: UpdateOpportunityDto) {
    return this.opportunities.update(actor, id, body);
  }
}
