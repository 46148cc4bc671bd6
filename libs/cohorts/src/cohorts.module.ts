import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { PersonRecordsModule } from '@steppingstone/core';
import { AreasModule } from '@steppingstone/areas';
import { PeopleModule } from '@steppingstone/people';
import { RecruitmentModule } from '@steppingstone/recruitment';
import { SaveRegister } from './attendance/save-register';
import { Registers } from './attendance/registers';
import { CohortAccess } from './cohorts/cohort-access';
import { Cohorts } from './cohorts/cohorts';
import { EnrolInCohort } from './cohorts/enrol-in-cohort';
import { AwardCompletion } from './completion/award-completion';
import { CohortProgress } from './completion/cohort-progress';
import { CompletionRules } from './completion/completion-rules';
import { Enrolments } from './completion/enrolments';
import { RecordAssessment } from './completion/record-assessment';
import { COHORT_ENTITIES } from './entities';
import { DropoutFiguresReport } from './figures/dropout-figures';
import { MySessions } from './me/my-sessions';
import { CohortPersonRecords } from './person-records/cohort-person-records';
import { AtRiskLists } from './risk/at-risk-lists';
import { RecordRiskEvents } from './risk/record-risk-events';
import { GenerateSchedule } from './sessions/generate-schedule';
import { CohortSessions } from './sessions/sessions';
import { Readmit } from './withdrawals/readmit';
import { RecordWithdrawal } from './withdrawals/record-withdrawal';

const PROVIDERS = [
  CohortAccess,
  Cohorts,
  EnrolInCohort,
  GenerateSchedule,
  CohortSessions,
  Registers,
  SaveRegister,
  CompletionRules,
  CohortProgress,
  Enrolments,
  RecordAssessment,
  AwardCompletion,
  RecordWithdrawal,
  Readmit,
  RecordRiskEvents,
  AtRiskLists,
  DropoutFiguresReport,
  MySessions,
];

@Module({
  imports: [TypeOrmModule.forFeature(COHORT_ENTITIES), AreasModule, PeopleModule, RecruitmentModule, PersonRecordsModule],
  providers: [...PROVIDERS, CohortPersonRecords],
  exports: PROVIDERS,
})
export class CohortsModule {}
