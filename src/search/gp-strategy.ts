/**
 * The Gaussian-process strategy: the space <-> the GP's unit-cube encoding, the random start, and no repeats.
 * The numeric core (Matern 5/2 ARD kernel, marginal-likelihood fit with priors, log EI, acquisition search) is
 * src/search/gp/.
 *
 * Encoding: a continuous float is scaled to [0, 1] (log ranges in log space); an int or stepped float range is a
 * discrete dimension of `size` grid points k / (size - 1), except log int ranges, which stay continuous in log space
 * and are rounded to the nearest integer; a choice is categorical (its index). Constants are left out. A GP needs one
 * sub-space: a conditional space (several records) gets GP_UNSUPPORTED_SPACE (use TPE there).
 * Pending candidates (the lag window) are passed to the GP as pending points; pruned and failed trials are not
 * observations.
 */
import { TuneError } from '../errors';
import type { Rng } from '../rng';
import type { CompiledSpace, Dimension } from '../space';
import type { Params } from '../types';
import { unrepeatedStrategy } from './unrepeated';
import type { SearchStrategy, StrategyView } from './types';
import { proposeGp, type GpDimension } from './gp/index';

/** Stream tag of the GP's per-proposal generators. */
const GP_STREAM = 0x6e;

export interface GpSettings {
  trials: number;
  lag: number;
  startupTrials: number;
}

interface Codec {
  dim: GpDimension;
  encode(v: Params[string]): number;
  decode(x: number): Params[string];
}

function codecFor(d: Dimension): Codec | null {
  const dist = d.distribution;
  if (dist.kind === 'choice') {
    if (dist.values.length < 2) return null;
    return { dim: { kind: 'categorical', size: dist.values.length }, encode: (v) => d.indexOf(v), decode: (x) => d.valueAt(Math.round(x)) };
  }
  const { low, high } = dist;
  if (low === high) return null;
  if (dist.kind === 'int' && dist.log) {
    const a = Math.log(low);
    const b = Math.log(high);
    return {
      dim: { kind: 'continuous' },
      encode: (v) => (Math.log(v as number) - a) / (b - a),
      decode: (x) => Math.min(high, Math.max(low, Math.round(Math.exp(a + x * (b - a))))),
    };
  }
  if (d.discrete) {
    const size = d.size;
    return {
      dim: { kind: 'discrete', size },
      encode: (v) => d.indexOf(v) / (size - 1),
      decode: (x) => d.valueAt(Math.min(size - 1, Math.max(0, Math.round(x * (size - 1))))),
    };
  }
  if (dist.log) {
    const a = Math.log(low);
    const b = Math.log(high);
    return {
      dim: { kind: 'continuous' },
      encode: (v) => (Math.log(v as number) - a) / (b - a),
      decode: (x) => Math.min(high, Math.max(low, Math.exp(a + x * (b - a)))),
    };
  }
  return {
    dim: { kind: 'continuous' },
    encode: (v) => ((v as number) - low) / (high - low),
    decode: (x) => Math.min(high, Math.max(low, low + x * (high - low))),
  };
}

export function createGpStrategy(space: CompiledSpace, settings: GpSettings, seed: number): SearchStrategy {
  if (space.subspaces.length !== 1) {
    throw new TuneError(
      'GP_UNSUPPORTED_SPACE',
      `The GP strategy models one space of fixed dimensions, but this space is a list of ${space.subspaces.length} ` +
        "sub-spaces (a conditional space). Use { strategy: 'tpe' }, which handles conditional spaces, or search one " +
        'sub-space at a time.',
    );
  }
  const sub = space.subspaces[0];
  const codecs = sub.dimensions.map(codecFor);
  const active = codecs.flatMap((c, j) => (c ? [{ c, j }] : []));
  const dims = active.map((a) => a.c.dim);

  const encodeRows = (rows: readonly Params[]): Float64Array => {
    const x = new Float64Array(rows.length * dims.length);
    rows.forEach((p, r) => active.forEach((a, k) => (x[r * dims.length + k] = a.c.encode(p[sub.dimensions[a.j].name]))));
    return x;
  };

  const propose = (view: StrategyView, rng: Rng): Params => {
    const observed = view.told.filter((r) => r.state === 'complete' && Number.isFinite(r.value));
    if (observed.length < Math.max(1, settings.startupTrials) || dims.length === 0) return space.sample(rng);
    const x = encodeRows(observed.map((r) => r.params));
    const y = Float64Array.from(observed, (r) => r.value);
    const next = proposeGp(dims, x, y, rng, {}, view.pending.length > 0 ? encodeRows(view.pending) : undefined);
    const values: Params[string][] = sub.dimensions.map((d) => (d.discrete && d.size === 1 ? d.valueAt(0) : null));
    active.forEach((a, k) => (values[a.j] = a.c.decode(next[k])));
    return sub.toParams(values);
  };

  return unrepeatedStrategy(space, settings, seed, GP_STREAM, propose);
}
