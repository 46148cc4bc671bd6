import { Module } from '@nestjs/common';
import { RepresentativenessModule } from '@steppingstone/representativeness';
import { GapAnalysisController } from './gap-analysis.controller';
import { SelectionsController } from './selections.controller';

/** Gap analysis and fair selection over the organisation's applicants and census figures. */
@Module({
  imports: [RepresentativenessModule],
  controllers: [GapAnalysisController, SelectionsController],
})
export class RepresentativenessHttpModule {}
