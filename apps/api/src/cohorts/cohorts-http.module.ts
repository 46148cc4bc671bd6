import { Module } from '@nestjs/common';
import { CohortsModule } from '@steppingstone/cohorts';
import { AtRiskController, CompletionRulesController, DropoutFiguresController, MyCohortsController } from './cohort-reports.controller';
import { CohortsController } from './cohorts.controller';
import { EnrolmentsController } from './enrolments.controller';
import { SessionsController } from './sessions.controller';

/** Training cohorts: sessions, registers, completion, withdrawals, early warning and drop-out figures. */
@Module({
  imports: [CohortsModule],
  controllers: [CohortsController, SessionsController, EnrolmentsController, CompletionRulesController, DropoutFiguresController, MyCohortsController, AtRiskController],
})
export class CohortsHttpModule {}
