import { Module } from '@nestjs/common';
import { CohortsModule } from '@steppingstone/cohorts';
import { NotificationsModule } from '@steppingstone/notifications';
import { OrganisationsModule } from '@steppingstone/organisations';
import { ProgressionModule } from '@steppingstone/progression';
import { RepresentativenessModule } from '@steppingstone/representativeness';
import { ReportFiguresLoader } from './content/report-figures';
import { ReportReadyEmails } from './email/report-ready-emails';
import { ReportRuns } from './store/report-runs';
import { ReportScheduler } from './store/report-scheduler';
import { Reports } from './store/reports';

const PROVIDERS = [Reports, ReportFiguresLoader, ReportRuns, ReportScheduler, ReportReadyEmails];

/** Programme reports: asked for through the api, produced and emailed by the worker. Needs OutboxModule in the application. */
@Module({
  imports: [ProgressionModule, CohortsModule, RepresentativenessModule, NotificationsModule, OrganisationsModule],
  providers: PROVIDERS,
  exports: PROVIDERS,
})
export class ReportsModule {}
