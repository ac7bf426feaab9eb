import { describe, it, expect } from 'vitest';
import { optimize, float, int, TuneError } from '../../../src/index.node';
import { compileObjective, parseObjectiveSpace, spaceText } from '../../../demo/objective-expr';

/** The objective panel's expression and ranges, run through the real optimize() (and its median pruner). */
describe('demo objective expressions', () => {
  it('reads ranges, log ranges, and refuses bad ones with a TuneError', () => {
    const s = parseObjectiveSpace('x: -5..5, lr: 1e-3..10 log');
    expect(s).toEqual({ x: float(-5, 5), lr: float(1e-3, 10, { log: true }) });
    expect(s.lr).toMatchObject({ low: 1e-3, high: 10, log: true });
    const code = (text: string): string => {
      try {
        parseObjectiveSpace(text);
      } catch (e) {
        expect(e).toBeInstanceOf(TuneError);
        return `${(e as TuneError).code}: ${(e as Error).message}`;
      }
      return 'accepted';
    };
    expect(code('x: 5..1')).toContain('the low bound must be below the high one');
    expect(code('x: 0..1 log')).toContain('positive low bound');
    expect(code('step: 1..3')).toContain('is the step of a stepped objective');
    expect(code('x: 1..2, x: 3..4')).toContain('given twice');
    expect(code('x = 1')).toMatch(/^OBJECTIVE_SPACE: .*name: low\.\.high/);
    expect(code('')).toContain('at least one variable');
  });

  it('writes a space of float ranges back as the text it parses from', () => {
    const text = 'x: -5..5, lr: 0.001..10 log, w: 1e-7..2e-7';
    expect(spaceText(parseObjectiveSpace(text))).toBe('x: -5..5, lr: 0.001..10 log, w: 1e-7..2e-7');
    expect(parseObjectiveSpace(spaceText(parseObjectiveSpace(text))!)).toEqual(parseObjectiveSpace(text));
    expect(spaceText({ x: float(0, 1), k: int(1, 5) })).toBeNull();
    expect(spaceText({ x: float(0, 1, { step: 0.5 }) })).toBeNull();
  });

  it('evaluates a plain expression once per trial and refuses one that does not parse', async () => {
    const space = parseObjectiveSpace('x: -5..5');
    const c = compileObjective('(x - 2)^2', space, 10);
    expect(c.stepped).toBe(false);
    const res = await optimize(c.objective, { space, search: { strategy: 'random', trials: 8 }, seed: 3 });
    for (const t of res.trials) {
      expect(t.value).toBeCloseTo(((t.params.x as number) - 2) ** 2, 12);
      expect(t.intermediate).toEqual([]);
    }
    expect(() => compileObjective('(x - 2', space, 10)).toThrow(/f does not parse: .*Parenthesis/);
  });

  it('reports steps 1..N of a stepped expression, and the median pruner cuts bad trials short', async () => {
    const space = parseObjectiveSpace('x: -5..5, y: -5..5');
    const c = compileObjective('((x - 2)^2 + (y + 1)^2) * (1 + 10 / step)', space, 12);
    expect(c.stepped).toBe(true);
    const res = await optimize(c.objective, { space, search: { strategy: 'tpe', trials: 30, pruner: 'median' }, seed: 1 });
    const complete = res.trials.filter((t) => t.state === 'complete');
    const pruned = res.trials.filter((t) => t.state === 'pruned');
    expect(pruned.length).toBeGreaterThan(0);
    for (const t of complete) {
      expect(t.intermediate.map(([s]) => s)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
      const { x, y } = t.params as { x: number; y: number };
      expect(t.value).toBeCloseTo(((x - 2) ** 2 + (y + 1) ** 2) * (1 + 10 / 12), 10);
    }
    for (const t of pruned) {
      expect(t.intermediate.length).toBeLessThan(12);
      expect(t.value).toBe(t.intermediate.at(-1)![1]); // a pruned trial's value is its last report
    }
    // Without a pruner nothing is cut: every trial reports all 12 steps.
    const free = await optimize(c.objective, { space, search: { strategy: 'tpe', trials: 12 }, seed: 1 });
    expect(free.trials.every((t) => t.state === 'complete' && t.intermediate.length === 12)).toBe(true);
  });

  it('fails a trial whose value is not finite, and refuses a step count out of range', async () => {
    const space = parseObjectiveSpace('x: -1..1');
    const c = compileObjective('log(x) + step', space, 3);
    const res = await optimize(c.objective, { space, search: { strategy: 'random', trials: 10 }, seed: 2 });
    const failed = res.trials.filter((t) => t.state === 'failed');
    expect(failed.length).toBeGreaterThan(0);
    for (const t of failed) expect(t.error).toMatch(/is not a finite number/);
    expect(() => compileObjective('x * step', space, 0)).toThrow(/steps must be a whole number from 1 to 500/);
    expect(() => compileObjective('x * step', space, 2.5)).toThrow(TuneError);
  });
});
