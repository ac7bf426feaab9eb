// Platform-independent part of the public surface, re-exported by both entries (src/index.ts, src/index.node.ts).
export { int, float, choice, spaceSize } from './space/index';
export type { Distribution, SpaceSpec, Value } from './space/index';
export type { SearchOptions, HistoryTrial } from './search/index';
export type { TpeOptions, GpOptions, PrunerSpec } from './search/types';
export type { Objective } from './study/optimize';
export type { StudyRef, StudyStorage } from './study/persist';
export { JournalStorage, MemoryJournalBackend, IndexedDbJournalBackend } from './storage/index';
export { loadStudy } from './study/journal-io';
export { createStudy, Study, TrialPruned } from './study/study';
export type {
  Direction, StudyTrial, StudyTrialState, BestStudyTrial, TrialHandle, StudyOptions, OptimizeOptions, OptimizeResult, OptimizeProgress,
  OptimizeStopReason, StudySearchOptions,
} from './study/types';
export type { CvOptions } from './cv/index';
export { TuneError, TuneAbortError } from './errors';
export type { PartialResult } from './errors';
export { MODEL_IDS } from './types';
export type { ModelId, Params, Matrix, ModelKind } from './types';
export { METRIC_NAMES, listMetrics } from './metrics/index';
export type { MetricInfo } from './metrics/index';
export type { MetricName } from './metrics/index';
export type { TuneOptions, ProgressEvent } from './tune';
export type {
  TuneResult, TrialResult, TrialSpan, BestTrial, MetricSummary, StopReason, TuneResultJSON, TrialResultJSON, MetricSummaryJSON, JsonNumber,
} from './results';
export { FittedModel } from './model';
export type { Predictions, LearnedParameters } from './model';
export type { Label } from './data/labels';
export type { WorkerPool } from './pool/pool';
export type { CreatePoolOptions } from './api';
export type { NestedCvOptions, NestedCvResult } from './nested';
export type { DataInput, FeatureInput } from './data/normalize';
export { listModels } from './estimators/registry';
export type { ModelInfo } from './estimators/registry';
export type { HyperparameterSchema } from './estimators/types';
