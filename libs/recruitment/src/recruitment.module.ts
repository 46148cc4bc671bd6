import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AreasModule } from '@steppingstone/areas';
import { PeopleModule } from '@steppingstone/people';
import { ApplicantImport } from './applicant-import/applicant-import';
import { ApplicationList } from './applications/application-list';
import { Applications } from './applications/applications';
import { RECRUITMENT_ENTITIES } from './entities';
import { Intakes } from './intakes/intakes';
import { Programmes } from './programmes/programmes';
import { ApplicationConfirmations, EventLinks, PublicApplicationForm } from './public-applications';

const PROVIDERS = [ApplicantImport, ApplicationList, Applications, Intakes, Programmes, PublicApplicationForm, ApplicationConfirmations, EventLinks];

@Module({
  imports: [TypeOrmModule.forFeature(RECRUITMENT_ENTITIES), AreasModule, PeopleModule],
  providers: PROVIDERS,
  exports: PROVIDERS,
})
export class RecruitmentModule {}
