import { Module } from '@nestjs/common';
import { PeopleModule } from '@steppingstone/people';
import { RecruitmentModule } from '@steppingstone/recruitment';
import { ApplicationsController } from './applications.controller';
import { IntakesController } from './intakes.controller';
import { ProgrammesController } from './programmes.controller';

/** Programmes, intakes, applications and the pipeline. */
@Module({
  imports: [RecruitmentModule, PeopleModule],
  controllers: [ProgrammesController, IntakesController, ApplicationsController],
})
export class RecruitmentHttpModule {}
