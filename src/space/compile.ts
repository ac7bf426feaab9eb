/**
 * compileSpace: validates a space spec (a record or an array of records) and compiles it. Every rule is checked
 * here, including distributions that were cloned or written by hand, so later stages can trust the result.
 */
import { TuneError } from '../errors';
import type { Distribution, SpaceSpec } from './distributions';
import { createDimension, type Dimension } from './dimension';
import { checkOverlaps } from './overlap';
import { assembleSpace, type CompiledSpace } from './space';
import { createSubspace } from './subspace';
import { checkChoice, checkDistribution, checkValue, show } from './validate';

function isPlainObject(x: unknown): x is Record<string, unknown> {
  if (typeof x !== 'object' || x === null || Array.isArray(x)) return false;
  const proto = Object.getPrototypeOf(x) as unknown;
  return proto === Object.prototype || proto === null;
}

/** One entry of a record: plain array = listed values, plain object = distribution, anything else = constant. */
function toDistribution(raw: unknown, where: string): Distribution {
  if (Array.isArray(raw)) return checkChoice(raw, where);
  if (isPlainObject(raw)) return checkDistribution(raw, where);
  if (typeof raw === 'object' && raw !== null) {
    throw new TuneError(
      'INVALID_SPACE_VALUE',
      `${where}: expected a value, a list of values or a distribution (int, float, choice), ` +
        `got an instance of ${(raw as object).constructor?.name ?? 'an unknown class'}.`,
    );
  }
  if (raw === undefined) {
    throw new TuneError(
      'INVALID_SPACE_VALUE',
      `${where} is undefined: give a value, a list of values or a distribution (int, float, choice), ` +
        'or remove the name.',
    );
  }
  return { kind: 'choice', values: [checkValue(raw, where)] };
}

function compileRecord(record: unknown, where: string): Dimension[] {
  if (!isPlainObject(record)) {
    throw new TuneError(
      'INVALID_SPACE',
      `${where} must be a plain object mapping hyperparameter names to values, got ${show(record)}.`,
    );
  }
  return Object.keys(record).map((name) => {
    if (name === '__proto__') {
      throw new TuneError('INVALID_SPACE', `${where}: '__proto__' cannot be a hyperparameter name. Rename it.`);
    }
    return createDimension(name, toDistribution(record[name], `${where}.${name}`));
  });
}

/** Validates and compiles a space. Throws TuneError naming the rule broken and how to fix it. */
export function compileSpace(spec: SpaceSpec): CompiledSpace {
  const raw: unknown = spec;
  let records: Dimension[][];
  if (Array.isArray(raw)) {
    if (raw.length === 0) {
      throw new TuneError(
        'EMPTY_SPACE',
        'The space is an empty list of sub-spaces, so there is no candidate to try. ' +
          'Give at least one sub-space, e.g. [{ model: "ridge", alpha: [0.1, 1] }], or {} for a single default candidate.',
      );
    }
    records = raw.map((r: unknown, i) => compileRecord(r, `space[${i}]`));
  } else if (isPlainObject(raw)) {
    records = [compileRecord(raw, 'space')];
  } else {
    throw new TuneError(
      'INVALID_SPACE',
      'The space must be an object mapping hyperparameter names to values, or an array of such objects ' +
        `(a conditional space), got ${raw === null ? 'null' : typeof raw}.`,
    );
  }
  const subspaces = records.map(createSubspace);
  checkOverlaps(subspaces);
  return assembleSpace(subspaces);
}
