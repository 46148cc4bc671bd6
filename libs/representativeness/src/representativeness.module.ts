import { Module } from '@nestjs/common';
import { GapAnalyses } from './gaps/gap-analyses';

const PROVIDERS = [GapAnalyses];

/** The thin Nest side of representativeness: loads aggregates and pools, calls the pure engine. */
@Module({
  providers: PROVIDERS,
  exports: PROVIDERS,
})
export class RepresentativenessModule {}
