import { Module } from '@nestjs/common';
import { RepresentativenessModule } from '@steppingstone/representativeness/representativeness.module';
import { GapAnalysisController } from './gap-analysis.controller';

/** Gap analysis and fair selection over the organisation's applicants and census figures. */
@Module({
  imports: [RepresentativenessModule],
  controllers: [GapAnalysisController],
})
export class RepresentativenessHttpModule {}
