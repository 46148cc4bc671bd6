/*
 * The representativeness engine's public entry (@steppingstone/representativeness/engine): pure
 * functions over plain data (no Nest, no database). A service loads aggregates and pools, calls
 * these, and stores the results. The census vocabulary they speak is areas' (@steppingstone/areas/engine).
 */
export * from './analysis/age-bands';
export type { CategoryCount, CategoryCounts, CategoryMapping } from './analysis/category-mapping';
export { toCountMap, mapCounts, mappingFromTable, countValues } from './analysis/category-mapping';
export { analyseDimension, totalVariationDistance, flagFor, UNDER_REPRESENTED_RATIO, OVER_REPRESENTED_RATIO } from './analysis/gap-analysis';
export type { CategoryGap, DimensionGap, GapAnalysisInput, RepresentationFlag, UndisclosedGroup } from './analysis/gap-analysis';
export { analyseIntersection, independentJointReference } from './analysis/intersectional';
export type { CellCount, CellGap, IntersectionGap, IntersectionInput } from './analysis/intersectional';
export { whoIsntThere } from './analysis/who-isnt-there';
export type { Shortfall, WhoIsntThereOptions } from './analysis/who-isnt-there';
export * from './selection/types';
export { selectPanel, nearestFeasibleQuotas } from './selection/select-panel';
export type { SelectionOptions } from './selection/select-panel';
export { DEFAULT_LEXIMIN_BUDGET } from './selection/column-generation';
export type { LeximinBudget } from './selection/column-generation';
export { LOTTERY_SIZES } from './selection/lottery';
export { rankAlternates, chooseReplacement } from './selection/alternates';
export type { AlternatesInput, AlternatesResult, Alternate, DropOutRate, QuotaAtRisk, ReplacementInput, Replacement } from './selection/alternates';
export { preloadSolver } from './selection/highs-runtime';
export { quotasFromShares } from './selection/quotas-from-reference';
export type { QuotaTolerance } from './selection/quotas-from-reference';
export { INFEASIBLE_QUOTA_RULES } from './selection/validation';
export { seededRandom, newSeed } from './selection/seeded-random';
export type { SeededRandom } from './selection/seeded-random';
export { parseSortitionFiles, SortitionFormatError, KNOWN_ID_COLUMNS } from './interchange/sortition-format';
export { QUOTA_LAYOUTS } from './interchange/sortition-quotas';
export type { SortitionFileIssue, SortitionFiles, SortitionPool, SortitionRespondentRow } from './interchange/sortition-format';
