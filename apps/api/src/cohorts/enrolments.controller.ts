import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, AllowRoles, Role } from '@steppingstone/core';
import { AwardCompletion, Enrolments, Readmit, RecordAssessment, RecordWithdrawal } from '@steppingstone/cohorts';
import { CurrentActor } from '../auth/request-context';
import { UuidParam } from '../validation';
import { AssessmentResultDto, ReadmissionDto, WithdrawalDto } from './attendance.dto';
import { EnrolmentDetailView } from './cohort-views.dto';

const TEACHING = [Role.Admin, Role.Coordinator, Role.Trainer] as const;

@ApiTags('cohorts')
@ApiBearerAuth()
@Controller('enrolments')
export class EnrolmentsController {
  constructor(
    private readonly enrolments: Enrolments,
    private readonly assessments: RecordAssessment,
    private readonly completion: AwardCompletion,
    private readonly withdrawal: RecordWithdrawal,
    private readonly readmission: Readmit,
  ) {}

  @Get(':id')
  @AllowRoles(...TEACHING)
  @ApiOperation({ summary: 'One enrolment: completion status, attendance, assessment results, withdrawal history' })
  @ApiOkResponse({ type: EnrolmentDetailView })
  get(@CurrentActor() actor: Actor, @UuidParam('id') id: string) {
    return this.enrolments.get(actor, id);
  }

  @Post(':id/assessment-results')
  @HttpCode(200)
  @AllowRoles(...TEACHING)
  @ApiOperation({ summary: "Record a pass or fail for one of the programme's required assessments" })
  @ApiOkResponse({ type: EnrolmentDetailView })
  recordAssessment(@CurrentActor() actor: Actor, @UuidParam('id') id: string, @Body() body: AssessmentResultDto) {
    return this.assessments.run(actor, id, body);
  }

  @Post(':id/completion')
  @HttpCode(200)
  @AllowRoles(...TEACHING)
  @ApiOperation({ summary: 'Award completion; refused (409) with the reasons while the rules are not met' })
  @ApiOkResponse({ type: EnrolmentDetailView })
  award(@CurrentActor() actor: Actor, @UuidParam('id') id: string) {
    return this.completion.run(actor, id);
  }

  @Post(':id/withdrawal')
  @HttpCode(200)
  @AllowRoles(...TEACHING)
  @ApiOperation({ summary: 'Record a drop-out with its date, reason and note' })
  @ApiOkResponse({ type: EnrolmentDetailView })
  withdraw(@CurrentActor() actor: Actor, @UuidParam('id') id: string, @Body() body: WithdrawalDto) {
    return this.withdrawal.run(actor, id, body);
  }

  @Post(':id/readmission')
  @HttpCode(200)
  @AllowRoles(...TEACHING)
  @ApiOperation({ summary: 'Re-admit a withdrawn person; the withdrawal stays in the history' })
  @ApiOkResponse({ type: EnrolmentDetailView })
  readmit(@CurrentActor() actor: Actor, @UuidParam('id') id: string, @Body() body: ReadmissionDto) {
    return this.readmission.run(actor, id, body);
  }
}
