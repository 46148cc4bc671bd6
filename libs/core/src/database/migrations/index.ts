import { Foundation1764000000000 } from './1764000000000-Foundation';
import { SessionLookup1764000001000 } from './1764000001000-SessionLookup';
import { PeopleAndRecruitment1764000002000 } from './1764000002000-PeopleAndRecruitment';
import { Deliveries1764000003000 } from './1764000003000-Deliveries';
import { Census1764000004000 } from './1764000004000-Census';
import { Cohorts1764000005000 } from './1764000005000-Cohorts';
import { Selections1764000006000 } from './1764000006000-Selections';
import { Placements1764000007000 } from './1764000007000-Placements';
import { Reminders1764000009000 } from './1764000009000-Reminders';
import { Housekeeping1764000011000 } from './1764000011000-Housekeeping';
import { Reports1764000010000 } from './1764000010000-Reports';
import { SessionLookupProfile1764000012000 } from './1764000012000-SessionLookupProfile';
import { SignUpRequests1764000013000 } from './1764000013000-SignUpRequests';
import { UsersRowSecurity1764000014000 } from './1764000014000-UsersRowSecurity';
import { DefaultCensusDataset1764000016000 } from './1764000016000-DefaultCensusDataset';
import { SelectionRuns1764000016100 } from './1764000016100-SelectionRuns';
import { FrontDoor1764000018000 } from './1764000018000-FrontDoor';
import { PublicFormFunctions1764000018100 } from './1764000018100-PublicFormFunctions';
import { QuarterHours1764000025000 } from './1764000025000-QuarterHours';
import { FieldWork1764000019000 } from './1764000019000-FieldWork';
import { ActivityMonthlyTotals1764000021000 } from './1764000021000-ActivityMonthlyTotals';
import { SelectionDraw1764000023000 } from './1764000023000-SelectionDraw';
import { SelectionExplanations1764000023100 } from './1764000023100-SelectionExplanations';
import { SelectionAlternates1764000023200 } from './1764000023200-SelectionAlternates';
import { OrganisationToday1764000026000 } from './1764000026000-OrganisationToday';
import { PublicFormOwnerFunctions1764000028000 } from './1764000028000-PublicFormOwnerFunctions';
import { IntakeFirstApplications1764000029000 } from './1764000029000-IntakeFirstApplications';
import { ParallelSafeRowSecurity1764000030000 } from './1764000030000-ParallelSafeRowSecurity';
import { PlannedApplicationReference1764000031000 } from './1764000031000-PlannedApplicationReference';
import { EqualityStepByPrimaryKey1764000032000 } from './1764000032000-EqualityStepByPrimaryKey';

/** Every migration, in order. A new migration is added here as well as in its file. */
export const MIGRATIONS = [
  Foundation1764000000000,
  SessionLookup1764000001000,
  PeopleAndRecruitment1764000002000,
  Deliveries1764000003000,
  Census1764000004000,
  Cohorts1764000005000,
  Selections1764000006000,
  Placements1764000007000,
  Reminders1764000009000,
  Reports1764000010000,
  Housekeeping1764000011000,
  SessionLookupProfile1764000012000,
  SignUpRequests1764000013000,
  UsersRowSecurity1764000014000,
  DefaultCensusDataset1764000016000,
  SelectionRuns1764000016100,
  FrontDoor1764000018000,
  PublicFormFunctions1764000018100,
  FieldWork1764000019000,
  ActivityMonthlyTotals1764000021000,
  SelectionDraw1764000023000,
  SelectionExplanations1764000023100,
  SelectionAlternates1764000023200,
  QuarterHours1764000025000,
  OrganisationToday1764000026000,
  PublicFormOwnerFunctions1764000028000,
  IntakeFirstApplications1764000029000,
  ParallelSafeRowSecurity1764000030000,
  PlannedApplicationReference1764000031000,
  EqualityStepByPrimaryKey1764000032000,
];
