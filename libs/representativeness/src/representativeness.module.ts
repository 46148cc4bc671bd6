import { Module } from '@nestjs/common';
import { RecruitmentModule } from '@steppingstone/recruitment';
import { GapAnalyses } from './gaps/gap-analyses';
import { PartnerGapAnalyses } from './partners/partner-gaps';
import { PartnerReaches } from './partners/partner-reach';
import { FairSelections } from './selections/fair-selections';
import { SelectionReplacements } from './selections/selection-replacements';
import { SelectionRuns } from './selections/selection-runs';
import { SolverThread } from './selections/solver-thread';

const PROVIDERS = [GapAnalyses, FairSelections, SelectionReplacements, SelectionRuns, SolverThread, PartnerGapAnalyses, PartnerReaches];

/** The thin Nest side of representativeness: loads aggregates and pools, calls the pure engine. Needs QueuesModule and OutboxModule in the application. */
@Module({
  imports: [RecruitmentModule],
  providers: PROVIDERS,
  exports: PROVIDERS,
})
export class RepresentativenessModule {}
