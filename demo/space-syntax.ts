import { int, float, choice, type Distribution, type Value, type HyperparameterSchema, type ModelInfo } from '../src/index';

/**
 * The demo's one-line syntax for a numeric hyperparameter's search range:
 *   "1..30"            integers 1 to 30          "1..30 step 2"  every 2nd integer
 *   "1e-4..1e4 log"    continuous, log scale (random search only)
 *   "1e-4..1e4 log 9"  9 log-spaced values       "0.1..0.9 step 0.2"  stepped floats
 *   "1, 2, 5"          listed values ("true"/"false" are booleans)
 * An empty field leaves the hyperparameter at its default. Returns null for empty, throws on nonsense.
 */
export function parseRange(text: string, integer: boolean): Distribution | Value[] | null {
  const t = text.trim();
  if (t === '') return null;
  const range = /^(-?[\d.e+-]+)\s*\.\.\s*(-?[\d.e+-]+)(?:\s+(log)(?:\s+(\d+))?|\s+step\s+([\d.e+-]+))?$/i.exec(t);
  if (range) {
    const low = Number(range[1]);
    const high = Number(range[2]);
    if (!Number.isFinite(low) || !Number.isFinite(high)) throw new Error(`"${t}": the bounds must be numbers`);
    if (low > high) throw new Error(`"${t}": the low bound must not exceed the high one`);
    if (range[3] && range[4]) {
      const n = Number(range[4]);
      if (n < 2) throw new Error(`"${t}": give at least 2 log-spaced values`);
      if (low <= 0) throw new Error(`"${t}": a log scale needs a positive low bound`);
      const values = Array.from({ length: n }, (_, i) => Number((low * Math.pow(high / low, i / (n - 1))).toPrecision(3)));
      return choice([...new Set(integer ? values.map(Math.round) : values)]);
    }
    const step = range[5] !== undefined ? Number(range[5]) : undefined;
    if (step !== undefined && !(step > 0)) throw new Error(`"${t}": the step must be positive`);
    if (integer) {
      if (!Number.isInteger(low) || !Number.isInteger(high)) throw new Error(`"${t}": this hyperparameter takes integers`);
      return int(low, high, { step, log: range[3] ? true : undefined });
    }
    return float(low, high, { step, log: range[3] ? true : undefined });
  }
  if (/\.\./.test(t)) throw new Error(`"${t}": write a range as low..high, optionally followed by "log", "log 9" or "step 2"`);
  const items = t.split(',').map((s) => s.trim()).filter((s) => s.length > 0);
  const values = items.map((s) => (s === 'true' ? true : s === 'false' ? false : s === 'null' ? null : Number(s)));
  const bad = items.find((s, i) => typeof values[i] === 'number' && !Number.isFinite(values[i] as number));
  if (bad !== undefined) throw new Error(`"${bad}" is not a number; list numbers separated by commas, or write a range like 1..30`);
  if (integer && values.some((v) => typeof v === 'number' && !Number.isInteger(v))) {
    throw new Error(`"${t}": this hyperparameter takes integers`);
  }
  return [...new Set(values)];
}

/**
 * The syntax of a list-valued hyperparameter (an MLP's hiddenLayerSizes): the candidate lists separated by commas,
 * "[64], [128, 64]" -> [[64], [128, 64]]. Each list holds positive integers. Empty: the default. Throws on nonsense.
 */
export function parseLayers(text: string): Value[] | null {
  return parseArrayList(text, {
    check: (n) => Number.isInteger(n) && n >= 1,
    example: '[64], [128, 64]',
    what: 'a layer list holds positive integers (neurons per hidden layer), e.g. [128, 64]',
    nullable: false,
  });
}

/**
 * The syntax of a hyperparameter whose value is an array of numbers (gaussian-nb's priors): candidates separated by
 * commas, each a bracketed list of numbers >= 0 or (when the schema allows it) null:
 * "null, [0.2, 0.3, 0.5]" -> [null, [0.2, 0.3, 0.5]]. Whether the lengths and sums fit the data is tune()'s check
 * (its TuneError names the classes). Empty: the default. Throws on nonsense.
 */
