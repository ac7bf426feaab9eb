/** splitRun: one worker call's span divided among the tasks it ran in order. */
import { describe, expect, it } from 'vitest';
import { splitRun } from '../../../src/pool/task-run';

describe('splitRun', () => {
  const run = { worker: 3, startedAt: 100, finishedAt: 110 };

  it('keeps a single task as it is', () => {
    expect(splitRun(run, [4], 1)).toEqual([run]);
  });

  it('divides in proportion to in-worker times, contiguous and ending exactly at the call end', () => {
    const parts = splitRun(run, [1, 3, 1], 3);
    expect(parts.map((p) => p.worker)).toEqual([3, 3, 3]);
    expect(parts[0].startedAt).toBe(100);
    expect(parts[0].finishedAt).toBeCloseTo(102, 12);
    expect(parts[1].startedAt).toBe(parts[0].finishedAt);
    expect(parts[1].finishedAt).toBeCloseTo(108, 12);
    expect(parts[2].startedAt).toBe(parts[1].finishedAt);
    expect(parts[2].finishedAt).toBe(110);
  });

  it('divides evenly when times are missing, of the wrong length or all zero', () => {
    for (const work of [null, [1, 2], [0, 0, 0, 0]]) {
      const n = 4;
      const parts = splitRun(run, work, n);
      expect(parts.map((p) => p.finishedAt - p.startedAt).map((d) => Math.round(d * 1e9) / 1e9)).toEqual([2.5, 2.5, 2.5, 2.5]);
    }
  });
});
