import { describe, expect, it } from 'vitest';
import { choice, compileSpace, float, int } from '../../../src/space';
import { thrown } from '../../helpers/thrown';

/** Runs `fn`, expects a TuneError with `code`, and returns it for message checks. */
describe('int()', () => {
  it('returns normalised plain data', () => {
    expect(int(1, 30)).toEqual({ kind: 'int', low: 1, high: 30, step: 1, log: false });
    expect(int(0, 10, { step: 2 })).toEqual({ kind: 'int', low: 0, high: 10, step: 2, log: false });
    expect(int(1, 512, { log: true })).toEqual({ kind: 'int', low: 1, high: 512, step: 1, log: true });
  });

  it('rejects low > high with the rule and the values', () => {
    const e = thrown(() => int(5, 1), 'INVALID_RANGE');
    expect(e.message).toMatch(/`low <= high` must hold, got low=5, high=1/);
  });

  it('rejects non-finite and non-integer bounds', () => {
    expect(thrown(() => int(Number.NaN, 3), 'INVALID_RANGE').message).toMatch(/finite numbers, got low=NaN, high=3/);
    expect(thrown(() => int(0, Infinity), 'INVALID_RANGE').message).toMatch(/finite/);
    expect(thrown(() => int(1.5, 3), 'INVALID_RANGE').message).toMatch(/must be integers.*float\(low, high\)/);
    expect(thrown(() => int(-(2 ** 52), 2 ** 52), 'INVALID_RANGE').message).toMatch(/high - low/);
  });

  it('rejects a step that is not a positive integer', () => {
    for (const step of [0, -1, 1.5, Number.NaN]) {
      expect(thrown(() => int(0, 10, { step }), 'INVALID_STEP').message).toMatch(/`step` must be a positive integer/);
    }
  });

  it('rejects a log range starting at or below 0', () => {
    expect(thrown(() => int(0, 10, { log: true }), 'INVALID_LOG_RANGE').message).toMatch(/low >= 1.*got low=0/);
    thrown(() => int(-3, 10, { log: true }), 'INVALID_LOG_RANGE');
  });

  it('rejects step and log together, even step 1', () => {
    expect(thrown(() => int(1, 10, { log: true, step: 2 }), 'CONTRADICTORY_OPTIONS').message).toMatch(
      /`step` and `log` cannot be used together/,
    );
    thrown(() => int(1, 10, { log: true, step: 1 }), 'CONTRADICTORY_OPTIONS');
  });
});

describe('float()', () => {
  it('returns normalised plain data', () => {
    expect(float(0, 1)).toEqual({ kind: 'float', low: 0, high: 1, step: null, log: false });
    expect(float(1e-3, 1e3, { log: true })).toEqual({ kind: 'float', low: 1e-3, high: 1e3, step: null, log: true });
    expect(float(0, 1, { step: 0.25 })).toEqual({ kind: 'float', low: 0, high: 1, step: 0.25, log: false });
  });

  it('checks bounds, steps and log ranges', () => {
    expect(thrown(() => float(1, 0.5), 'INVALID_RANGE').message).toMatch(/`low <= high` must hold, got low=1, high=0.5/);
    thrown(() => float(0, Number.POSITIVE_INFINITY), 'INVALID_RANGE');
    thrown(() => float(Number.NaN, 1), 'INVALID_RANGE');
    for (const step of [0, -0.1, Number.NaN, Infinity]) {
      expect(thrown(() => float(0, 1, { step }), 'INVALID_STEP').message).toMatch(/positive finite number/);
    }
    expect(thrown(() => float(1e6, 2e6, { step: 1e-9 }), 'INVALID_STEP').message).toMatch(/too small/);
    expect(thrown(() => float(0, 1, { log: true }), 'INVALID_LOG_RANGE').message).toMatch(/low > 0.*got low=0/);
    thrown(() => float(-1, 1, { log: true }), 'INVALID_LOG_RANGE');
    thrown(() => float(0.1, 1, { log: true, step: 0.1 }), 'CONTRADICTORY_OPTIONS');
  });
});

describe('choice()', () => {
  it('keeps the listed order and copies the list', () => {
    const values: (string | number)[] = ['b', 'a', 3];
    const d = choice(values);
    values.push('late');
    expect(d).toEqual({ kind: 'choice', values: ['b', 'a', 3] });
  });

  it('rejects empty, repeated and unsupported values', () => {
    expect(thrown(() => choice([]), 'EMPTY_CHOICE').message).toMatch(/at least one value/);
    expect(thrown(() => choice([1, 2, 1]), 'DUPLICATE_CHOICE').message).toMatch(/1 is at positions 0 and 2/);
    thrown(() => choice([0, -0]), 'DUPLICATE_CHOICE');
    expect(thrown(() => choice([1, Number.NaN]), 'INVALID_SPACE_VALUE').message).toMatch(/choice\(\)\[1\].*got NaN/);
    thrown(() => choice([{} as never]), 'INVALID_SPACE_VALUE');
    thrown(() => choice([undefined as never]), 'INVALID_SPACE_VALUE');
  });
});

describe('distributions are plain data', () => {
  it('survive structuredClone and JSON and compile to the same grid', () => {
    const spec = { k: int(1, 9, { step: 4 }), a: float(0, 1, { step: 0.5 }), w: choice(['u', 'd']) };
    const cloned = structuredClone(spec);
    const json = JSON.parse(JSON.stringify(spec)) as typeof spec;
    expect(cloned).toEqual(spec);
    const points = (s: typeof spec) => {
      const c = compileSpace(s);
      return Array.from({ length: c.gridSize() }, (_, i) => c.gridAt(i));
    };
    expect(points(cloned)).toEqual(points(spec));
    expect(points(json)).toEqual(points(spec));
    expect(points(spec)).toHaveLength(3 * 3 * 2);
  });

  it('hand-written or cloned objects are validated again by compileSpace', () => {
    const bad = { kind: 'int', low: 5, high: 1, step: 1, log: false } as const;
    expect(thrown(() => compileSpace({ k: bad }), 'INVALID_RANGE').message).toMatch(
      /space\.k: `low <= high` must hold, got low=5, high=1/,
    );
    thrown(() => compileSpace({ k: { kind: 'int', low: 1, high: 9, step: 2, log: true } }), 'CONTRADICTORY_OPTIONS');
    thrown(() => compileSpace({ k: { kind: 'float', low: 0, high: 1, step: null, log: true } }), 'INVALID_LOG_RANGE');
    thrown(() => compileSpace({ k: { kind: 'choice', values: [] } }), 'EMPTY_CHOICE');
    thrown(() => compileSpace({ k: { kind: 'int', low: 1, high: 9, step: 1, log: 'yes' } as never }), 'INVALID_SPACE_VALUE');
  });
});
