/**
 * Pool tasks of a tune() search: one per (candidate, fold slot), warm-started chains of them, and the refit. Keeps
 * the task index -> what it was for table the pool's results are matched against.
 */
import type { PoolTask, WorkerRemote } from '../pool/pool';
import type { DatasetMessage, RefitOutcome, TrialFailure, TrialOutcome, TrialTask } from '../worker/protocol';
import type { Preprocess } from '../worker/protocol';
import type { TaskHints } from '../estimators/types';
import type { Params } from '../types';
import { deriveSeed } from '../rng';
import { packTrialBatch, unpackOutcomes } from '../worker/trial-batch';
import type { Candidate } from './candidates';

/** A pool task slot: one fold of one candidate, a warm-started chain of them (in run order), or the refit. */
export type TaskRef = { candidate: number; slot: number } | { path: { candidate: number; slot: number }[] } | 'refit';

/** What the pool's tasks return: a trial, a warm-started chain's trials, or the refit. */
export type Outcome = TrialOutcome | (TrialOutcome | TrialFailure)[] | RefitOutcome;

/** The pool's runBatch for trial tasks: several trials of one affinity in one worker message, outcomes back
 *  column-wise (worker/trial-batch.ts); a failed trial becomes an Error in its place. */
export async function runTrialBatch(api: WorkerRemote, tasks: readonly PoolTask<Outcome>[]): Promise<(Outcome | Error)[]> {
  const packed = packTrialBatch(tasks.map((t) => t.payload as TrialTask));
  return unpackOutcomes(packed.metrics, await api.runTrialBatch(packed)).map((r) => ('error' in r ? new Error(r.error) : r));
}

/** Fits per warm-started task: a chain restarts cold at each cut, and several chains per path let the workers share
 *  it. Fixed, so the cuts do not depend on the worker count. */
const PATH_CHUNK = 10;

/** One fold of one candidate as a pool task. A class, not an object literal with an arrow: a search creates one per
 *  (candidate, fold), and a shared prototype method spares each its own closure. */
class TrialPoolTask implements PoolTask<Outcome> {
  constructor(
    readonly affinity: string,
    readonly cost: number | undefined,
    readonly payload: TrialTask,
  ) {}

  run(api: WorkerRemote): Promise<Outcome> {
    return api.runTrial(this.payload);
  }
}

export interface TaskPlanSettings {
  dataset: DatasetMessage;
  folds: { split: number; fold: number }[];
  preprocess: Preprocess;
  scoring: string[];
  seed: number;
  hints: TaskHints;
  /** Chain candidates along their warm-start paths (tune({ warmStart: true }) without a time budget). */
  warmPaths: boolean;
}

export class TaskPlanner {
  readonly refs: TaskRef[] = [];
  /** Affinity keys (split:fold:model:shareKey) by share part, one per fold slot: built once per search, not per
   *  task (a grid of hundreds of candidates has a handful of distinct keys). */
  private readonly affinityCache = new Map<string, string[]>();

  constructor(private readonly s: TaskPlanSettings) {}

  private affinitiesFor(share: string): string[] {
    let keys = this.affinityCache.get(share);
    if (!keys) this.affinityCache.set(share, (keys = this.s.folds.map(({ split, fold }) => `${split}:${fold}${share}`)));
    return keys;
  }

  /** Tasks for every fold of each candidate (candidates that already failed validation get none). */
  tasksFor(candidates: readonly Candidate[]): PoolTask<Outcome>[] {
    const { dataset, folds, preprocess, scoring, seed, hints } = this.s;
    const tasks: PoolTask<Outcome>[] = [];
    /** Candidate c's fold `slot` joins a chain: by (fold, model, path key), later ordered along the path. */
    const paths = new Map<string, { c: number; slot: number; order: number; task: TrialTask; affinity: string }[]>();
    for (const cand of candidates) {
      if (cand.acc.complete) continue;
      const { def, full, hp, number: c } = cand;
      const affinities = this.affinitiesFor(def.shareKey ? `:${def.id}:${def.shareKey(full)}` : `:${def.id}`);
      const cost = def.cost?.(full);
      for (let slot = 0; slot < folds.length; slot++) {
        const { split, fold } = folds[slot];
        const task: TrialTask = {
          datasetId: dataset.id,
          model: def.id,
          params: hp,
          split,
          fold,
          preprocess,
          metrics: scoring,
          // A trial's randomness depends on (seed, candidate, split, fold) only, never on the worker that runs it.
          seed: deriveSeed(seed, c, split + 1, fold),
          hints,
        };
        const affinity = affinities[slot];
        if (this.s.warmPaths && def.warmPath) {
          const key = `${split}:${fold}:${def.id}:${def.warmPath.key(full)}`;
          const path = paths.get(key) ?? [];
          path.push({ c, slot, order: def.warmPath.order(full), task, affinity });
          paths.set(key, path);
          continue;
        }
        this.refs.push({ candidate: c, slot });
        tasks.push(new TrialPoolTask(affinity, cost, task));
      }
    }
    // Chains: each path in order (ties by candidate), cut every PATH_CHUNK fits; one task per chain.
    for (const path of paths.values()) {
      path.sort((a, b) => a.order - b.order || a.c - b.c);
      for (let at = 0; at < path.length; at += PATH_CHUNK) {
        const chain = path.slice(at, at + PATH_CHUNK);
        const payload = chain.map((x) => x.task);
        this.refs.push({ path: chain.map(({ c, slot }) => ({ candidate: c, slot })) });
        tasks.push({ affinity: `${chain[0].affinity}:path`, kind: 'path', payload, run: (api) => api.runPath(payload) });
      }
    }
    return tasks;
  }

  /**
   * Tasks for the given fold slots of one evaluation unit (a halving rung of a candidate): refs point at `unit`,
   * seeds derive from (seed, candidate, split, fold).
   */
  tasksForSlots(
    unit: number,
    def: Candidate['def'],
    hp: Params,
    full: Params,
    slots: readonly { slot: number; split: number; fold: number }[],
    candidate: number,
    /** Per slot, what else its task carries: a checkpoint (halving / Hyperband on epochs), an epochs pruner's table. */
    extra?: (slot: number) => Pick<TrialTask, 'checkpoint' | 'epochPruning'> | undefined,
  ): PoolTask<Outcome>[] {
    const { dataset, preprocess, scoring, seed, hints } = this.s;
    const share = def.shareKey ? `:${def.id}:${def.shareKey(full)}` : `:${def.id}`;
    const cost = def.cost?.(full);
    return slots.map(({ slot, split, fold }) => {
      this.refs.push({ candidate: unit, slot });
      const task: TrialTask = { datasetId: dataset.id, model: def.id, params: hp, split, fold, preprocess, metrics: scoring, seed: deriveSeed(seed, candidate, split + 1, fold), hints };
      const more = extra?.(slot);
      if (more) Object.assign(task, more);
      return new TrialPoolTask(`${split}:${fold}${share}`, cost, task);
    });
  }

  /** The refit of candidate `number` on all rows. */
  refitTask(candidate: Candidate): PoolTask<Outcome> {
    const task = {
      datasetId: this.s.dataset.id,
      model: candidate.def.id,
      params: candidate.hp as Params,
      preprocess: this.s.preprocess,
      seed: deriveSeed(this.s.seed, candidate.number, 0xffff),
      // The refit shares per-search work keyed by the hints (e.g. a mixture's k-means start) with the fold trials.
      hints: this.s.hints,
    };
    this.refs.push('refit');
    return { affinity: 'refit', run: (api) => api.refit(task) };
  }
}
