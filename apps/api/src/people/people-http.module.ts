import { Module } from '@nestjs/common';
import { AreasModule } from '@steppingstone/areas';
import { OutboxModule } from '@steppingstone/core';
import { PeopleModule } from '@steppingstone/people';
import { DataRightsController } from './data-rights.controller';
import { DemographicsController } from './demographics.controller';
import { PeopleController } from './people.controller';

/** People, their consents and demographic profiles, duplicates and merges, erasure and subject-access requests. */
@Module({
  imports: [PeopleModule, AreasModule, OutboxModule],
  controllers: [PeopleController, DemographicsController, DataRightsController],
})
export class PeopleHttpModule {}
