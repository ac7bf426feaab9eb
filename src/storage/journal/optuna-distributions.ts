/**
 * Optuna's distributions as the journal carries them (optuna/distributions.py): distribution_to_json /
 * json_to_distribution (the full `{"name", "attributes"}` form and the abbreviated `{"type": ...}` form), the
 * internal <-> external representation, and check_distribution_compatibility. The deprecated classes (Uniform...,
 * IntUniform...) are read and written under their own names, as 3.1 still does.
 */
import { TuneError } from '../../errors';
import { pyFloat } from './pyjson';
import { pyDumps, pyLoads } from './pyjson';

export type OptunaChoice = null | boolean | number | string;

export type FloatDistributionName =
  | 'FloatDistribution'
  | 'UniformDistribution'
  | 'LogUniformDistribution'
  | 'DiscreteUniformDistribution';
export type IntDistributionName = 'IntDistribution' | 'IntUniformDistribution' | 'IntLogUniformDistribution';

export interface OptunaFloat {
  readonly name: FloatDistributionName;
  readonly low: number;
  readonly high: number;
  readonly log: boolean;
  readonly step: number | null;
}
export interface OptunaInt {
  readonly name: IntDistributionName;
  readonly low: number;
  readonly high: number;
  readonly log: boolean;
  readonly step: number;
}
export interface OptunaCategorical {
  readonly name: 'CategoricalDistribution';
  readonly choices: readonly OptunaChoice[];
}
export type OptunaDistribution = OptunaFloat | OptunaInt | OptunaCategorical;

function bad(json: string, why: string): TuneError {
  return new TuneError('JOURNAL_BAD_DISTRIBUTION', `The distribution ${json} cannot be read: ${why}.`, { json });
}

const num = (v: unknown, json: string, key: string): number => {
  if (typeof v !== 'number') throw bad(json, `'${key}' must be a number`);
  return v;
};

/** json_to_distribution. */
export function parseDistribution(json: string): OptunaDistribution {
  let d: Record<string, unknown>;
  try {
    d = pyLoads(json) as Record<string, unknown>;
  } catch {
    throw bad(json, 'not JSON');
  }
  if (d === null || typeof d !== 'object') throw bad(json, 'not an object');
  if ('name' in d) {
    const a = (d.attributes ?? {}) as Record<string, unknown>;
    const name = d.name;
    switch (name) {
      case 'FloatDistribution':
        return {
          name,
          low: num(a.low, json, 'low'),
          high: num(a.high, json, 'high'),
          log: a.log === true,
          step: a.step === null || a.step === undefined ? null : num(a.step, json, 'step'),
        };
      case 'UniformDistribution':
        return { name, low: num(a.low, json, 'low'), high: num(a.high, json, 'high'), log: false, step: null };
      case 'LogUniformDistribution':
        return { name, low: num(a.low, json, 'low'), high: num(a.high, json, 'high'), log: true, step: null };
      case 'DiscreteUniformDistribution':
        return { name, low: num(a.low, json, 'low'), high: num(a.high, json, 'high'), log: false, step: num(a.q, json, 'q') };
      case 'IntDistribution':
      case 'IntUniformDistribution':
      case 'IntLogUniformDistribution':
        return {
          name,
          low: num(a.low, json, 'low'),
          high: num(a.high, json, 'high'),
          log: name === 'IntLogUniformDistribution' || a.log === true,
          step: a.step === undefined ? 1 : num(a.step, json, 'step'),
        };
      case 'CategoricalDistribution':
        if (!Array.isArray(a.choices) || a.choices.length === 0) throw bad(json, "'choices' must be a non-empty list");
        return { name, choices: a.choices as OptunaChoice[] };
      default:
        throw bad(json, `unknown distribution class ${JSON.stringify(name)}`);
    }
  }
  if (d.type === 'categorical') {
    if (!Array.isArray(d.choices) || d.choices.length === 0) throw bad(json, "'choices' must be a non-empty list");
    return { name: 'CategoricalDistribution', choices: d.choices as OptunaChoice[] };
  }
  if (d.type === 'float' || d.type === 'int') {
    const low = num(d.low, json, 'low');
    const high = num(d.high, json, 'high');
    const log = d.log === true;
    if (d.type === 'float') {
      const step = d.step === null || d.step === undefined ? null : num(d.step, json, 'step');
      return { name: 'FloatDistribution', low, high, log, step };
    }
    return { name: 'IntDistribution', low, high, log, step: d.step === undefined || d.step === null ? 1 : num(d.step, json, 'step') };
  }
  throw bad(json, `unknown distribution type ${JSON.stringify(d.type)}`);
}

