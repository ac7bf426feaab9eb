/**
 * prepareSearch: validates every option and plans the search, before any worker starts. Pure: nothing is spawned or
 * sent; every rejection is a TuneError. Order: cheap scalar options, then data, space, models, scoring, splits,
 * strategy, candidates.
 */
import type { Matrix } from '../types';
import type { DatasetMessage } from '../worker/protocol';
import type { TaskHints } from '../estimators/types';
import type { Params } from '../types';
import { TuneError } from '../errors';
import { normalizeData, distinctSorted, type FeatureInput } from '../data/normalize';
import { compileSpace, type CompiledSpace } from '../space/index';
import { createStrategy, SearchLoop, type SearchStrategy } from '../search/index';
import { planSplits, type SplitPlan } from '../cv/index';
import { getMetric } from '../metrics/index';
import {
  checkRunSettings,
  resolveModels,
  resolveScoring,
  validateDataForModels,
  validateOptionKeys,
  validateSpaceValues,
  type RunSettings,
} from '../validate';
import { CandidateBook, type Candidate } from './candidates';
import { historyRecords } from './history';
import { paramsKey } from '../search/params-key';
import { proposeMany, strategyFromSequence } from '../search/sequence';
import { checkSearchOptions, DEFAULT_LAG } from '../search/index';
import { checkPrunerOption, type PrunerOptions } from '../search/pruners/index';
import { deriveSeed } from '../rng';
import { isBudgeted, planBudget, type BudgetPlan } from './budgeted';

/** A resumed study skips what it already completed: `inner` with those candidates left out (the rest keep their
 *  order and are numbered from 0). */
function skipping(inner: SearchStrategy, completed: readonly { params: Params }[]): SearchStrategy {
  if (completed.length === 0) return inner;
  const done = new Set(completed.map((c) => paramsKey(c.params)));
  const ask: SearchStrategy['ask'] = (view) => {
    for (;;) {
      const p = inner.ask(view);
      if (p === undefined || !done.has(paramsKey(p))) return p;
    }
  };
  return { ...inner, total: inner.total, ask, propose: (max) => proposeMany(() => ask({ told: [], pending: [] }), max) };
}
import type { TuneOptions } from '../tune';
import type { Label, LabelEncoding } from '../data/labels';

/** Upper bound on candidates per search: every candidate is proposed and validated up front, then held in memory. */
export const MAX_CANDIDATES = 100_000;

let datasetCounter = 0;

/** Everything tune() decided before touching a worker. */
export interface PreparedSearch {
  settings: RunSettings;
  scoring: string[];
  /** Direction of the ranking metric: the loop minimises -score when true. */
  greaterIsBetter: boolean;
  plan: SplitPlan | null;
  dataset: DatasetMessage;
  space: CompiledSpace;
  strategy: SearchStrategy;
  loop: SearchLoop;
  book: CandidateBook;
  /** Candidates proposed up front: all of them for grid and random search, none yet for adaptive strategies. */
  candidates: Params[];
  hints: TaskHints;
  /** (split, fold) of each task slot of a candidate, repeat-major; split -1 = no CV. */
  folds: { split: number; fold: number }[];
  /** search.trials cut the space short (grid and random search). */
  capped: boolean;
  /** Candidates the search will evaluate at most. */
  total: number;
  /** search.pruner (random, TPE, GP, grid): candidates go fold by fold and may stop early; null without one. */
  pruner: PrunerOptions | null;
  /** String/boolean labels that dataset.y's class indices stand for (the fitted model gives them back), or null. */
  labels: LabelEncoding | null;
  /** Halving / Hyperband: the budgeted strategy and its row subsets (then strategy and loop are unused). */
  budget?: BudgetPlan;
}

/** Where tune() finds rows a pool already holds (WorkerPool implements it). */
export interface RowsSource {
  residentRows(input: FeatureInput): { id: string; matrix: Matrix } | null;
  newRowsId(): string;
}

let rowsCounter = 0;
const noResidentRows: RowsSource = { residentRows: () => null, newRowsId: () => `rows-local${++rowsCounter}` };