export function parseNumberArrays(text: string, nullable: boolean): Value[] | null {
  return parseArrayList(text, {
    check: (n) => Number.isFinite(n) && n >= 0,
    example: nullable ? 'null, [0.2, 0.3, 0.5]' : '[0.2, 0.3, 0.5]',
    what: 'an array holds numbers >= 0, e.g. [0.2, 0.3, 0.5]',
    nullable,
  });
}

interface ArrayListSyntax {
  check: (n: number) => boolean;
  example: string;
  what: string;
  nullable: boolean;
}

function parseArrayList(text: string, syntax: ArrayListSyntax): Value[] | null {
  const t = text.trim();
  if (t === '') return null;
  const lists: Value[] = [];
  const re = syntax.nullable ? /(?:\[([^\]]*)\]|(null))\s*(,|$)/y : /\[([^\]]*)\]()\s*(,|$)/y;
  let at = 0;
  while (at < t.length) {
    re.lastIndex = at;
    const m = re.exec(t);
    if (!m) throw new Error(`"${t}": write the candidates in brackets, e.g. ${syntax.example}`);
    if (m[2] === 'null') {
      lists.push(null);
    } else {
      const values = m[1].split(',').map((x) => x.trim()).filter((x) => x !== '').map(Number);
      if (values.length === 0 || values.some((n) => !syntax.check(n))) throw new Error(`"[${m[1]}]": ${syntax.what}`);
      lists.push(values);
    }
    at = re.lastIndex;
    while (t[at] === ' ') at++;
  }
  const seen = new Set<string>();
  return lists.filter((l) => !seen.has(JSON.stringify(l)) && seen.add(JSON.stringify(l)));
}

/** Sensible starting ranges per model (what a first search would try); names missing from a model are ignored. */
const DEFAULT_RANGES: Record<string, Record<string, string>> = {
  'knn-classifier': { nNeighbors: '1..30', weights: 'uniform, distance', p: '1, 2' },
  'knn-regressor': { nNeighbors: '1..30', weights: 'uniform, distance', p: '1, 2' },
  kmeans: { nClusters: '2..10' },
  'linear-regression': { fitIntercept: 'true, false' },
  ridge: { alpha: '1e-4..1e3 log 15' },
  lasso: { alpha: '1e-4..10 log 12' },
  'elastic-net': { alpha: '1e-4..10 log 8', l1Ratio: '0.1, 0.5, 0.9' },
  'logistic-regression': { C: '1e-3..1e3 log 13' },
  'sgd-classifier': { alpha: '1e-6..1e-1 log 6', loss: 'log_loss, hinge' },
  'sgd-regressor': { alpha: '1e-6..1e-1 log 6', learningRate: 'invscaling, adaptive' },
  'gaussian-nb': { varSmoothing: '1e-11..1e-1 log 11' },
  'gaussian-mixture': { nComponents: '1..8', covarianceType: 'full, diag' },
  'decision-tree-classifier': { maxDepth: '1, 2, 3, 4, 6, 8, null', criterion: 'gini, entropy' },
  'decision-tree-regressor': { maxDepth: '1, 2, 3, 4, 6, 8, null', minSamplesLeaf: '1, 5, 10' },
  'random-forest-classifier': { nEstimators: '10, 30, 100', maxDepth: '3, 6, null' },
  'random-forest-regressor': { nEstimators: '10, 30, 100', maxDepth: '3, 6, null' },
  // Small networks and few epochs so a search stays quick in a tab; hiddenLayerSizes lists whole architectures.
  'mlp-classifier': { hiddenLayerSizes: '[16], [64], [32, 16]', alpha: '1e-5..1e-1 log 5', learningRateInit: '1e-3, 1e-2', maxIter: '100' },
  'mlp-regressor': { hiddenLayerSizes: '[16], [64], [32, 16]', alpha: '1e-5..1e-1 log 5', learningRateInit: '1e-3, 1e-2', maxIter: '100' },
  svc: { C: '1e-2..1e3 log 6', gamma: '1e-3..1 log 4' },
  svr: { C: '1e-1..1e3 log 5', epsilon: '0.01, 0.1, 1' },
};

