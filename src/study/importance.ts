/**
 * Hyperparameter importance of a finished search: fANOVA (src/search/importance, Optuna 3.1's
 * FanovaImportanceEvaluator) over the complete trials, on the hyperparameters every one of them has (Optuna's
 * intersection search space). Log-scaled ranges are analysed in log space (Optuna uses raw values there: a
 * learning rate over 1e-5..1e-1 is then dominated by its top decade); choices are categorical. Deterministic: the
 * forest uses a fixed seed.
 */
import { TuneError } from '../errors';
import { createRng } from '../rng';
import type { CompiledSpace, Dimension } from '../space/index';
import type { Params } from '../types';
import { fanovaImportance, type ImportanceColumn } from '../search/importance/index';

const IMPORTANCE_SEED = 0x1a2b3c;

/** `trials`: { params, value, state } rows; only 'complete'/'ok' ones with a finite value are used. */
export function trialImportance(
  space: CompiledSpace,
  trials: readonly { params: Params; value: number; state: string }[],
): Record<string, number> {
  const done = trials.filter((t) => (t.state === 'complete' || t.state === 'ok') && Number.isFinite(t.value));
  if (done.length < 2) {
    throw new TuneError('IMPORTANCE_UNDEFINED', `Hyperparameter importance needs at least 2 complete trials, got ${done.length}. Run more trials first.`);
  }
  const dims = new Map<string, Dimension>();
  for (const sub of space.subspaces) for (const d of sub.dimensions) if (!dims.has(d.name)) dims.set(d.name, d);
  const names = [...dims.keys()].filter((n) => done.every((t) => Object.hasOwn(t.params, n)));
  const columns: ImportanceColumn[] = [];
  for (const name of names) {
    const d = dims.get(name)!;
    const dist = d.distribution;
    if (dist.kind === 'choice') {
      const idx = Float64Array.from(done, (t) => {
        for (const sub of space.subspaces) {
          const dd = sub.dimensions.find((x) => x.name === name);
          const i = dd ? dd.indexOf(t.params[name]) : -1;
          if (i >= 0 && dd === d) return i;
        }
        return Math.max(0, d.indexOf(t.params[name]));
      });
      columns.push({ name, kind: 'categorical', values: idx, choices: dist.values.length });
    } else {
      const log = dist.log;
      const f = (v: number): number => (log ? Math.log(v) : v);
      columns.push({
        name,
        kind: 'numeric',
        values: Float64Array.from(done, (t) => f(t.params[name] as number)),
        low: f(dist.low),
        high: f(dist.high),
      });
    }
  }
  const y = Float64Array.from(done, (t) => t.value);
  return fanovaImportance(columns, y, createRng(IMPORTANCE_SEED));
}