/** `rows` (the pool) may already hold rows equal to data.X: then they are neither copied nor sent again. */
export function prepareSearch(opts: TuneOptions<Label>, rows: RowsSource = noResidentRows, completed: readonly { params: Params }[] = []): PreparedSearch {
  if (!opts || typeof opts !== 'object' || Array.isArray(opts)) {
    throw new TuneError('INVALID_OPTIONS', 'tune() takes one options object: tune({ model, data, space, ... }).');
  }
  validateOptionKeys(opts);
  const settings = checkRunSettings(opts as unknown as Record<string, unknown>);
  const input = opts.data && typeof opts.data === 'object' ? (opts.data as { X?: unknown }).X : undefined;
  const known = input != null && typeof input === 'object' ? rows.residentRows(input as FeatureInput) : null;
  const data = normalizeData(opts.data, known?.matrix);
  const space = compileSpace(opts.space);
  const models = resolveModels(opts.model, space);
  const kind = models.defs[0].kind;
  validateDataForModels(models.defs, data);
  const scoring = resolveScoring(opts.scoring, models.defs, data.y !== null);
  const greaterIsBetter = getMetric(scoring[0]).greaterIsBetter;
  const classes = kind === 'classifier' && data.y ? distinctSorted(data.y) : null;
  // Clustering defaults to no CV: cluster quality is usually judged on the rows that were clustered.
  const cv = opts.cv === undefined && kind === 'clusterer' ? false : (opts.cv ?? {});
  if (cv === false && kind !== 'clusterer') {
    throw new TuneError(
      'CV_REQUIRED',
      `cv: false (no cross-validation) is for clustering only; ${models.defs[0].id} is a ${kind} and needs held-out rows ` +
        'to score. Use cv: { folds: 5 } or cv: { holdout: 0.2 }.',
    );
  }
  const plan = planSplits(cv, { n: data.X.rows, y: data.y, isClassifier: kind === 'classifier', seed: settings.seed });
  const searchOpts = opts.search ?? { strategy: 'grid' };
  const budgeted = isBudgeted(searchOpts);
  if (budgeted) checkSearchOptions(searchOpts);
  const strategy = budgeted ? strategyFromSequence(0, () => undefined) : skipping(createStrategy(searchOpts, space, settings.seed), completed);
  if (strategy.total !== undefined && strategy.total > MAX_CANDIDATES) {
    throw new TuneError(
      'TOO_MANY_CANDIDATES',
      `This search would evaluate ${strategy.total} candidates; tune() evaluates at most ${MAX_CANDIDATES} per call. ` +
        "Narrow the space, cap it with search.trials, or use random search ({ strategy: 'random', trials: 200 }).",
      { candidates: strategy.total, max: MAX_CANDIDATES },
    );
  }
  const ctx = {
    minTrainRows: plan ? minTrainingRows(plan.splits, plan.nFolds, data.X.rows) : data.X.rows,
    split: plan ? plan.description : 'no cross-validation: all rows',
    // The labels as the caller gave them, in the sorted order the class indices follow (estimators' checkValue).
    classes: data.labels ? data.labels.classes : classes ? Array.from(classes) : null,
  };
  validateSpaceValues(space, models, ctx);

  const folds: { split: number; fold: number }[] = [];
  if (plan) for (let s = 0; s < plan.splits.length; s++) for (let f = 0; f < plan.nFolds; f++) folds.push({ split: s, fold: f });
  else folds.push({ split: -1, fold: 0 });

  const so = searchOpts as { trials?: number; patience?: number; history?: Parameters<typeof historyRecords>[0] };
  // search.pruner: candidates are scored fold by fold and judged against the trials below them minus the lag, so
  // grid and random search then also run under a finite lag (those trials must be finished when a candidate starts).
  const prunerOptions = budgeted ? null : checkPrunerOption((searchOpts as { pruner?: unknown }).pruner);
  const pruner = prunerOptions && prunerOptions.kind !== 'none' ? prunerOptions : null;
  if (pruner?.resource === 'epochs') {
    const without = models.defs.filter((d) => !d.epochParam).map((d) => d.id);
    if (without.length > 0) {
      throw new TuneError(
        'RESOURCE_NOT_SUPPORTED',
        `search.pruner resource 'epochs' needs models that train by epochs (SGD, MLP); ${without.join(', ')} do not. ` +
          "Use resource: 'folds' (the default) to prune them fold by fold.",
        { resource: 'epochs', models: without },
      );
    }
    if (!plan) throw new TuneError('CV_REQUIRED', "search.pruner resource 'epochs' scores each epoch on held-out rows: give cv (e.g. { folds: 5 }), not cv: false.");
  }
  const loop = new SearchLoop(strategy, {
    lag: pruner ? ((searchOpts as { lag?: number }).lag ?? DEFAULT_LAG) : undefined,
    budget: so.trials ?? Infinity,
    patience: so.patience ?? null,
    history: historyRecords(so.history, greaterIsBetter),
  });
  const book = new CandidateBook(models, opts.model, ctx, scoring, folds.length);
  const splits = plan ? plan.splits.slice() : [];
  const budget = budgeted
    ? planBudget(searchOpts as unknown as Record<string, unknown>, {
        space, models, defaultModel: opts.model, candidateCtx: ctx, scoring, seed: settings.seed, nSamples: data.X.rows,
        nFolds: plan ? plan.nFolds : 1, nClasses: classes ? classes.length : undefined, greaterIsBetter, splits,
        searchSeed: deriveSeed(settings.seed, 0x5ea4c4),
      })
    : undefined;
  // Grid and random search are not adaptive: propose every candidate now, so all of them are validated up front.
  let admitted: Candidate[] = [];
  if (loop.lag === Infinity) admitted = loop.next().map((p) => book.admit(p, true));
  const candidates = admitted.map((c) => c.params);
  const capped = strategy.lag === Infinity && so.trials !== undefined && candidates.length === so.trials && so.trials < space.size;
  const total = loop.lag === Infinity ? candidates.length : Math.min(strategy.total ?? Infinity, so.trials ?? Infinity);

  const dataset: DatasetMessage = {
    id: `ds${++datasetCounter}-${settings.seed}`,
    rowsId: known ? known.id : rows.newRowsId(),
    X: data.X.values,
    rows: data.X.rows,
    cols: data.X.cols,
    y: data.y,
    classes,
    splits,
  };
  return {
    settings, scoring, greaterIsBetter, plan, dataset, space, strategy, loop, book, candidates,
    hints: {
      ...planHints(space.subspaces.flatMap((s) => s.dimensions), admitted),
      // Shared random work: a mixture's k-means start (searchSeed), a forest's tree i (streamSeed).
      searchSeed: settings.seed,
      streamSeed: deriveSeed(settings.seed, 0x7ee5),
    },
    folds, capped, total, budget, labels: data.labels, pruner,
  };
}

