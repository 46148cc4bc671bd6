import { Body, Controller, Delete, Get, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, AllowRoles, Role } from '@steppingstone/core';
import { SafetyChecks } from '@steppingstone/placements';
import { CurrentActor } from '../auth/request-context';
import { UuidParam } from '../validation';
import { SafetyCheckView } from './field-views.dto';
import { SafetyCheckDto } from './notify-settings.dto';

const MANAGERS = [Role.Admin, Role.Coordinator] as const;

@ApiTags('checks')
@ApiBearerAuth()
@Controller()
export class ChecksController {
  constructor(private readonly checks: SafetyChecks) {}

  @Post('people/:id/checks')
  @AllowRoles(...MANAGERS)
  @ApiCreatedResponse({ type: SafetyCheckView })
  @ApiOperation({ summary: 'Record a check: DBS (basic, standard, enhanced, with or without the barred list), a reference, right to work or training, with dates and who saw the evidence' })
  record(@CurrentActor() actor: Actor, @UuidParam('id') personId: string, @Body() body: SafetyCheckDto) {
    return this.checks.record(actor, personId, body);
  }

  @Get('people/:id/checks')
  @AllowRoles(...MANAGERS)
  @ApiOkResponse({ type: [SafetyCheckView] })
  @ApiOperation({ summary: 'A person’s checks, each valid, expiring or expired' })
  list(@CurrentActor() actor: Actor, @UuidParam('id') personId: string) {
    return this.checks.ofPerson(actor, personId);
  }

  @Delete('people/:id/checks/:checkId')
  @HttpCode(204)
  @AllowRoles(...MANAGERS)
  @ApiNoContentResponse({ description: 'Removed' })
  @ApiOperation({ summary: 'Remove a check recorded in error' })
  async remove(@CurrentActor() actor: Actor, @UuidParam('id') personId: string, @UuidParam('checkId') checkId: string): Promise<void> {
    await this.checks.remove(actor, personId, checkId);
  }

  @Get('checks/expiring')
  @AllowRoles(...MANAGERS)
  @ApiOkResponse({ type: [SafetyCheckView] })
  @ApiOperation({ summary: 'Checks expired or expiring within the notice days (checkExpiryNoticeDays) and not renewed, soonest first' })
  expiring(@CurrentActor() actor: Actor) {
    return this.checks.dueToExpire(actor);
  }
}
