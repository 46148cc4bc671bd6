import { Body, Controller, Get, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, AllowRoles, AnyMember, Role } from '@steppingstone/core';
import { Localities } from '@steppingstone/areas';
import { CurrentActor } from '../auth/request-context';
import { UuidParam } from '../validation';
import { LocalityDto, UpdateLocalityDto } from './localities.dto';
import { LocalityView } from './areas-views.dto';

@ApiTags('areas')
@ApiBearerAuth()
@Controller('localities')
export class LocalitiesController {
  constructor(private readonly localities: Localities) {}

  @Get()
  @AnyMember()
  @ApiOperation({ summary: "The organisation's localities (catchments, neighbourhoods, districts)" })
  @ApiOkResponse({ type: [LocalityView] })
  list(@CurrentActor() actor: Actor) {
    return this.localities.list(actor);
  }

  @Post()
  @AllowRoles(Role.Admin)
  @ApiCreatedResponse({ type: LocalityView })
  create(@CurrentActor() actor: Actor, @Body() body: LocalityDto) {
    return this.localities.create(actor, body);
  }

  @Patch(':id')
  @AllowRoles(Role.Admin)
  @ApiOkResponse({ type: LocalityView })
  update(@CurrentActor() actor: Actor, @UuidParam('id') id: string, @Body() body: UpdateLocalityDto) {
    return this.localities.update(actor, id, body);
  }
}
