import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AppConfigModule, AuditModule, DatabaseModule, HealthModule, LoggingModule, QueuesModule, RedisModule } from '@steppingstone/core';
import { OrganisationsModule } from '@steppingstone/organisations';
import { ApplicantImportHttpModule } from './applicant-import/applicant-import-http.module';
import { AreasHttpModule } from './areas/areas-http.module';
import { AuditLogController } from './audit/audit-log.controller';
import { QueueAdminModule } from './admin/queue-admin.module';
import { AccessGuard } from './auth/access.guard';
import { AuthController } from './auth/auth.controller';
import { CohortsHttpModule } from './cohorts/cohorts-http.module';
import { LoginThrottlingModule } from './auth/login-throttling.module';
import { InvitationsController } from './invitations/invitations.controller';
import { MembersController } from './members/members.controller';
import { OrganisationController } from './organisation/organisation.controller';
import { PeopleHttpModule } from './people/people-http.module';
import { PlacementsHttpModule } from './placements/placements-http.module';
import { ProgressionHttpModule } from './progression/progression-http.module';
import { DeliveriesHttpModule } from './deliveries/deliveries-http.module';
import { PublicApplicationsHttpModule } from './public-applications/public-applications-http.module';
import { RecruitmentHttpModule } from './recruitment/recruitment-http.module';
import { RepresentativenessHttpModule } from './representativeness/representativeness-http.module';
import { ReportsHttpModule } from './reports/reports-http.module';
import { FieldHttpModule } from './field/field-http.module';
import { MessageAudienceHttpModule } from './messages/message-audience-http.module';

@Module({
  imports: [
    AppConfigModule,
    LoggingModule,
    DatabaseModule.forApp('steppingstone-api'),
    RedisModule,
    QueuesModule.register(),
    AuditModule,
    HealthModule,
    LoginThrottlingModule,
    OrganisationsModule,
    AreasHttpModule,
    PeopleHttpModule,
    RecruitmentHttpModule,
    PublicApplicationsHttpModule,
    ApplicantImportHttpModule,
    CohortsHttpModule,
    RepresentativenessHttpModule,
    PlacementsHttpModule,
    ProgressionHttpModule,
    ReportsHttpModule,
    DeliveriesHttpModule,
    FieldHttpModule,
    MessageAudienceHttpModule,
    QueueAdminModule,
  ],
  controllers: [AuthController, OrganisationController, InvitationsController, MembersController, AuditLogController],
  providers: [{ provide: APP_GUARD, useClass: AccessGuard }],
})
export class ApiModule {}
