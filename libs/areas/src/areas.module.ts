import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CensusDataset } from './census/census-dataset.entity';
import { CensusDatasets } from './census/census-datasets';
import { Localities } from './localities/localities';
import { Locality } from './localities/locality.entity';

@Module({
  imports: [TypeOrmModule.forFeature([Locality, CensusDataset])],
  providers: [Localities, CensusDatasets],
  exports: [Localities, CensusDatasets],
})
export class AreasModule {}