/** Smallest number of training rows over all folds (bounds nNeighbors, nClusters...). */
function minTrainingRows(splits: Int32Array[], nFolds: number, n: number): number {
  let min = n;
  for (const ids of splits) {
    const tested = new Array<number>(nFolds).fill(0);
    for (const f of ids) if (f >= 0) tested[f]++;
    for (const t of tested) min = Math.min(min, n - t);
  }
  return min;
}

/**
 * Work the candidates can share: one KNN neighbour table with the largest k serves them all. With candidates known
 * up front, the largest k any of them asks; for adaptive strategies, the largest k the space allows (or the default).
 */
function planHints(dims: readonly { name: string; distribution: { kind: string; high?: number; values?: readonly unknown[] } }[], admitted: Candidate[]): TaskHints {
  let kMax = 0;
  for (const { full } of admitted) {
    const k = full.nNeighbors;
    if (typeof k === 'number') kMax = Math.max(kMax, k);
  }
  if (admitted.length === 0) {
    for (const d of dims) {
      if (d.name !== 'nNeighbors') continue;
      const dist = d.distribution;
      const high = dist.kind === 'choice' ? Math.max(...(dist.values ?? []).filter((v): v is number => typeof v === 'number')) : (dist.high ?? 0);
      kMax = Math.max(kMax, high);
    }
  }
  return kMax > 0 ? { kMax } : {};
}
