import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, AllowRoles, Role } from '@steppingstone/core';
import { MessageAudiences } from '@steppingstone/reminders';
import { CurrentActor } from '../auth/request-context';
import { MessageAudienceQueryDto, MessageAudienceView } from './message-audience.dto';

/** Before a coordinator sends a message: how many it would reach, and how. */
@ApiTags('messages')
@ApiBearerAuth()
@Controller('message-audience')
export class MessageAudienceController {
  constructor(private readonly audiences: MessageAudiences) {}

  @Get()
  @AllowRoles(Role.Admin, Role.Coordinator)
  @ApiOkResponse({ type: MessageAudienceView })
  @ApiOperation({
    summary: 'How many people a message to this cohort or intake stage would reach now, by email, by text and with no way to reach them',
    description: '404 GROUP_NOT_FOUND for an unknown cohort or intake.',
  })
  count(@CurrentActor() actor: Actor, @Query() query: MessageAudienceQueryDto) {
    return this.audiences.count(actor, query);
  }
}
