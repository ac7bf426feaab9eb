/**
 * The TPE strategy (Optuna 3.1's TPESampler) over a compiled space, conditional spaces included.
 *
 * - The first `startupTrials` observations (complete or pruned, warm-start history included) are random draws from
 *   the space, as Optuna's RandomSampler does.
 * - Afterwards each proposal splits the observations into the best gamma(n) = min(ceil(0.1 n), 25) and the rest
 *   (pending candidates join the rest: Optuna's constant liar), fits a Parzen estimator to each, draws
 *   `eiCandidates` (24) points from l(x) and keeps the one with the largest log l(x) - log g(x).
 * - A conditional space (a list of sub-spaces) is decomposed as Optuna's group decomposition would: which sub-space
 *   to use is itself a categorical hyperparameter learned over every trial; then each hyperparameter of the chosen
 *   sub-space is learned from the trials that have it with the same distribution (univariate), or, with
 *   `multivariate`, all of them jointly from the trials of that sub-space (Optuna's multivariate + group).
 * - A finite space is never repeated: a proposal equal to an earlier candidate is redrawn (up to REDRAWS times,
 *   then a random unseen point); once every point has been proposed the strategy is exhausted.
 * Randomness: proposal t uses its own generator, derived from (seed, t), so it does not depend on how many
 * proposals were asked at once.
 */
import type { Rng } from '../../rng';
import type { CompiledSpace, Dimension } from '../../space';
import type { Params } from '../../types';
import type { SearchStrategy, StrategyView } from '../types';
import { DEFAULT_PARZEN, ParzenEstimator, defaultGamma, type ParzenParameters, type TpeDistribution } from './parzen';
import { PENDING_KEY, observationKey, splitObservations, type ObservationKey } from './split';
import { unrepeatedStrategy } from '../unrepeated';

export interface TpeSettings {
  trials: number;
  lag: number;
  startupTrials: number;
  eiCandidates: number;
  multivariate: boolean;
  considerEndpoints: boolean;
  priorWeight: number;
}

/** Stream tag of TPE's per-proposal generators. */
const TPE_STREAM = 0x7be;

/** The TPE view of one dimension: its distribution, or a constant (Optuna skips single-value distributions). */
export function tpeDistribution(d: Dimension): TpeDistribution | null {
  const dist = d.distribution;
  if (dist.kind === 'choice') return dist.values.length > 1 ? { kind: 'categorical', n: dist.values.length } : null;
  if (dist.low === dist.high) return null;
  if (dist.kind === 'int') return { kind: 'int', low: dist.low, high: dist.high, step: dist.step, log: dist.log };
  return { kind: 'float', low: dist.low, high: dist.high, step: dist.step, log: dist.log };
}

/** A dimension's value in TPE's external form (choice: its index), or NaN when `params` lacks it or it is foreign. */
function externalValue(d: Dimension, td: TpeDistribution, params: Params): number {
  if (!Object.hasOwn(params, d.name)) return NaN;
  const v = params[d.name];
  if (td.kind === 'categorical') {
    const i = d.indexOf(v);
    return i < 0 ? NaN : i;
  }
  if (typeof v !== 'number' || v < td.low || v > td.high) return NaN;
  return v;
}

function dimensionValue(d: Dimension, td: TpeDistribution, x: number): Params[string] {
  return td.kind === 'categorical' ? d.valueAt(x) : x;
}

