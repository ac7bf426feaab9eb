/**
 * search.pruner with resource 'epochs' in tune(): the median / percentile rule applied after every training epoch of
 * every fold, inside the worker (SGD, MLP). Each fold task carries the rule as a table of per-epoch thresholds
 * (search/pruners/step-thresholds.ts) computed from the references: the same fold's per-epoch test scores of the
 * complete candidates numbered below this one minus the lag. The search loop's lag guarantees those finished before
 * this candidate was proposed, so the table, and every cut, are the same under any timing or worker count.
 *
 * A candidate whose fold was cut is 'pruned' once all its folds reported: its folds' scores are those of the models
 * where they stopped, `resource` the most epochs a fold ran and `rungs` the mean over folds of the per-epoch scores
 * (at the epochs every fold reached). Only complete candidates become references (Optuna's rule).
 *
 * Pure bookkeeping: no I/O, no threads.
 */
import { stepThresholds, type PrunerOptions } from '../search/pruners/index';
import type { EpochPruningTask, EpochReport } from '../worker/protocol';

export class EpochPruning {
  /** Per fold slot, the per-epoch scores of complete candidates, by candidate number. */
  private readonly references: Map<number, Float64Array>[];
  /** Per candidate still running or pruned: its folds' reports. */
  private readonly reports = new Map<number, (EpochReport | undefined)[]>();

  constructor(
    private readonly options: PrunerOptions,
    private readonly greaterIsBetter: boolean,
    private readonly lag: number,
    private readonly metric: string,
    private readonly nSlots: number,
  ) {
    this.references = Array.from({ length: nSlots }, () => new Map());
  }

  /** The payload of fold `slot` of candidate `number`, which trains `epochs` epochs. */
  task(number: number, slot: number, epochs: number): EpochPruningTask {
    const cut = number - this.lag;
    const refs: Float64Array[] = [];
    for (const [n, values] of this.references[slot]) if (n < cut) refs.push(values);
    const direction = this.greaterIsBetter ? 'maximize' : 'minimize';
    return { metric: this.metric, thresholds: stepThresholds(this.options, direction, refs, epochs) };
  }

  /** A fold of a candidate reported (its report is absent when the fit failed before any epoch). */
  fold(number: number, slot: number, report: EpochReport | undefined): void {
    let r = this.reports.get(number);
    if (!r) this.reports.set(number, (r = new Array<EpochReport | undefined>(this.nSlots)));
    r[slot] = report;
  }

  /** Whether any fold of the candidate was cut. */
  isPruned(number: number): boolean {
    return this.reports.get(number)?.some((r) => r?.pruned) ?? false;
  }

  /** A candidate ran every fold to its end: its curves become references for later candidates. */
  complete(number: number): void {
    const r = this.reports.get(number);
    this.reports.delete(number);
    if (!r) return;
    r.forEach((rep, slot) => {
      if (rep) this.references[slot].set(number, rep.values);
    });
  }

  /** A pruned candidate's summary: the most epochs a fold ran and the per-epoch means over folds. */
  summary(number: number): { resource: number; rungs: { rung: number; resource: number; score: number }[] } {
    const r = (this.reports.get(number) ?? []).filter((x): x is EpochReport => x !== undefined);
    this.reports.delete(number);
    const resource = Math.max(0, ...r.map((x) => x.values.length));
    const common = r.length === 0 ? 0 : Math.min(...r.map((x) => x.values.length));
    const rungs = [];
    for (let e = 0; e < common; e++) {
      let sum = 0;
      for (const x of r) sum += x.values[e];
      rungs.push({ rung: e, resource: e + 1, score: sum / r.length });
    }
    return { resource, rungs };
  }
}