/**
 * The starting value of each hyperparameter's editor: the curated range when there is one (list values the model does
 * not accept are dropped), else, for a model this page has never heard of, a range around the default of its first
 * numeric hyperparameter, so any registered model gets a search that does something.
 */
export function defaultRanges(model: ModelInfo): Record<string, string> {
  const out: Record<string, string> = {};
  const curated = DEFAULT_RANGES[model.id];
  if (curated) {
    for (const [name, text] of Object.entries(curated)) {
      const schema = model.hyperparameters[name];
      if (!schema) continue;
      if (schema.type === 'enum' || schema.type === 'bool') {
        const allowed = schema.type === 'bool' ? [true, false] : schema.values;
        const kept = splitList(text).filter((v) => allowed.includes(v as never));
        if (kept.length > 0) out[name] = kept.map(String).join(', ');
      } else out[name] = text;
    }
    return out;
  }
  for (const [name, schema] of Object.entries(model.hyperparameters)) {
    const range = genericRange(schema);
    if (range) {
      out[name] = range;
      break;
    }
  }
  return out;
}

function genericRange(s: HyperparameterSchema): string | null {
  if (s.type === 'int') {
    const low = Math.max(s.min ?? 1, 1, Math.floor(s.default / 4));
    const high = Math.min(s.max ?? Infinity, Math.max(low + 1, s.default * 4));
    return low < high ? `${low}..${high}${high - low > 40 ? ' log 8' : ''}` : null;
  }
  if (s.type === 'float' && typeof s.default === 'number' && s.default > 0) {
    const low = Math.max(s.min ?? 0, s.default / 100);
    const high = Math.min(s.max ?? Infinity, s.default * 100);
    return low > 0 && low < high ? `${fmtNum(low)}..${fmtNum(high)} log 9` : null;
  }
  return null;
}

/** "a, b, true" -> ['a', 'b', true] (how list values of categorical hyperparameters are written). */
export function splitList(text: string): Value[] {
  return text
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '')
    .map((s) => (s === 'true' ? true : s === 'false' ? false : s === 'null' ? null : Number.isFinite(Number(s)) ? Number(s) : s));
}

/** Number of values a dimension enumerates in a grid (Infinity for a continuous range). */
export function gridSize(d: Distribution | Value[]): number {
  if (Array.isArray(d)) return d.length;
  switch (d.kind) {
    case 'choice':
      return d.values.length;
    case 'int':
      return Math.floor((d.high - d.low) / d.step) + 1;
    case 'float':
      return d.step === null ? Infinity : Math.floor((d.high - d.low) / d.step + 1e-9) + 1;
  }
}

/** Array.isArray that also narrows readonly arrays (a Value may be one: hiddenLayerSizes [128, 64]). */
const isList = (x: unknown): x is readonly unknown[] => Array.isArray(x);

/** The same dimension as TypeScript, for the "this search in code" snippet. */
export function toCode(d: Distribution | Value[] | Value): string {
  if (isList(d)) return JSON.stringify(d).replace(/,/g, ', ').replace(/"/g, "'");
  if (d === null || typeof d !== 'object') return typeof d === 'string' ? `'${d}'` : String(d);
  switch (d.kind) {
    case 'choice':
      return toCode([...d.values]);
    case 'int':
      return `int(${d.low}, ${d.high}${d.log ? ', { log: true }' : d.step !== 1 ? `, { step: ${d.step} }` : ''})`;
    case 'float':
      return `float(${d.low}, ${d.high}${d.log ? ', { log: true }' : d.step !== null ? `, { step: ${d.step} }` : ''})`;
  }
}

export function fmtNum(v: number): string {
  if (Number.isInteger(v) && Math.abs(v) < 1e6) return String(v);
  const a = Math.abs(v);
  if (a !== 0 && (a < 1e-3 || a >= 1e6)) return v.toExponential(2).replace(/\.?0+e/, 'e');
  return String(Number(v.toPrecision(4)));
}
