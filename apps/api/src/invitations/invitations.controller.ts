import { Body, Controller, Delete, Get, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsEmail, IsIn, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { Actor, AllowRoles, PageQuery, Public, RequestTrace, Role, ROLES } from '@steppingstone/core';
import { AcceptInvitation, Invitations } from '@steppingstone/organisations';
import { CurrentActor, Trace } from '../auth/request-context';
import { UuidParam } from '../validation';

export class CreateInvitationDto {
  @ApiProperty({ example: 'trainer@example.org' })
  @Transform(({ value }) => (typeof value === 'string' ? value.trim() : value))
  @IsEmail({}, { message: 'email must be an email address' })
  @MaxLength(320)
  email: string;

  @ApiProperty({ enum: ROLES })
  @IsIn(ROLES, { message: `role must be one of ${ROLES.join(', ')}` })
  role: Role;
}

export class AcceptInvitationDto {
  @ApiProperty({ description: 'The token from the invitation email' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  token: string;

  @ApiPropertyOptional({ description: 'Your name (for a new account)' })
  @IsOptional()
  @Transform(({ value }) => (typeof value === 'string' ? value.trim() : value))
  @IsString()
  @MaxLength(200)
  name?: string;

  @ApiProperty({ description: 'A new password, or your existing account’s password' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(128)
  password: string;
}

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
  invite(@CurrentActor() actor: Actor, @Body() body: CreateInvitationDto) {
    return this.invitations.invite(actor, body);
  }

  @Get()
  @AllowRoles(Role.Admin)
  @ApiOperation({ summary: 'Invitations, newest first' })
  list(@CurrentActor() actor: Actor, @Query() page: PageQuery) {
    return this.invitations.list(actor, page);
  }

  @Get(':id')
  @AllowRoles(Role.Admin)
  get(@CurrentActor() actor: Actor, @UuidParam('id') id: string) {
    return this.invitations.get(actor, id);
  }

  @Delete(':id')
  @AllowRoles(Role.Admin)
  @ApiOperation({ summary: 'Withdraw an invitation that has not been accepted' })
  revoke(@CurrentActor() actor: Actor, @UuidParam('id') id: string) {
    return this.invitations.revoke(actor, id);
  }

  @Post('accept')
  @Public()
  @ApiOperation({ summary: 'Accept an invitation: set a password (or give your existing one) and join the organisation' })
  accept(@Body() body: AcceptInvitationDto, @Trace() trace: RequestTrace) {
    return this.acceptInvitation.execute(body, trace);
  }
}
