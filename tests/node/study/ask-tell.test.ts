/** createStudy(): ask-and-tell, warm start with add(), best, and misuse. */
import { describe, expect, it } from 'vitest';
import { createStudy, float, int, TrialPruned } from '../../../src/index.node';
import { thrown } from '../../helpers/thrown';

const space = { x: float(-3, 3), n: int(1, 5) };
const f = (p: Record<string, unknown>): number => (p.x as number) ** 2 + (p.n as number);

describe('createStudy()', () => {
  it('ask -> { number, params }, tell(value); trials and best follow', () => {
    const study = createStudy({ space, search: { strategy: 'tpe' }, seed: 1 });
    for (let i = 0; i < 25; i++) {
      const t = study.ask();
      expect(t.number).toBe(i);
      study.tell(t, f(t.params));
    }
    expect(study.trials).toHaveLength(25);
    expect(study.trials.every((t) => t.state === 'complete')).toBe(true);
    expect(study.best!.value).toBe(Math.min(...study.trials.map((t) => t.value)));
  });

  it('is reproducible for the same seed and the same order of asks and tells', () => {
    const run = (): string => {
      const s = createStudy({ space, search: { strategy: 'tpe', startupTrials: 3 }, seed: 7, direction: 'maximize' });
      const open = [s.ask(), s.ask()];
      for (let i = 0; i < 12; i++) {
        const t = open.shift()!;
        s.tell(t.number, -f(t.params));
        open.push(s.ask());
      }
      return JSON.stringify(s.trials.map((t) => [t.params, t.value, t.state]));
    };
    expect(run()).toBe(run());
  });

  it('tell accepts a number, an Error (failed) or a TrialPruned (pruned with its last report)', () => {
    const s = createStudy({ space, seed: 2 });
    const a = s.ask();
    const b = s.ask();
    const c = s.ask();
    const d = s.ask();
    s.tell(a.number, 1.5);
    s.tell(b, new Error('diverged'));
    c.report(0, 9);
    c.report(1, 4);
    c.report(1, 100); // the first value at a step is kept, as in Optuna
    s.tell(c, new TrialPruned());
    s.tell(d, NaN);
    const [ta, tb, tc, td] = s.trials;
    expect([ta.state, tb.state, tc.state, td.state]).toEqual(['complete', 'failed', 'pruned', 'failed']);
    expect(tb.error).toBe('diverged');
    expect(tc.value).toBe(4);
    expect(tc.intermediate).toEqual([[0, 9], [1, 4]]);
    expect(s.best!.number).toBe(0);
  });

  it('add(): earlier trials count toward the random start', () => {
    const s = createStudy({ space, search: { strategy: 'tpe', startupTrials: 2 }, seed: 3 });
    s.add({ params: { x: 0.1, n: 1 }, value: 1.01 });
    s.add({ params: { x: 2.5, n: 5 }, value: 11.25 });
    const t = s.ask();
    expect(t.number).toBe(2);
    // With 2 observations the start is over: the proposal comes from the Parzen estimators, not the random stream.
    const cold = createStudy({ space, search: { strategy: 'tpe', startupTrials: 2 }, seed: 3 });
    cold.ask();
    cold.ask();
    expect(t.params).not.toEqual(cold.ask().params);
  });

  it('misuse: unknown trial, told twice, a non-number, a study that ran out', () => {
    const s = createStudy({ space: { n: [1, 2] }, search: { strategy: 'random', trials: 2 } });
    const t = s.ask();
    thrown(() => s.tell(42, 1), 'UNKNOWN_TRIAL');
    thrown(() => s.tell(t, 'fast' as never), 'INVALID_VALUE');
    s.tell(t, 1);
    thrown(() => s.tell(t, 2), 'TRIAL_ALREADY_TOLD');
    thrown(() => t.report(0, 1), 'TRIAL_ALREADY_TOLD');
    s.ask();
    thrown(() => s.ask(), 'STUDY_EXHAUSTED');
    thrown(() => createStudy({ space, direction: 'down' as never }), 'INVALID_DIRECTION');
    thrown(() => createStudy({ space, search: { strategy: 'tpe', eiCandidates: 0 } }), 'INVALID_SEARCH');
    thrown(() => createStudy({ space, foo: 1 } as never), 'UNKNOWN_OPTION');
  });
});

describe('createStudy(): search.pruner', () => {
  // Trial i reports value i + 10 * step... at steps 0..4; minimize, so later trials are worse at every step.
  it("the median pruner stops a trial whose reports are worse than the complete trials' median at that step", () => {
    const s = createStudy({ space, search: { strategy: 'random', pruner: { kind: 'median', startupTrials: 2 } }, seed: 3 });
    const outcome: string[] = [];
    for (let i = 0; i < 4; i++) {
      const t = s.ask();
      let pruned = false;
      for (let step = 0; step < 5 && !pruned; step++) {
        t.report(step, i + 10 * step);
        pruned = t.shouldPrune();
      }
      if (pruned) s.tell(t, new TrialPruned());
      else s.tell(t, i + 40);
      outcome.push(pruned ? 'pruned' : 'complete');
    }
    // Trials 0 and 1: the startup. Trial 2's step-0 value 2 is above the median 0.5 of trials 0 and 1.
    expect(outcome).toEqual(['complete', 'complete', 'pruned', 'pruned']);
    expect(s.trials[2].state).toBe('pruned');
    expect(s.trials[2].intermediate).toEqual([[0, 2]]);
  });

  it('without a pruner, shouldPrune() stays false; a resource is refused', () => {
    const s = createStudy({ space, seed: 3 });
    const t = s.ask();
    t.report(0, 1e9);
    expect(t.shouldPrune()).toBe(false);
    const err = thrown(() => createStudy({ space, search: { strategy: 'tpe', pruner: { kind: 'median', resource: 'epochs' } } }), 'INVALID_PRUNER');
    expect(err.message).toMatch(/createStudy\(\)/);
  });
});