export function createTpeStrategy(space: CompiledSpace, settings: TpeSettings, seed: number): SearchStrategy {
  const parzen: ParzenParameters = {
    ...DEFAULT_PARZEN,
    considerEndpoints: settings.considerEndpoints,
    priorWeight: settings.priorWeight,
    multivariate: settings.multivariate,
  };
  const subs = space.subspaces;
  const subDist: TpeDistribution = { kind: 'categorical', n: subs.length };
  /** Which sub-space params belong to (by their key set and values), or -1. */
  const subspaceOf = (p: Params): number => {
    for (let s = 0; s < subs.length; s++) {
      const sub = subs[s];
      if (sub.names.length !== Object.keys(p).length) continue;
      if (sub.dimensions.every((d) => Object.hasOwn(p, d.name) && (d.discrete ? d.indexOf(p[d.name]) >= 0 : typeof p[d.name] === 'number'))) return s;
    }
    return -1;
  };

  /**
   * What a proposal reads of an observation's params, computed once per params object (the views hand the same
   * objects back at every proposal): its sub-space, and per sub-space the external values of that sub-space's
   * dimensions (NaN where the params lack one). Without it a proposal re-reads every earlier trial.
   */
  interface Reading {
    sub: number;
    values: (Float64Array | undefined)[];
  }
  const readings = new WeakMap<Params, Reading>();
  const read = (p: Params): Reading => {
    let r = readings.get(p);
    if (!r) {
      r = { sub: subspaceOf(p), values: [] };
      readings.set(p, r);
    }
    return r;
  };
  const valuesIn = (r: Reading, p: Params, s: number): Float64Array => {
    let v = r.values[s];
    if (!v) {
      const dims = subs[s].dimensions;
      v = new Float64Array(dims.length);
      for (let j = 0; j < dims.length; j++) {
        const td = tpeDistribution(dims[j]);
        v[j] = td ? externalValue(dims[j], td, p) : NaN;
      }
      r.values[s] = v;
    }
    return v;
  };

  const propose = (view: StrategyView, rng: Rng): Params => {
    const obs: { params: Params; key: ObservationKey; reading: Reading }[] = [];
    for (const r of view.told) {
      const key = observationKey(r);
      if (key) obs.push({ params: r.params, key, reading: read(r.params) });
    }
    const n = obs.length;
    if (n < settings.startupTrials) return space.sample(rng);
    for (const p of view.pending) obs.push({ params: p, key: PENDING_KEY, reading: read(p) });
    const { below, above } = splitObservations(
      obs.map((o) => o.key),
      defaultGamma(n),
    );

    /** l(x) and g(x) over the given columns (one Float64Array per dimension for each side), and the best of the
     *  eiCandidates draws from l(x) by log l(x) - log g(x). */
    const bestDraw = (tds: TpeDistribution[], lowerCols: Float64Array[], upperCols: Float64Array[]): number[] => {
      const lower = new ParzenEstimator(lowerCols, tds, parzen);
      const upper = new ParzenEstimator(upperCols, tds, parzen);
      const samples = lower.sample(rng, settings.eiCandidates);
      const ll = lower.logPdf(samples);
      const lg = upper.logPdf(samples);
      let best = 0;
      for (let i = 1; i < ll.length; i++) if (ll[i] - lg[i] > ll[best] - lg[best]) best = i;
      return samples.map((col) => col[best]);
    };
    /** One column: value(o) of the observations at idx where it is not NaN, in idx order. */
    const column = (idx: number[], value: (o: (typeof obs)[number]) => number): Float64Array => {
      const out = new Float64Array(idx.length);
      let k = 0;
      for (const i of idx) {
        const v = value(obs[i]);
        if (!Number.isNaN(v)) out[k++] = v;
      }
      return out.subarray(0, k);
    };

    const subOf = (o: (typeof obs)[number]): number => (o.reading.sub >= 0 ? o.reading.sub : NaN);
    const s = subs.length === 1 ? 0 : bestDraw([subDist], [column(below, subOf)], [column(above, subOf)])[0];
    const sub = subs[s];
    const values: Params[string][] = sub.dimensions.map((d) => (d.discrete && d.size === 1 ? d.valueAt(0) : null));
    const active = sub.dimensions.flatMap((d, j) => {
      const td = tpeDistribution(d);
      return td ? [{ d, td, j }] : [];
    });
    if (settings.multivariate && active.length > 0) {
      // Jointly, from the observations of this sub-space that have every active dimension.
      const complete = (idx: number[]): number[] =>
        idx.filter((i) => obs[i].reading.sub === s && active.every((a) => !Number.isNaN(valuesIn(obs[i].reading, obs[i].params, s)[a.j])));
      const lowIdx = complete(below);
      const highIdx = complete(above);
      const cols = (idx: number[]): Float64Array[] => active.map((a) => column(idx, (o) => valuesIn(o.reading, o.params, s)[a.j]));
      const got = bestDraw(
        active.map((a) => a.td),
        cols(lowIdx),
        cols(highIdx),
      );
      active.forEach((a, k) => (values[a.j] = dimensionValue(a.d, a.td, got[k])));
    } else {
      for (const a of active) {
        const value = (o: (typeof obs)[number]): number => valuesIn(o.reading, o.params, s)[a.j];
        const x = bestDraw([a.td], [column(below, value)], [column(above, value)])[0];
        values[a.j] = dimensionValue(a.d, a.td, x);
      }
    }
    return sub.toParams(values);
  };

  return unrepeatedStrategy(space, settings, seed, TPE_STREAM, propose);
}
