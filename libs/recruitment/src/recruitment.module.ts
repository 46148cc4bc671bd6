import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { PersonRecordsModule } from '@steppingstone/core';
import { AreasModule } from '@steppingstone/areas';
import { PeopleModule } from '@steppingstone/people';
import { ApplicantImport } from './applicant-import/applicant-import';
import { ApplicationList } from './applications/application-list';
import { Applications } from './applications/applications';
import { BulkMoves } from './applications/bulk-moves';
import { EnterApplication } from './applications/enter-application';
import { RECRUITMENT_ENTITIES } from './entities';
import { Intakes } from './intakes/intakes';
import { Programmes } from './programmes/programmes';
import { ReferralPartners } from './partners/referral-partners';
import { ApplicationPersonRecords } from './person-records/application-person-records';
import { ApplicationConfirmations, EqualityStep, EventLinks, PublicApplicationForm } from './public-applications';

const PROVIDERS = [
  ApplicantImport,
  ApplicationList,
  Applications,
  BulkMoves,
  EnterApplication,
  Intakes,
  Programmes,
  PublicApplicationForm,
  ApplicationConfirmations,
  EqualityStep,
  EventLinks,
  ReferralPartners,
];

@Module({
  imports: [TypeOrmModule.forFeature(RECRUITMENT_ENTITIES), AreasModule, PeopleModule, PersonRecordsModule],
  providers: [...PROVIDERS, ApplicationPersonRecords],
  exports: PROVIDERS,
})
export class RecruitmentModule {}
