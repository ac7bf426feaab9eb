/**
 * Successive-halving schedules, equal to scikit-learn 1.2.1's HalvingGridSearchCV / HalvingRandomSearchCV
 * (`BaseSuccessiveHalving._check_input_parameters` and `_run_search`). Pure arithmetic: no data, no randomness.
 *
 * The rules, as scikit-learn applies them:
 * - Base minimum for 'smallest' and 'exhaust': with the `rows` resource, 2 * nSplits (times nClasses for a
 *   classifier: pass `nClasses` only for classifiers); with any other resource (epochs, folds), 1.
 * - nRequired = 1 + floor(log(nCandidates, factor)): iterations until fewer than `factor` candidates remain.
 * - 'exhaust' raises the minimum to max(base, floor(maxResources / factor^(nRequired - 1))) so that the last
 *   required iteration uses as much of the resource as possible. An explicit number is used as given.
 * - nPossible = 1 + floor(log(floor(maxResources / minResources), factor)).
 * - nIterations = nRequired with aggressive elimination, else min(nPossible, nRequired).
 * - Iteration i: nResources = min(maxResources, floor(factor^p * minResources)) with p = i, or with aggressive
 *   elimination p = max(0, i - nRequired + nPossible) (the first iterations repeat the smallest budget while
 *   candidates are eliminated); nCandidates(i + 1) = ceil(nCandidates(i) / factor).
 * `floor(log(x, f))` is Python's floating math.log(x, f) = log(x) / log(f) with glibc's log, which falls just
 * below the integer for some exact powers (log(243, 3) = 4.999999999999999, so 243 candidates with factor 3 get
 * 5 iterations, not 6). V8's Math.log rounds differently (Math.log(3) is one ulp lower), so the quotient cannot be
 * copied; instead `pyFloorLog` takes the exact integer logarithm and subtracts one for the exact powers where
 * glibc's quotient is below the integer (PY_LOG_BELOW, listed for integer factors 2..100 and powers <= 2^32; away
 * from exact powers the float never changes the floor). Regenerate the list with /usr/bin/python3:
 *   [f"{f}:{k}" for f in range(2, 101) for k in range(1, 33) if f**k <= 2**32 and math.floor(math.log(f**k, f)) != k]
 * A non-integer factor falls back to Math.log(x) / Math.log(f).
 */
import { TuneError } from '../../errors';

export type MinResources = number | 'exhaust' | 'smallest';

export interface HalvingScheduleInput {
  /** Candidates in the first iteration (grid size, or the random search's `trials`). */
  nCandidates: number;
  /** The elimination ratio: each iteration keeps ceil(n / factor) candidates and gives factor times the resource. */
  factor: number;
  minResources: MinResources;
  /** The largest resource per candidate; defaults to nSamples (the `rows` resource's 'auto'). */
  maxResources?: number;
  /** Rows of the dataset: required for the `rows` resource when maxResources is not given. */
  nSamples?: number;
  /** 'rows' (default) subsamples training rows; any other resource (epochs, folds) has base minimum 1. */
  resource?: 'rows' | 'epochs' | 'folds';
  /** CV splits: the `rows` resource's 'smallest' / 'exhaust' base is 2 * nSplits (* nClasses). Default 5. */
  nSplits?: number;
  /** Classes of a classifier's target; leave undefined for regressors. */
  nClasses?: number;
  aggressiveElimination?: boolean;
}

export interface HalvingIteration {
  nCandidates: number;
  nResources: number;
}

export interface HalvingSchedule {
  /** scikit-learn's min_resources_ (after the 'exhaust' rule). */
  minResources: number;
  /** scikit-learn's max_resources_. */
  maxResources: number;
  nRequiredIterations: number;
  nPossibleIterations: number;
  iterations: HalvingIteration[];
}

/** Exact powers f^k where CPython + glibc's math.log(f**k, f) is below k (see the header). */
const PY_LOG_BELOW = new Set(
  ('3:5 3:10 3:13 3:15 3:17 3:20 9:5 9:10 10:3 10:6 10:9 11:7 12:7 17:3 17:6 22:5 31:3 31:6 34:3 34:6 41:3 46:5 ' +
    '48:3 52:3 52:5 54:5 55:5 56:3 56:5 69:5 81:5 83:3 88:3 93:3 98:3 100:3').split(' '),
);

