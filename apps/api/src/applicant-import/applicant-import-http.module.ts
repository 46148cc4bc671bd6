import { MiddlewareConsumer, Module, NestModule, RequestMethod } from '@nestjs/common';
import { text } from 'express';
import { PeopleModule } from '@steppingstone/people';
import { RecruitmentModule } from '@steppingstone/recruitment';
import { ApplicantImportController, CSV_CONTENT_TYPES, IMPORT_PATH } from './applicant-import.controller';

/** Roughly 20,000 applicants' rows: twice the most the import takes at once. */
const CSV_LIMIT = '5mb';

/** Bulk import of applicants from a coordinator's spreadsheet (CSV). */
@Module({
  imports: [RecruitmentModule, PeopleModule],
  controllers: [ApplicantImportController],
})
export class ApplicantImportHttpModule implements NestModule {
  // The app parses only JSON and forms, with a small limit; a spreadsheet needs its own parser and
  // a larger limit, on this one route only.
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(text({ type: [...CSV_CONTENT_TYPES], limit: CSV_LIMIT })).forRoutes({ path: IMPORT_PATH, method: RequestMethod.POST });
  }
}
