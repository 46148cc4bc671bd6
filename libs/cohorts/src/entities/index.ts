import { Cohort, CohortTrainer, CompletionRuleRow } from './cohort.entity';
import { AssessmentResult, Enrolment, Withdrawal } from './enrolment.entity';
import { Attendance, CohortSession } from './session.entity';

export * from './cohort.entity';
export * from './enrolment.entity';
export * from './session.entity';
export const COHORT_ENTITIES = [Cohort, CohortTrainer, CompletionRuleRow, CohortSession, Attendance, Enrolment, Withdrawal, AssessmentResult];
