import { Module } from '@nestjs/common';
import { RecruitmentModule } from '@steppingstone/recruitment';
import { GapAnalyses } from './gaps/gap-analyses';
import { FairSelections } from './selections/fair-selections';

const PROVIDERS = [GapAnalyses, FairSelections];

/** The thin Nest side of representativeness: loads aggregates and pools, calls the pure engine. */
@Module({
  imports: [RecruitmentModule],
  providers: PROVIDERS,
  exports: PROVIDERS,
})
export class RepresentativenessModule {}
