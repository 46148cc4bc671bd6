/*
 * The representativeness engine's public API: pure functions over plain data (no Nest, no
 * database). A service loads aggregates and pools, calls these, and stores the results.
 */
export * from '@steppingstone/areas/engine';
export * from './engine/analysis/age-bands';
export type { CategoryCount, CategoryCounts, CategoryMapping } from './engine/analysis/category-mapping';
export { toCountMap, mapCounts, mappingFromTable, countValues } from './engine/analysis/category-mapping';
export { analyseDimension, totalVariationDistance, flagFor, UNDER_REPRESENTED_RATIO, OVER_REPRESENTED_RATIO } from './engine/analysis/gap-analysis';
export type { CategoryGap, DimensionGap, GapAnalysisInput, RepresentationFlag, UndisclosedGroup } from './engine/analysis/gap-analysis';
export { analyseIntersection, independentJointReference } from './engine/analysis/intersectional';
export type { CellCount, CellGap, IntersectionGap, IntersectionInput } from './engine/analysis/intersectional';
export { whoIsntThere } from './engine/analysis/who-isnt-there';
export type { Shortfall, WhoIsntThereOptions } from './engine/analysis/who-isnt-there';
export * from './engine/selection/types';
export { selectPanel, nearestFeasibleQuotas } from './engine/selection/select-panel';
export type { SelectionOptions } from './engine/selection/select-panel';
export { DEFAULT_LEXIMIN_BUDGET } from './engine/selection/column-generation';
export type { LeximinBudget } from './engine/selection/column-generation';
export { LOTTERY_SIZES } from './engine/selection/lottery';
export { rankAlternates, chooseReplacement } from './engine/selection/alternates';
export type { AlternatesInput, AlternatesResult, Alternate, DropOutRate, QuotaAtRisk, ReplacementInput, Replacement } from './engine/selection/alternates';
export { preloadSolver } from './engine/selection/highs-runtime';
export { quotasFromShares } from './engine/selection/quotas-from-reference';
export type { QuotaTolerance } from './engine/selection/quotas-from-reference';
export { INFEASIBLE_QUOTA_RULES } from './engine/selection/validation';
export { seededRandom, newSeed } from './engine/selection/seeded-random';
export type { SeededRandom } from './engine/selection/seeded-random';
export { parseSortitionFiles, SortitionFormatError, KNOWN_ID_COLUMNS } from './engine/interchange/sortition-format';
export { QUOTA_LAYOUTS } from './engine/interchange/sortition-quotas';
export type { SortitionFileIssue, SortitionFiles, SortitionPool, SortitionRespondentRow } from './engine/interchange/sortition-format';
