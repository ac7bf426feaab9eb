/** Successive halving and Hyperband: schedules, promotion and the rows subsample, as pure logic. */
export { baseMinResources, checkFactor, exhaustCandidates, halvingSchedule, pyFloorLog } from './schedule';
export type { HalvingIteration, HalvingSchedule, HalvingScheduleInput, MinResources } from './schedule';
export { rankCandidates, selectSurvivors } from './select';
export { subsampleRows, subsampleSize } from './subsample';
export { hyperbandBrackets, hyperbandSMax } from './hyperband';
export type { HyperbandBracket, HyperbandInput, HyperbandRung } from './hyperband';
export { createHalvingStrategy, createHyperbandStrategy } from './strategy';
export type { BudgetedAsk, BudgetedStrategy, BudgetedTrial, HalvingStrategyInput, HyperbandStrategyInput, Propose } from './strategy';
export { BUDGET_RESOURCES, checkHalvingOptions, checkHyperbandOptions, checkResourceForModel } from './options';
export type { BudgetResource, HalvingSearchOptions, HyperbandSearchOptions } from './options';
