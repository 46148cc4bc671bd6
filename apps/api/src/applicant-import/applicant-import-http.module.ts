import { MiddlewareConsumer, Module, NestModule, RequestMethod } from '@nestjs/common';
import { csvBodyParser } from '@steppingstone/core';
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
  // its own limit, on this one route only, so nothing reads a larger file before this limit applies.
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(...csvBodyParser(CSV_LIMIT, CSV_CONTENT_TYPES)).forRoutes({ path: IMPORT_PATH, method: RequestMethod.POST });
  }
}
