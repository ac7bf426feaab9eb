/** Pruners: pure rules over a trial's intermediate values (Optuna 3.1 semantics). */
export { createPruner, PRUNER_KINDS } from './create';
export { checkPrunerOption } from './options';
export { foldSteps } from './fold-steps';
export { nanPercentile } from './nan-percentile';
export { checkPercentileRule, percentilePruner } from './percentile';
export type { PercentileRule } from './percentile';
export type { Direction, IntermediateValues, Pruner, PrunerKind, PrunerOptions, PrunerTrial } from './types';
export { stepThresholds, prunedAtLastStep } from './step-thresholds';
export type { StepThresholds } from './step-thresholds';
