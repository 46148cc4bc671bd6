import { Module } from '@nestjs/common';
import { AppConfigModule, AuditModule, DatabaseModule, HealthModule, LoggingModule, OutboxModule, QueuesModule, RedisModule } from '@steppingstone/core';
import { CohortsModule } from '@steppingstone/cohorts';
import { NotificationsModule } from '@steppingstone/notifications';
import { OrganisationsModule } from '@steppingstone/organisations';
import { PeopleModule } from '@steppingstone/people';
import { PlacementsModule } from '@steppingstone/placements';
import { ProgressionModule } from '@steppingstone/progression';
import { RecruitmentModule } from '@steppingstone/recruitment';
import { RemindersModule } from '@steppingstone/reminders';
import { ReportsModule } from '@steppingstone/reports';
import { RepresentativenessModule } from '@steppingstone/representativeness';
import { JobHandlers } from './jobs/job-handlers';
import { ALL_JOB_HANDLERS, JobRegistryCheck } from './jobs/job-registry-check';
import { Schedules } from './jobs/schedules';
import { EmailProcessor } from './processors/email.processor';
import { MaintenanceProcessor } from './processors/maintenance.processor';
import { OutboxProcessor } from './processors/outbox.processor';
import { RemindersProcessor } from './processors/reminders.processor';
import { ReportsProcessor } from './processors/reports.processor';
import { SelectionsProcessor } from './processors/selections.processor';

const PROCESSORS = [EmailProcessor, MaintenanceProcessor, OutboxProcessor, RemindersProcessor, ReportsProcessor, SelectionsProcessor];

/** BullMQ processors and job schedulers; HTTP only for /health and /ready. */
@Module({
  imports: [
    AppConfigModule,
    LoggingModule,
    DatabaseModule.forApp('steppingstone-worker'),
    RedisModule,
    QueuesModule.register(),
    OutboxModule,
    AuditModule,
    HealthModule,
    // Every lib with a person-records handler, so the erasure job and the retention sweep find them all.
    CohortsModule,
    NotificationsModule,
    OrganisationsModule,
    PeopleModule,
    PlacementsModule,
    ProgressionModule,
    RecruitmentModule,
    RemindersModule,
    ReportsModule,
    RepresentativenessModule,
  ],
  providers: [...PROCESSORS, { provide: ALL_JOB_HANDLERS, inject: PROCESSORS, useFactory: (...processors: JobHandlers[]) => processors }, JobRegistryCheck, Schedules],
})
export class WorkerModule {}
