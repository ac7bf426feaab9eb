/**
 * Shared pieces of the tune() contract tests: an API whose platform counts spawned workers (so a test can prove
 * nothing started), tiny hand-checkable data sets, and an RFC 4180 CSV reader independent of the writer under test.
 */
import { expect } from 'vitest';
import { makeApi } from '../../../src/api';
import { nodePlatform } from '../../../src/platform/node';
import type { Platform } from '../../../src/platform/types';
import { TuneError } from '../../../src/errors';
import type { TuneResult } from '../../../src/results';
import { loadDataset } from '../../helpers/fixtures';

/** tune/createPool bound to the Node platform, with a count of every worker any pool of this API spawned. */
export function countingApi() {
  let spawned = 0;
  const platform: Platform = {
    ...nodePlatform,
    spawn(options) {
      spawned++;
      return nodePlatform.spawn(options);
    },
  };
  const api = makeApi(platform);
  return {
    tune: api.tune,
    createPool: api.createPool,
    spawned: () => spawned,
  };
}

export const iris = loadDataset('iris');

/**
 * Two well separated groups on a line: rows 0..n/2-1 near 0 (class 0), the rest near 100 (class 1). Any KNN with
 * k below the group size classifies every held-out row right.
 */
export function twoGroups(n: number): { X: number[][]; y: number[] } {
  const X: number[][] = [];
  const y: number[] = [];
  for (let i = 0; i < n; i++) {
    const g = i < n / 2 ? 0 : 1;
    X.push([g * 100 + (i % 7) * 0.5, (i % 3) * 0.25]);
    y.push(g);
  }
  return { X, y };
}

/** Rejection of `run` as a TuneError with `code` (and a message matching `message`), or a failed expectation. */
export async function rejection(run: () => Promise<unknown>, code: string, message?: RegExp): Promise<TuneError> {
  let error: unknown = null;
  try {
    await run();
  } catch (e) {
    error = e;
  }
  expect(error, `expected a TuneError ${code}`).toBeInstanceOf(TuneError);
  const te = error as TuneError;
  expect(te.code, te.message).toBe(code);
  if (message) expect(te.message).toMatch(message);
  return te;
}

/** Parses RFC 4180 CSV: quoted cells may hold commas, quotes ("") and line breaks. */
export function parseCsvCells(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(cell);
      cell = '';
    } else if (ch === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else cell += ch;
  }
  if (cell !== '' || row.length > 0) {
    row.push(cell);
    rows.push(row);
  }
  return rows;
}

/** The result as JSON data without what legitimately differs between runs: timings and the worker count. */
export function withoutTimings(result: TuneResult): unknown {
  const json = result.toJSON() as unknown as Record<string, unknown>;
  const { elapsedMs: _e, workers: _w, ...rest } = json;
  return {
    ...rest,
    // Timing facts (fit/score times, when and on which worker each task ran) legitimately differ between runs.
    trials: result.toJSON().trials.map(({ fitMs: _f, scoreMs: _s, startedAt: _a, finishedAt: _b, worker: _k, spans: _p, ...t }) => t),
  };
}
