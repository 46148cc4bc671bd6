import { Body, Controller, Get, Patch } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, AllowRoles, AnyMember, Role } from '@steppingstone/core';
import { OrganisationSettings } from '@steppingstone/organisations';
import { CurrentActor } from '../auth/request-context';
import { UpdateOrganisationDto } from './organisation.dto';
import { OrganisationView } from './organisation-views.dto';

@ApiTags('organisation')
@ApiBearerAuth()
@Controller('organisation')
export class OrganisationController {
  constructor(private readonly settings: OrganisationSettings) {}

  @Get()
  @AnyMember()
  @ApiOkResponse({ type: OrganisationView })
  @ApiOperation({ summary: 'Your organisation' })
  get(@CurrentActor() actor: Actor) {
    return this.settings.get(actor);
  }

  @Patch()
  @AllowRoles(Role.Admin)
  @ApiOkResponse({ type: OrganisationView })
  @ApiOperation({ summary: 'Change the name, time zone, which roles must use two-step sign-in, the retention period, or the default census dataset' })
  update(@CurrentActor() actor: Actor, @Body() body: UpdateOrganisationDto) {
    return this.settings.update(actor, body);
  }
}
