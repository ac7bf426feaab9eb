/**
 * Cross-validation splitters. They yield fold ids (one Int32Array per repeat, -1 = never tested), never data:
 * workers hold the rows and turn a fold number into indices with `trainTestIndices`.
 */
export { planSplits, type CvOptions, type SplitPlan, type SplitContext } from './plan';
export { trainTestIndices, foldSizes } from './indices';
export { kfoldIds } from './kfold';
export { stratifiedFoldIds } from './stratified';
export { holdoutIds, holdoutSize, stratifiedHoldoutIds, stratifiedHoldoutCounts } from './holdout';
export { explicitFoldIds, type ExplicitFolds } from './explicit';
