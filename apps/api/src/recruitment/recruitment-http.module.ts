import { Module } from '@nestjs/common';
import { PeopleModule } from '@steppingstone/people';
import { RecruitmentModule } from '@steppingstone/recruitment';
import { ApplicationsController } from './applications.controller';
import { IntakesController } from './intakes.controller';
import { PartnersController } from './partners.controller';
import { StaffEntryController } from './staff-entry.controller';
import { ProgrammesController } from './programmes.controller';

/** Programmes, intakes, applications and the pipeline, staff entry and bulk moves, referral partners. */
@Module({
  imports: [RecruitmentModule, PeopleModule],
  controllers: [ProgrammesController, IntakesController, StaffEntryController, ApplicationsController, PartnersController],
})
export class RecruitmentHttpModule {}