/**
 * distribution_to_json: json.dumps({"name": cls.__name__, "attributes": dist._asdict()}), attributes in the order
 * the Python constructor assigns them (Float: step, low, high, log; Int: log, step, low, high), floats as floats.
 */
export function distributionToJson(d: OptunaDistribution): string {
  const f = (x: number) => pyFloat(x);
  let attributes: Record<string, unknown>;
  switch (d.name) {
    case 'FloatDistribution':
      attributes = { step: d.step === null ? null : f(d.step), low: f(d.low), high: f(d.high), log: d.log };
      break;
    case 'UniformDistribution':
    case 'LogUniformDistribution':
      attributes = { low: f(d.low), high: f(d.high) };
      break;
    case 'DiscreteUniformDistribution':
      attributes = { low: f(d.low), high: f(d.high), q: f(d.step ?? 0) };
      break;
    case 'IntDistribution':
      attributes = { log: d.log, step: d.step, low: d.low, high: d.high };
      break;
    case 'IntUniformDistribution':
    case 'IntLogUniformDistribution':
      attributes = { step: d.step, low: d.low, high: d.high };
      break;
    case 'CategoricalDistribution':
      attributes = { choices: [...d.choices] };
      break;
  }
  return pyDumps({ name: d.name, attributes });
}

export function isCategorical(d: OptunaDistribution): d is OptunaCategorical {
  return d.name === 'CategoricalDistribution';
}

export function isIntDistribution(d: OptunaDistribution): d is OptunaInt {
  return d.name === 'IntDistribution' || d.name === 'IntUniformDistribution' || d.name === 'IntLogUniformDistribution';
}

/** to_external_repr: ints truncated (Python's int()), categories by index, floats as they are. */
export function toExternal(d: OptunaDistribution, internal: number): OptunaChoice {
  if (isCategorical(d)) return d.choices[Math.trunc(internal)];
  if (isIntDistribution(d)) return Math.trunc(internal);
  return internal;
}

/** _categorical_choice_equal: == with NaN equal to NaN (Python's 1 == 1.0 == True also holds). */
export function choiceEqual(a: OptunaChoice, b: OptunaChoice): boolean {
  const n = (v: OptunaChoice) => (typeof v === 'boolean' ? Number(v) : v);
  const x = n(a);
  const y = n(b);
  return x === y || (typeof x === 'number' && typeof y === 'number' && Number.isNaN(x) && Number.isNaN(y));
}

/** check_distribution_compatibility: the reason two distributions of one param name clash, or null. */
export function incompatibility(old: OptunaDistribution, neu: OptunaDistribution): string | null {
  if (old.name !== neu.name) return 'Cannot set different distribution kind to the same parameter name.';
  if (!isCategorical(old) && !isCategorical(neu) && old.log !== neu.log) {
    return 'Cannot set different log configuration to the same parameter name.';
  }
  if (isCategorical(old) && isCategorical(neu)) {
    const same = old.choices.length === neu.choices.length && old.choices.every((c, i) => choiceEqual(c, neu.choices[i]));
    if (!same) return 'CategoricalDistribution does not support dynamic value space.';
  }
  return null;
}
