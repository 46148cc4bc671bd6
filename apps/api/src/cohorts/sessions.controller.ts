import { Body, Controller, Get, Patch, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiConflictResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, AllowRoles, Role } from '@steppingstone/core';
import { Registers, SaveRegister, CohortSessions } from '@steppingstone/cohorts';
import { CurrentActor } from '../auth/request-context';
import { UuidParam } from '../validation';
import { RegisterDto } from './attendance.dto';
import { SessionChangesDto } from './cohort.dto';
import { RegisterResponseView, SessionView } from './cohort-views.dto';

const TEACHING = [Role.Admin, Role.Coordinator, Role.Trainer] as const;

@ApiTags('cohorts')
@ApiBearerAuth()
@Controller('sessions')
export class SessionsController {
  constructor(
    private readonly sessions: CohortSessions,
    private readonly registers: Registers,
    private readonly saveRegister: SaveRegister,
  ) {}

  @Get(':id')
  @AllowRoles(...TEACHING)
  @ApiOkResponse({ type: SessionView })
  get(@CurrentActor() actor: Actor, @UuidParam('id') id: string) {
    return this.sessions.get(actor, id);
  }

  @Patch(':id')
  @AllowRoles(...TEACHING)
  @ApiOperation({ summary: 'Move, cancel or otherwise change one session (local date and time)' })
  @ApiOkResponse({ type: SessionView })
  edit(@CurrentActor() actor: Actor, @UuidParam('id') id: string, @Body() body: SessionChangesDto) {
    return this.sessions.edit(actor, id, body);
  }

  @Get(':id/register')
  @AllowRoles(...TEACHING)
  @ApiOperation({ summary: "The session's attendance register with its version" })
  @ApiOkResponse({ type: RegisterResponseView })
  register(@CurrentActor() actor: Actor, @UuidParam('id') id: string) {
    return this.registers.get(actor, id);
  }

  @Put(':id/register')
  @AllowRoles(...TEACHING)
  @ApiOperation({ summary: 'Save the whole register at once; sending the same register again changes nothing' })
  @ApiConflictResponse({ description: 'Saved by someone else since your version was loaded: the body carries `current`, the register as it now is' })
  @ApiOkResponse({ type: RegisterResponseView })
  save(@CurrentActor() actor: Actor, @UuidParam('id') id: string, @Body() body: RegisterDto) {
    return this.saveRegister.run(actor, id, body);
  }
}
