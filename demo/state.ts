/**
 * The page's mutable state, shared by the panels: the data in use, the running search, and what the last search was
 * run with. One object so every panel reads (and the owner of each field writes) the same values.
 */
import { listModels, type Distribution, type ModelInfo, type TrialResult, type TuneResult, type Value, type WorkerPool } from '../src/index';
import type { Dataset, RawTable, ClassLabel } from './datasets';
import type { HistoryChart, ParamChart, MapChart } from './charts';
import type { ContourBlock } from './contour-block';

export type DimSpec = Distribution | Value[];
/** One hyperparameter of the space as the user wrote it. */
export interface Dim {
  name: string;
  spec: DimSpec;
  text: string;
  size: number;
}

/** What one search was run with: the results panels describe this, not whatever the form shows now. */
export interface RunSetup {
  model: ModelInfo;
  data: Dataset;
  dims: Dim[];
  scoring: string;
  seed: number;
  preprocess: 'standardize' | 'none';
  supervised: boolean;
  datasetId: string;
  /** The search options the run used (the journal export and the code snippet describe them). */
  strategy: string;
  /** Halving / Hyperband: what a rung gives a candidate. */
  resource?: string;
  /** Date.now() when tune() was called: trial times count from here (the journal stamps them as datetimes). */
  startedAtMs?: number;
}

export const models = listModels();
export const builtinCache = new Map<string, RawTable>();

export const state = {
  uploaded: null as RawTable | null,
  raw: null as RawTable | null,
  data: null as Dataset | null,
  pool: null as WorkerPool | null,
  controller: null as AbortController | null,
  mapController: null as AbortController | null,
  /** Trials in completion order (the history), and the final result of the last finished search. */
  completed: [] as TrialResult[],
  result: null as TuneResult<ClassLabel> | null,
  setup: null as RunSetup | null,
  sortKey: { col: 'rank', dir: 1 } as { col: string; dir: 1 | -1 },
};

export const charts: { history: HistoryChart | null; params: ParamChart[]; heat: ContourBlock | null; map: MapChart | null } = {
  history: null,
  params: [],
  heat: null,
  map: null,
};
