import { Module } from '@nestjs/common';
import { AreasModule } from '@steppingstone/areas';
import { CensusController } from './census.controller';
import { LocalitiesController } from './localities.controller';

/** The organisation's localities and the census figures it compares with. */
@Module({
  imports: [AreasModule],
  controllers: [LocalitiesController, CensusController],
})
export class AreasHttpModule {}
