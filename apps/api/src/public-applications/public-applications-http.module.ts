import { Module } from '@nestjs/common';
import { PeopleModule } from '@steppingstone/people';
import { RecruitmentModule } from '@steppingstone/recruitment';

/** The public application form of an open intake. */
@Module({
  imports: [RecruitmentModule, PeopleModule],
  controllers: [],
})
export class PublicApplicationsHttpModule {}