/** floor(math.log(x, base)) as CPython computes it on Debian (x >= 1). */
export function pyFloorLog(x: number, base: number): number {
  if (!Number.isInteger(base)) return Math.floor(Math.log(x) / Math.log(base));
  let k = 0;
  let p = base;
  while (p <= x) {
    k++;
    p *= base;
  }
  return k > 0 && base ** k === x && PY_LOG_BELOW.has(`${base}:${k}`) ? k - 1 : k;
}

function positiveInteger(v: unknown): v is number {
  return typeof v === 'number' && Number.isInteger(v) && v > 0;
}

/** Checks the factor shared by halving and Hyperband: a finite number >= 2 (scikit-learn allows > 1; we do not). */
export function checkFactor(factor: unknown, where = 'search.factor'): number {
  if (typeof factor !== 'number' || !Number.isFinite(factor) || factor < 2) {
    throw new TuneError(
      'INVALID_FACTOR',
      `${where} must be a number >= 2 (each rung keeps 1/factor of the candidates), got ${String(factor)}. ` +
        'Use 2, 3 (the usual choice) or 4.',
      { value: factor },
    );
  }
  return factor;
}

/** The base minimum that 'smallest' and 'exhaust' start from (scikit-learn's "magic factor" 2 for rows). */
export function baseMinResources(input: Pick<HalvingScheduleInput, 'resource' | 'nSplits' | 'nClasses'>): number {
  if ((input.resource ?? 'rows') !== 'rows') return 1;
  const nSplits = input.nSplits ?? 5;
  return 2 * nSplits * (input.nClasses ?? 1);
}

export function halvingSchedule(input: HalvingScheduleInput): HalvingSchedule {
  const factor = checkFactor(input.factor);
  if (!positiveInteger(input.nCandidates)) {
    throw new TuneError(
      'INVALID_HALVING',
      `The number of candidates must be a positive integer, got ${String(input.nCandidates)}. ` +
        'Give search.trials >= 1 or a non-empty grid.',
      { value: input.nCandidates },
    );
  }
  const maxResources = input.maxResources ?? input.nSamples;
  if (!positiveInteger(maxResources)) {
    throw new TuneError(
      'INVALID_MAX_RESOURCE',
      `search.maxResource must be a positive integer (default: the number of rows), got ${String(maxResources)}.`,
      { value: maxResources },
    );
  }
  const mode = input.minResources;
  let minResources: number;
  if (mode === 'smallest' || mode === 'exhaust') {
    minResources = baseMinResources(input);
  } else if (positiveInteger(mode)) {
    minResources = mode;
  } else {
    throw new TuneError(
      'INVALID_MIN_RESOURCE',
      `search.minResource must be 'smallest', 'exhaust' or a positive integer, got ${String(mode)}.`,
      { value: mode },
    );
  }
  if (minResources > maxResources) {
    throw new TuneError(
      'MIN_RESOURCE_TOO_LARGE',
      `search.minResource (${minResources}) must not exceed maxResource (${maxResources}). ` +
        (mode === 'smallest' || mode === 'exhaust'
          ? `With the 'rows' resource the smallest budget is 2 * folds * classes = ${minResources} rows: use fewer folds or more data.`
          : 'Lower minResource or raise maxResource.'),
      { minResources, maxResources },
    );
  }
  const nRequired = 1 + pyFloorLog(input.nCandidates, factor);
  if (mode === 'exhaust') {
    minResources = Math.max(minResources, Math.floor(maxResources / factor ** (nRequired - 1)));
  }
  const nPossible = 1 + pyFloorLog(Math.floor(maxResources / minResources), factor);
  const aggressive = input.aggressiveElimination === true;
  const nIterations = aggressive ? nRequired : Math.min(nPossible, nRequired);
  const iterations: HalvingIteration[] = [];
  let nCandidates = input.nCandidates;
  for (let itr = 0; itr < nIterations; itr++) {
    const power = aggressive ? Math.max(0, itr - nRequired + nPossible) : itr;
    const nResources = Math.min(Math.floor(factor ** power * minResources), maxResources);
    iterations.push({ nCandidates, nResources });
    nCandidates = Math.ceil(nCandidates / factor);
  }
  return { minResources, maxResources, nRequiredIterations: nRequired, nPossibleIterations: nPossible, iterations };
}

/**
 * HalvingRandomSearchCV's n_candidates='exhaust': floor(maxResources / minResources) first-iteration candidates,
 * with minResources from 'smallest' or a number (scikit-learn rejects 'exhaust' for both). A discrete space
 * smaller than that yields fewer (scikit-learn's ParameterSampler does the same): the caller caps it.
 */
export function exhaustCandidates(maxResources: number, minResources: number): number {
  return Math.floor(maxResources / minResources);
}
