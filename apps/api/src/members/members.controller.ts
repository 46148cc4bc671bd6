import { Body, Controller, Delete, Get, HttpCode, Patch, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { Actor, AllowRoles, PageQuery, Role, ROLES } from '@steppingstone/core';
import { Members, MembershipStatus } from '@steppingstone/organisations';
import { CurrentActor } from '../auth/request-context';
import { UuidParam } from '../validation';

const STATUSES: MembershipStatus[] = ['active', 'disabled'];

export class MemberFilterDto extends PageQuery {
  @ApiPropertyOptional({ enum: ROLES })
  @IsOptional()
  @IsIn(ROLES, { message: `role must be one of ${ROLES.join(', ')}` })
  role?: Role;

  @ApiPropertyOptional({ enum: STATUSES })
  @IsOptional()
  @IsIn(STATUSES, { message: 'status must be active or disabled' })
  status?: MembershipStatus;
}

export class UpdateMemberDto {
  @ApiPropertyOptional({ enum: ROLES })
  @IsOptional()
  @IsIn(ROLES, { message: `role must be one of ${ROLES.join(', ')}` })
  role?: Role;

  @ApiPropertyOptional({ enum: STATUSES, description: 'disabled ends all their sessions in this organisation' })
  @IsOptional()
  @IsIn(STATUSES, { message: 'status must be active or disabled' })
  status?: MembershipStatus;
}

@ApiTags('members')
@ApiBearerAuth()
@Controller('members')
export class MembersController {
  constructor(private readonly members: Members) {}

  @Get()
  @AllowRoles(Role.Admin, Role.Coordinator)
  @ApiOperation({ summary: 'People in this organisation with their roles' })
  list(@CurrentActor() actor: Actor, @Query() filter: MemberFilterDto) {
    return this.members.list(actor, filter);
  }

  @Get(':userId')
  @AllowRoles(Role.Admin, Role.Coordinator)
  get(@CurrentActor() actor: Actor, @UuidParam('userId') userId: string) {
    return this.members.get(actor, userId);
  }

  @Patch(':userId')
  @AllowRoles(Role.Admin)
  @ApiOperation({ summary: 'Change a member’s role, or disable them (which ends their sessions here)' })
  update(@CurrentActor() actor: Actor, @UuidParam('userId') userId: string, @Body() body: UpdateMemberDto) {
    return this.members.update(actor, userId, body);
  }

  @Delete(':userId')
  @HttpCode(204)
  @AllowRoles(Role.Admin)
  @ApiOperation({ summary: 'Remove someone from this organisation (their account and other organisations stay)' })
  remove(@CurrentActor() actor: Actor, @UuidParam('userId') userId: string) {
    return this.members.remove(actor, userId);
  }
}
