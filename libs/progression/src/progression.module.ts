import { Module } from '@nestjs/common';
import { PersonRecordsModule } from '@steppingstone/core';
import { PeopleModule } from '@steppingstone/people';
import { PlacementsModule } from '@steppingstone/placements';
import { RecruitmentModule } from '@steppingstone/recruitment';
import { FunnelReports } from './funnel/funnel-report';
import { PartnerFunnels } from './funnel/partner-funnel';
import { AppointPostHolder } from './jobs/appoint-post-holder';
import { Jobs } from './jobs/jobs';
import { PaidRoles } from './jobs/paid-roles';
import { RecordJob } from './jobs/record-job';
import { RecordSustainmentCheck } from './jobs/record-sustainment-check';
import { MyDetails } from './me/my-details';
import { MyRecords } from './me/my-records';
import { JobPersonRecords } from './person-records/job-person-records';
import { ProgressionTimelines } from './timeline/progression-timeline';

const PROVIDERS = [PaidRoles, AppointPostHolder, RecordJob, RecordSustainmentCheck, Jobs, ProgressionTimelines, FunnelReports, PartnerFunnels, MyRecords, MyDetails];

/** Paid roles, jobs and their sustainment, the progression timeline, the funnel and the participant's own records. */
@Module({
  imports: [PeopleModule, PlacementsModule, RecruitmentModule, PersonRecordsModule],
  providers: [...PROVIDERS, JobPersonRecords],
  exports: PROVIDERS,
})
export class ProgressionModule {}
