/**
 * Hyperband's brackets (Li, Jamieson, DeSalvo, Rostamizadeh, Talwalkar, JMLR 2018, Algorithm 1).
 *
 * With R = maxResource / minResource (the maximum in units of the smallest budget) and eta = factor:
 *   sMax = floor(log_eta(R)),  B = (sMax + 1) * R
 *   for s = sMax .. 0:  n = ceil((B / R) * eta^s / (s + 1)),  r = R * eta^-s
 *     rung i = 0 .. s:  n_i = floor(n * eta^-i),  r_i = r * eta^i      (keep the top floor(n_i / eta))
 * Integer rounding (the paper's resources are real numbers; ours are rows, epochs or folds):
 *   - sMax is the largest integer s with eta^s <= R, found by multiplying, not by a floating logarithm
 *     (log_3(243) must be 5), with a relative slack of 1e-9 for a non-integer R;
 *   - n is computed as ceil((sMax + 1) * eta^s / (s + 1)) (B / R simplified, no division by R);
 *   - n_i = floor(n / eta^i), exact in doubles for the sizes used here;
 *   - r_i = maxResource / eta^(s - i) (= minResource * R * eta^(i - s)) rounded to the nearest integer when `integer` (default), never below
 *     minResource; the last rung of every bracket is exactly maxResource.
 * For maxResource 81, factor 3 (minResource 1) this is the paper's table: s=4: (81,1) (27,3) (9,9) (3,27) (1,81);
 * s=3: (34,3) (11,9) (3,27) (1,81); s=2: (15,9) (5,27) (1,81); s=1: (8,27) (2,81); s=0: (5,81).
 */
import { TuneError } from '../../errors';
import { checkFactor } from './schedule';

export interface HyperbandInput {
  maxResource: number;
  factor: number;
  /** The smallest budget a rung may get; default 1. */
  minResource?: number;
  /** Round resources to integers (rows, epochs, folds). Default true. */
  integer?: boolean;
}

export interface HyperbandRung {
  nCandidates: number;
  resource: number;
}

export interface HyperbandBracket {
  /** The paper's s: sMax for the most exploratory bracket, 0 for the one that trains everything fully. */
  s: number;
  rungs: HyperbandRung[];
}

export function hyperbandSMax(ratio: number, factor: number): number {
  let s = 0;
  let p = factor;
  while (p <= ratio * (1 + 1e-9)) {
    s++;
    p *= factor;
  }
  return s;
}

export function hyperbandBrackets(input: HyperbandInput): HyperbandBracket[] {
  const eta = checkFactor(input.factor);
  const minResource = input.minResource ?? 1;
  const maxResource = input.maxResource;
  const integer = input.integer !== false;
  if (typeof maxResource !== 'number' || !Number.isFinite(maxResource) || maxResource <= 0) {
    throw new TuneError('INVALID_MAX_RESOURCE', `search.maxResource must be a positive number, got ${String(maxResource)}.`, {
      value: maxResource,
    });
  }
  if (typeof minResource !== 'number' || !Number.isFinite(minResource) || minResource <= 0) {
    throw new TuneError('INVALID_MIN_RESOURCE', `search.minResource must be a positive number, got ${String(minResource)}.`, {
      value: minResource,
    });
  }
  if (integer && (!Number.isInteger(maxResource) || !Number.isInteger(minResource))) {
    throw new TuneError(
      'INVALID_MAX_RESOURCE',
      `This resource counts whole units: minResource and maxResource must be integers, got ${minResource} and ${maxResource}.`,
      { minResource, maxResource },
    );
  }
  if (minResource > maxResource) {
    throw new TuneError(
      'MIN_RESOURCE_TOO_LARGE',
      `search.minResource (${minResource}) must not exceed maxResource (${maxResource}).`,
      { minResource, maxResource },
    );
  }
  const ratio = maxResource / minResource;
  const sMax = hyperbandSMax(ratio, eta);
  const brackets: HyperbandBracket[] = [];
  for (let s = sMax; s >= 0; s--) {
    const n = Math.ceil(((sMax + 1) * eta ** s) / (s + 1));
    const rungs: HyperbandRung[] = [];
    for (let i = 0; i <= s; i++) {
      const nI = Math.floor(n / eta ** i);
      let r = i === s ? maxResource : maxResource / eta ** (s - i);
      if (integer) r = Math.max(minResource, Math.round(r));
      rungs.push({ nCandidates: nI, resource: r });
    }
    brackets.push({ s, rungs });
  }
  return brackets;
}
