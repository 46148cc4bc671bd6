import { Module } from '@nestjs/common';
import { AreasModule } from '@steppingstone/areas';
import { PeopleModule } from '@steppingstone/people';
import { DemographicsController } from './demographics.controller';
import { PeopleController } from './people.controller';

/** People, their consents and demographic profiles, duplicates and merges. */
@Module({
  imports: [PeopleModule, AreasModule],
  controllers: [PeopleController, DemographicsController],
})
export class PeopleHttpModule {}
