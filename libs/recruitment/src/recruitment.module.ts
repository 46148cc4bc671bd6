import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AreasModule } from '@steppingstone/areas';
import { PeopleModule } from '@steppingstone/people';
import { ApplicationList } from './applications/application-list';
import { Applications } from './applications/applications';
import { RECRUITMENT_ENTITIES } from './entities';
import { Intakes } from './intakes/intakes';
import { Programmes } from './programmes/programmes';

const PROVIDERS = [ApplicationList, Applications, Intakes, Programmes];

@Module({
  imports: [TypeOrmModule.forFeature(RECRUITMENT_ENTITIES), AreasModule, PeopleModule],
  providers: PROVIDERS,
  exports: PROVIDERS,
})
export class RecruitmentModule {}
