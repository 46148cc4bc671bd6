import { Body, Controller, Get, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, AllowRoles, AnyMember, Role } from '@steppingstone/core';
import { AtRiskLists, CompletionRules, DropoutFiguresReport, MySessions } from '@steppingstone/cohorts';
import { CurrentActor } from '../auth/request-context';
import { UuidParam } from '../validation';
import { CompletionRuleDto, DropoutFilterDto, MySessionsFilterDto } from './attendance.dto';
import { AtRiskPersonView, CompletionRuleView, DropoutFiguresView, MySessionView } from './cohort-views.dto';

@ApiTags('cohorts')
@ApiBearerAuth()
@Controller('programmes/:id/completion-rules')
export class CompletionRulesController {
  constructor(private readonly rules: CompletionRules) {}

  @Get()
  @AllowRoles(Role.Admin, Role.Coordinator, Role.Trainer)
  @ApiOperation({ summary: "The programme's completion and early-warning rules (defaults until set)" })
  @ApiOkResponse({ type: CompletionRuleView })
  get(@CurrentActor() actor: Actor, @UuidParam('id') id: string) {
    return this.rules.get(actor, id);
  }

  @Put()
  @AllowRoles(Role.Admin, Role.Coordinator)
  @ApiOperation({ summary: 'Set the minimum attendance, the required assessments and the at-risk rule' })
  @ApiOkResponse({ type: CompletionRuleView })
  set(@CurrentActor() actor: Actor, @UuidParam('id') id: string, @Body() body: CompletionRuleDto) {
    return this.rules.set(actor, id, body);
  }
}

@ApiTags('cohorts')
@ApiBearerAuth()
@Controller('dropout-figures')
export class DropoutFiguresController {
  constructor(private readonly figures: DropoutFiguresReport) {}

  @Get()
  @AllowRoles(Role.Admin, Role.Coordinator, Role.Trainer)
  @ApiOperation({ summary: 'Drop-out figures across cohorts (a trainer: across their own cohorts)' })
  @ApiOkResponse({ type: DropoutFiguresView })
  across(@CurrentActor() actor: Actor, @Query() filter: DropoutFilterDto) {
    return this.figures.acrossCohorts(actor, filter);
  }
}

@ApiTags('cohorts')
@ApiBearerAuth()
@Controller('at-risk')
export class AtRiskController {
  constructor(private readonly atRisk: AtRiskLists) {}

  @Get()
  @AllowRoles(Role.Admin, Role.Coordinator, Role.Trainer)
  @ApiOperation({ summary: 'People at risk of dropping out across every cohort (a trainer: across the cohorts they teach)' })
  @ApiOkResponse({ type: [AtRiskPersonView] })
  across(@CurrentActor() actor: Actor) {
    return this.atRisk.forActor(actor);
  }
}

@ApiTags('cohorts')
@ApiBearerAuth()
@Controller('me')
export class MyCohortsController {
  constructor(
    private readonly sessions: MySessions,
    private readonly atRisk: AtRiskLists,
  ) {}

  @Get('sessions')
  @AnyMember()
  @ApiOperation({ summary: 'My own sessions and my attendance at them (through the person record linked to my login)' })
  @ApiOkResponse({ type: [MySessionView] })
  mySessions(@CurrentActor() actor: Actor, @Query() filter: MySessionsFilterDto) {
    return this.sessions.list(actor, filter);
  }

  @Get('at-risk')
  @AllowRoles(Role.Trainer)
  @ApiOperation({ summary: 'People at risk of dropping out across the cohorts I teach' })
  @ApiOkResponse({ type: [AtRiskPersonView] })
  myAtRisk(@CurrentActor() actor: Actor) {
    return this.atRisk.forTrainer(actor);
  }
}
