import { Body, Controller, Delete, Get, HttpCode, Patch, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, AllowRoles, Role } from '@steppingstone/core';
import { Members } from '@steppingstone/organisations';
import { CurrentActor } from '../auth/request-context';
import { UuidParam } from '../validation';
import { MemberFilterDto, UpdateMemberDto } from './members.dto';
import { MemberPageView, MemberView } from './member-views.dto';

@ApiTags('members')
@ApiBearerAuth()
@Controller('members')
export class MembersController {
  constructor(private readonly members: Members) {}

  @Get()
  @AllowRoles(Role.Admin, Role.Coordinator)
  @ApiOperation({ summary: 'People in this organisation with their roles' })
  @ApiOkResponse({ type: MemberPageView })
  list(@CurrentActor() actor: Actor, @Query() filter: MemberFilterDto) {
    return this.members.list(actor, filter);
  }

  @Get(':userId')
  @AllowRoles(Role.Admin, Role.Coordinator)
  @ApiOkResponse({ type: MemberView })
  get(@CurrentActor() actor: Actor, @UuidParam('userId') userId: string) {
    return this.members.get(actor, userId);
  }

  @Patch(':userId')
  @AllowRoles(Role.Admin)
  @ApiOperation({ summary: 'Change a member’s role, or disable them (which ends their sessions here)' })
  @ApiOkResponse({ type: MemberView })
  update(@CurrentActor() actor: Actor, @UuidParam('userId') userId: string, @Body() body: UpdateMemberDto) {
    return this.members.update(actor, userId, body);
  }

  @Delete(':userId')
  @HttpCode(204)
  @AllowRoles(Role.Admin)
  @ApiOperation({ summary: 'Remove someone from this organisation (their account and other organisations stay)' })
  @ApiNoContentResponse({ description: 'Removed from this organisation' })
  remove(@CurrentActor() actor: Actor, @UuidParam('userId') userId: string) {
    return this.members.remove(actor, userId);
  }
}
