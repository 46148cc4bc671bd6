/*
 * The representativeness lib's public entry: its Nest module and the services other libs and the
 * apps call. The pure engine has an entry of its own, @steppingstone/representativeness/engine, so
 * a caller that wants only the maths loads no Nest module and no database code.
 */
export * from './representativeness.module';
export * from './representativeness.error';
export { analysisDimension, ANALYSIS_DIMENSION_KEYS, DEFAULT_DIMENSIONS } from './gaps/analysis-dimensions';
export type { AnalysisDimension } from './gaps/analysis-dimensions';
export { personGrouping } from './gaps/person-groups';
export type { PersonGrouping, PersonValuePlaceholders } from './gaps/person-groups';
export { GapAnalyses } from './gaps/gap-analyses';
export type { GapAnalysisRequest, GapAnalysisResult } from './gaps/gap-analyses';
export { PartnerGapAnalyses } from './partners/partner-gaps';
export type { PartnerGapRequest, PartnerGapResult } from './partners/partner-gaps';
export { partnerPoolCountsStatement } from './partners/partner-pool-counts';
export { PartnerReaches } from './partners/partner-reach';
export type { PartnerReachRequest, PartnerReach } from './partners/partner-reach';
export { FairSelections } from './selections/fair-selections';
export type { SelectionRequest, StoredExplanation, StoredSelection } from './selections/fair-selections';
export { SelectionReplacements } from './selections/selection-replacements';
export type { StoredReplacement } from './selections/selection-replacements';
export { SelectionRuns } from './selections/selection-runs';
export type { SelectionRunOutcome } from './selections/selection-runs';
export * from './selections/selection-jobs';
