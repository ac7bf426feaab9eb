import { describe, it, expect } from 'vitest';
import { createStudy, float, JournalStorage, MemoryJournalBackend, optimize } from '../../../src/index.node';
import { optunaDatetime, restampTrials } from '../../../demo/journal-times';
import { datetimeMs, readJournal } from '../../../demo/journal-read';

/** Saved journals carry when each trial really ran (hyperwasm stamps the moment it wrote the line). */
describe('demo journal times', () => {
  it("writes Optuna's local naive datetimes with microseconds", () => {
    const ms = new Date(2026, 11, 1, 21, 5, 7, 123).getTime() + 0.456;
    expect(optunaDatetime(ms)).toBe('2026-12-01T21:05:07.123456');
    expect(optunaDatetime(new Date(2026, 0, 2, 3, 4, 5, 0).getTime())).toBe('2026-01-02T03:04:05.000000');
    expect(datetimeMs(optunaDatetime(ms + 2.5)) - datetimeMs(optunaDatetime(ms))).toBeCloseTo(2.5, 3);
  });

  it("stamps each finished trial's line in log order and leaves every other byte alone", async () => {
    const space = { x: float(0, 1) };
    const study = createStudy({ space, direction: 'maximize' });
    for (const x of [0.1, 0.5, 0.9]) study.add({ params: { x }, value: x });
    study.add({ params: { x: 0.3 }, state: 'failed' });
    const text = await study.toJournal('s');
    const times = [{ startedAt: 0, finishedAt: 40 }, { startedAt: 10, finishedAt: 25.5 }, { startedAt: 30, finishedAt: 90 }, { startedAt: NaN, finishedAt: NaN }];
    const origin = new Date(2026, 11, 1, 12, 0, 0).getTime();
    const stamped = restampTrials(text, times, origin);
    const strip = (t: string): string => t.replace(/"datetime_(start|complete)": "[^"]*"/g, '"datetime_$1": "T"');
    expect(strip(stamped)).toBe(strip(text));
    expect(stamped.split('\n').filter((l) => l.includes('"datetime_start": "2026-12-01T12:00:00.000000"'))).toHaveLength(1);
    const got = await readJournal(stamped, space);
    expect(got.trials.map((t) => t.params.x)).toEqual([0.1, 0.5, 0.9, 0.3]);
    expect(got.trials.slice(0, 3).map((t) => [t.startedAt, t.finishedAt])).toEqual([[0, 40], [10, 25.5], [30, 90]]);
    expect(got.trials.slice(0, 3).map((t) => t.durationMs)).toEqual([40, 15.5, 60]);
    // The failed trial had no times to give: it keeps the moment it was written.
    expect(got.trials[3].state).toBe('failed');
    expect(Number.isFinite(got.trials[3].startedAt)).toBe(true);
  });

  it('stamps a journal optimize() recorded with the run\'s own trial times', async () => {
    const space = { x: float(-1, 1) };
    const backend = new MemoryJournalBackend();
    const seen: { startedAt: number; finishedAt: number }[] = [];
    const res = await optimize(async (p) => { await new Promise((r) => setTimeout(r, 3)); return (p.x as number) ** 2; }, {
      space, search: { strategy: 'random', trials: 5 }, seed: 1, study: { name: 'o', storage: new JournalStorage(backend) },
      onTrial: (t) => seen.push(t),
    });
    const got = await readJournal(restampTrials(backend.toJournal(), seen, Date.now() - res.elapsedMs), space);
    got.trials.forEach((t, i) => {
      expect(t.durationMs).toBeCloseTo(res.trials[i].durationMs, 2);
      expect(t.durationMs).toBeGreaterThanOrEqual(2);
      expect(t.startedAt - got.trials[0].startedAt).toBeCloseTo(res.trials[i].startedAt - res.trials[0].startedAt, 2);
    });
  });
});
