import { describe, expect, it } from 'vitest';
import { compileSpace, float, int, type SpaceSpec } from '../../../src/space';
import { thrown } from '../../helpers/thrown';

describe('compileSpace validation', () => {
  it('rejects a spec that is not a record or an array of records', () => {
    for (const spec of [null, 3, 'knn', undefined, new Map()]) {
      expect(thrown(() => compileSpace(spec as unknown as SpaceSpec), 'INVALID_SPACE').message).toMatch(
        /must be an object mapping hyperparameter names/,
      );
    }
    expect(thrown(() => compileSpace([{ a: 1 }, 7] as unknown as SpaceSpec), 'INVALID_SPACE').message).toMatch(
      /space\[1\] must be a plain object/,
    );
  });

  it('rejects an empty list of sub-spaces but accepts an empty record as one candidate', () => {
    expect(thrown(() => compileSpace([]), 'EMPTY_SPACE').message).toMatch(/at least one sub-space/);
    const s = compileSpace({});
    expect(s.gridSize()).toBe(1);
    expect(s.gridAt(0)).toEqual({});
    expect(s.discrete).toBe(true);
    expect(s.names()).toEqual([]);
  });

  it('rejects values that are neither constants, lists nor distributions', () => {
    const cases: [unknown, RegExp][] = [
      [undefined, /space\.a is undefined/],
      [Number.NaN, /space\.a: values must be finite.*got NaN/],
      [Infinity, /got Infinity/],
      [{}, /must be a distribution made by int\(\), float\(\) or choice\(\).*got kind=undefined/],
      [{ kind: 'normal', mean: 0 }, /got kind="normal"/],
      [new Date(0), /an instance of Date/],
      [[[[1]]], /space\.a\[0\]\[0\]: values must be/], // arrays are values, but they do not nest
      [() => 1, /got a function/],
    ];
    for (const [value, pattern] of cases) {
      expect(thrown(() => compileSpace({ a: value } as unknown as SpaceSpec), 'INVALID_SPACE_VALUE').message).toMatch(pattern);
    }
  });

  it('checks plain arrays like choice()', () => {
    expect(thrown(() => compileSpace({ w: [] }), 'EMPTY_CHOICE').message).toMatch(/space\.w: a choice needs at least one value/);
    thrown(() => compileSpace({ w: ['a', 'a'] }), 'DUPLICATE_CHOICE');
  });

  it('rejects __proto__ as a name (it would not become a key of the candidate)', () => {
    const spec = JSON.parse('{"__proto__": [1, 2]}') as SpaceSpec;
    thrown(() => compileSpace(spec), 'INVALID_SPACE');
  });

  it('names the sub-space in messages of conditional spaces', () => {
    expect(thrown(() => compileSpace([{ a: 1 }, { k: { kind: 'int', low: 3, high: 2, step: 1, log: false } }]), 'INVALID_RANGE').message).toMatch(
      /^space\[1\]\.k: `low <= high` must hold, got low=3, high=2/,
    );
  });

  it('rejects sub-spaces that share a candidate, naming it', () => {
    const e = thrown(() => compileSpace([{ a: [1, 2], m: 'x' }, { m: 'x', a: [2, 3] }]), 'OVERLAPPING_SUBSPACES');
    expect(e.message).toMatch(/space\[0\] and space\[1\] both contain the candidate \{ a: 2, m: "x" \}/);
    expect(e.details).toEqual({ subspaces: [0, 1], params: { a: 2, m: 'x' } });
    thrown(() => compileSpace([{}, {}]), 'OVERLAPPING_SUBSPACES');
    thrown(() => compileSpace([{ a: 1 }, { a: int(0, 5) }]), 'OVERLAPPING_SUBSPACES');
    thrown(() => compileSpace([{ a: int(0, 1_000_000) }, { a: int(500_000, 2_000_000) }]), 'OVERLAPPING_SUBSPACES');
    thrown(() => compileSpace([{ a: float(0, 1, { step: 0.1 }) }, { a: [0.3] }]), 'OVERLAPPING_SUBSPACES');
    thrown(() => compileSpace([{ a: ['x', 5, 1] }, { a: int(0, 3) }]), 'OVERLAPPING_SUBSPACES');
  });

  it('accepts sub-spaces that are disjoint in at least one name, or differ in names', () => {
    expect(compileSpace([{ a: int(0, 100, { step: 2 }) }, { a: int(1, 101, { step: 2 }) }]).gridSize()).toBe(102);
    expect(compileSpace([{ m: 'x', a: [1, 2] }, { m: 'y', a: [1, 2] }]).gridSize()).toBe(4);
    expect(compileSpace([{ a: 1 }, { a: 1, b: 2 }]).gridSize()).toBe(2);
    // Continuous sub-spaces are not compared: their draws practically never coincide.
    expect(compileSpace([{ a: float(0, 1) }, { a: float(0, 1) }]).discrete).toBe(false);
  });

  it('lists names in order of first appearance', () => {
    const s = compileSpace([
      { model: 'knn', nNeighbors: int(1, 3) },
      { model: 'lr', C: float(1e-3, 1e3, { log: true }), penalty: ['l1', 'l2'] },
    ]);
    expect(s.names()).toEqual(['model', 'nNeighbors', 'C', 'penalty']);
  });

  it('sorts dimensions by name in each sub-space', () => {
    const s = compileSpace({ b: 1, C: 2, a: 3 });
    expect(s.subspaces[0].dimensions.map((d) => d.name)).toEqual(['C', 'a', 'b']);
    expect(s.subspaces[0].names).toEqual(['b', 'C', 'a']);
  });
});
