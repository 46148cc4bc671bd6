import { Module } from '@nestjs/common';
import { PeopleModule } from '@steppingstone/people';
import { RecruitmentModule } from '@steppingstone/recruitment';

/** Bulk import of applicants from a coordinator's spreadsheet (CSV). */
@Module({
  imports: [RecruitmentModule, PeopleModule],
  controllers: [],
})
export class ApplicantImportHttpModule {}
