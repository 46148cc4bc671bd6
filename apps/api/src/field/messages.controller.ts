import { Body, Controller, Get, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, AllowRoles, Role } from '@steppingstone/core';
import { CoordinatorMessages } from '@steppingstone/reminders';
import { CurrentActor } from '../auth/request-context';
import { UuidParam } from '../validation';
import { CoordinatorMessageView } from './field-views.dto';
import { CoordinatorMessageDto } from './notify-settings.dto';

const SENDERS = [Role.Admin, Role.Coordinator] as const;

@ApiTags('messages')
@ApiBearerAuth()
@Controller('messages')
export class MessagesController {
  constructor(private readonly messages: CoordinatorMessages) {}

  @Post()
  @AllowRoles(...SENDERS)
  @ApiCreatedResponse({ type: CoordinatorMessageView })
  @ApiOperation({
    summary: 'Send a message to a cohort’s members or an intake’s applicants at one stage, each by email or text as they prefer (held until 08:00 at night)',
    description: '404 GROUP_NOT_FOUND for an unknown cohort or intake; 409 NOBODY_TO_MESSAGE for an empty group.',
  })
  send(@CurrentActor() actor: Actor, @Body() body: CoordinatorMessageDto) {
    return this.messages.send(actor, body);
  }

  @Get()
  @AllowRoles(...SENDERS)
  @ApiOkResponse({ type: [CoordinatorMessageView] })
  @ApiOperation({ summary: 'Messages sent, newest first, with how many went, were skipped or failed' })
  list(@CurrentActor() actor: Actor) {
    return this.messages.list(actor);
  }

  @Get(':id')
  @AllowRoles(...SENDERS)
  @ApiOkResponse({ type: CoordinatorMessageView })
  @ApiOperation({ summary: 'One message and its deliveries so far' })
  get(@CurrentActor() actor: Actor, @UuidParam('id') id: string) {
    return this.messages.get(actor, id);
  }
}
