import { Body, Controller, Delete, Get, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, AllowRoles, PageQuery, Public, RequestTrace, Role } from '@steppingstone/core';
import { AcceptInvitation, Invitations } from '@steppingstone/organisations';
import { CurrentActor, Trace } from '../auth/request-context';
import { UuidParam } from '../validation';
import { CreateInvitationDto, AcceptInvitationDto } from './invitations.dto';
import { AcceptedInvitationView, InvitationPageView, InvitationView } from './invitation-views.dto';

@ApiTags('invitations')
@ApiBearerAuth()
@Controller('invitations')
export class InvitationsController {
  constructor(
    private readonly invitations: Invitations,
    private readonly acceptInvitation: AcceptInvitation,
  ) {}

  @Post()
  @AllowRoles(Role.Admin)
  @ApiOperation({ summary: 'Invite someone by email with a role; they receive a single-use link that expires' })
  @ApiCreatedResponse({ type: InvitationView })
  invite(@CurrentActor() actor: Actor, @Body() body: CreateInvitationDto) {
    return this.invitations.invite(actor, body);
  }

  @Get()
  @AllowRoles(Role.Admin)
  @ApiOperation({ summary: 'Invitations, newest first' })
  @ApiOkResponse({ type: InvitationPageView })
  list(@CurrentActor() actor: Actor, @Query() page: PageQuery) {
    return this.invitations.list(actor, page);
  }

  @Get(':id')
  @AllowRoles(Role.Admin)
  @ApiOkResponse({ type: InvitationView })
  get(@CurrentActor() actor: Actor, @UuidParam('id') id: string) {
    return this.invitations.get(actor, id);
  }

  @Delete(':id')
  @AllowRoles(Role.Admin)
  @ApiOperation({ summary: 'Withdraw an invitation that has not been accepted' })
  @ApiOkResponse({ type: InvitationView, description: 'The invitation, now revoked' })
  revoke(@CurrentActor() actor: Actor, @UuidParam('id') id: string) {
    return this.invitations.revoke(actor, id);
  }

  @Post('accept')
  @Public()
  @ApiOperation({ summary: 'Accept an invitation: set a password (or give your existing one) and join the organisation' })
  @ApiCreatedResponse({ type: AcceptedInvitationView })
  accept(@Body() body: AcceptInvitationDto, @Trace() trace: RequestTrace) {
    return this.acceptInvitation.run(body, trace);
  }
}
