import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, AllowRoles, AuditLog, Role } from '@steppingstone/core';
import { CurrentActor } from '../auth/request-context';
import { AuditFilterDto } from './audit-log.dto';
import { AuditPageView } from './audit-views.dto';

@ApiTags('audit')
@ApiBearerAuth()
@Controller('audit-log')
export class AuditLogController {
  constructor(private readonly audit: AuditLog) {}

  @Get()
  @AllowRoles(Role.Admin)
  @ApiOperation({ summary: 'Who did what in this organisation, newest first' })
  @ApiOkResponse({ type: AuditPageView })
  list(@CurrentActor() actor: Actor, @Query() filter: AuditFilterDto) {
    return this.audit.list(actor.organisationId, filter);
  }
}
