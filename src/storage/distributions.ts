/**
 * hyperwasm distributions (src/space) <-> Optuna's (what the journal stores), and values <-> Optuna's internal
 * representation: an int or a float is its own number (Optuna writes ints as floats: 3.0), a choice is its index.
 *
 * int(low, high, { step, log })   -> IntDistribution(low, high', step, log)    high' = the last lattice point, as Optuna
 * float(low, high, { step, log }) -> FloatDistribution(low, high', step, log)  (its decimal arithmetic on repr strings)
 * choice([...])                   -> CategoricalDistribution(choices)
 *
 * Optuna's categories hold None, bool, int, float and str only. A choice with any other value (an array such as
 * hiddenLayerSizes [128, 64], an object) is stored with EVERY choice as its JSON text ("[128, 64]", "\"auto\"",
 * written like Python's json.dumps), so Python loads and samples the study as strings; the study's system attribute
 * `hyperwasm:json_choices` lists the names of such params so hyperwasm (or a reader) decodes them with JSON.parse.
 */
import { TuneError } from '../errors';
import type { Distribution } from '../space/distributions';
import { pyDumps, pyFloatRepr, pyLoads } from './journal/pyjson';
import {
  choiceEqual,
  distributionToJson,
  isCategorical,
  isIntDistribution,
  type OptunaChoice,
  type OptunaDistribution,
} from './journal/optuna-distributions';

/** Study system attribute: the names of params whose categorical choices are JSON texts. */
export const JSON_CHOICES_ATTR = 'hyperwasm:json_choices';

const isScalar = (v: unknown): v is OptunaChoice =>
  v === null || typeof v === 'boolean' || typeof v === 'number' || typeof v === 'string';

/** True when Optuna cannot hold this choice's values as they are (they are stored as JSON texts). */
export function needsJsonChoices(d: Distribution): boolean {
  return d.kind === 'choice' && !(d.values as readonly unknown[]).every(isScalar);
}

/** Python's Decimal(str(x)) as an exact (mantissa, exponent) pair. */
function decimal(x: number): { m: bigint; e: number } {
  const s = pyFloatRepr(x);
  const [mant, expPart] = s.split('e');
  const [int, frac = ''] = mant.split('.');
  return { m: BigInt(int + frac), e: (expPart ? Number(expPart) : 0) - frac.length };
}

/** _adjust_discrete_uniform_high: the last point low + k * step <= high, in decimal arithmetic. */
export function adjustFloatHigh(low: number, high: number, step: number): number {
  const [l, h, s] = [decimal(low), decimal(high), decimal(step)];
  const e = Math.min(l.e, h.e, s.e);
  const scale = (d: { m: bigint; e: number }) => d.m * 10n ** BigInt(d.e - e);
  const [L, H, S] = [scale(l), scale(h), scale(s)];
  const r = H - L;
  if (r % S === 0n) return high;
  const v = (r / S) * S + L;
  const neg = v < 0n;
  const digits = (neg ? -v : v).toString();
  return Number(`${neg ? '-' : ''}${digits}e${e}`);
}

/** _adjust_int_uniform_high. */
export function adjustIntHigh(low: number, high: number, step: number): number {
  const r = high - low;
  return r % step === 0 ? high : Math.floor(r / step) * step + low;
}

/** The Optuna distribution of a hyperwasm one. */
export function toOptunaDistribution(d: Distribution): OptunaDistribution {
  switch (d.kind) {
    case 'int':
      return { name: 'IntDistribution', low: d.low, high: adjustIntHigh(d.low, d.high, d.step), log: d.log, step: d.step };
    case 'float':
      return {
        name: 'FloatDistribution',
        low: d.low,
        high: d.step === null ? d.high : adjustFloatHigh(d.low, d.high, d.step),
        log: d.log,
        step: d.step,
      };
    case 'choice': {
      const values = d.values as readonly unknown[];
      const json = !values.every(isScalar);
      return { name: 'CategoricalDistribution', choices: values.map((v) => (json ? pyDumps(v) : (v as OptunaChoice))) };
    }
  }
}

/** distribution_to_json of a hyperwasm distribution: the text setTrialParam takes. */
export function toOptunaJson(d: Distribution): string {
  return distributionToJson(toOptunaDistribution(d));
}

function deepEqual(a: unknown, b: unknown): boolean {
  if (isScalar(a) || isScalar(b)) return isScalar(a) && isScalar(b) && (a === b || choiceEqual(a, b));
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((x, i) => deepEqual(x, b[i]));
  }
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  return ka.length === kb.length && ka.every((k) => deepEqual((a as never)[k], (b as never)[k]));
}

/** The internal representation of a value of `d` (choice: its index). TuneError if the value is not in `d`. */
export function toInternal(d: Distribution, value: unknown, name = 'param'): number {
  if (d.kind === 'choice') {
    const i = (d.values as readonly unknown[]).findIndex((v) => deepEqual(v, value));
    if (i < 0) {
      throw new TuneError('STUDY_PARAM_NOT_IN_SPACE', `'${name}' = ${JSON.stringify(value)} is not one of its choices.`, {
        param: name,
        value,
      });
    }
    return i;
  }
  if (typeof value !== 'number' || Number.isNaN(value)) {
    throw new TuneError('STUDY_PARAM_NOT_IN_SPACE', `'${name}' = ${String(value)} is not a number.`, { param: name, value });
  }
  return value;
}

/** A value of `d` from its internal representation (to_external_repr). */
export function fromInternal(d: Distribution, internal: number): unknown {
  if (d.kind === 'choice') return d.values[Math.trunc(internal)];
  if (d.kind === 'int') return Math.trunc(internal);
  return internal;
}

/**
 * The hyperwasm distribution of an Optuna one (a study opened without its space, e.g. written by Python).
 * `jsonChoices`: the param is listed in the study's JSON_CHOICES_ATTR, so its choices are JSON texts to decode.
 */
export function fromOptunaDistribution(d: OptunaDistribution, jsonChoices = false): Distribution {
  if (isCategorical(d)) {
    const values = jsonChoices ? d.choices.map((c) => pyLoads(String(c)) as never) : [...d.choices];
    return { kind: 'choice', values };
  }
  if (isIntDistribution(d)) return { kind: 'int', low: d.low, high: d.high, step: d.step, log: d.log };
  return { kind: 'float', low: d.low, high: d.high, step: d.step, log: d.log };
}

/** Whether two distributions store the same way (the study's space agrees with the call's). */
export function sameOptunaDistribution(a: OptunaDistribution, b: OptunaDistribution): boolean {
  return distributionToJson(a) === distributionToJson(b);
}
