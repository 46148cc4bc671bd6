import { Module } from '@nestjs/common';
import { RecruitmentModule } from '@steppingstone/recruitment';
import { GapAnalyses } from './gaps/gap-analyses';
import { PartnerGapAnalyses } from './partners/partner-gaps';
import { PartnerReaches } from './partners/partner-reach';
import { FairSelections } from './selections/fair-selections';

const PROVIDERS = [GapAnalyses, FairSelections, PartnerGapAnalyses, PartnerReaches];

/** The thin Nest side of representativeness: loads aggregates and pools, calls the pure engine. */
@Module({
  imports: [RecruitmentModule],
  providers: PROVIDERS,
  exports: PROVIDERS,
})
export class RepresentativenessModule {}
