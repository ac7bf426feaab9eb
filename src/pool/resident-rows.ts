import type { Matrix } from '../types';
import type { FeatureInput } from '../data/normalize';

/**
 * Rows a pool keeps between searches, so a search on rows equal to an earlier one's neither copies them on the main
 * thread nor sends them to workers that still hold them (an app that re-tunes the same data, the demo, the bench).
 * Pure bookkeeping: the pool sends the messages.
 *
 * An entry is in use while a search runs on it; idle entries are kept, most recently used first, up to
 * KEEP_IDLE_ENTRIES and KEEP_IDLE_BYTES, and dropped beyond that (the pool then tells the workers to free them).
 */
export const KEEP_IDLE_ENTRIES = 2;
export const KEEP_IDLE_BYTES = 256 * 2 ** 20;

export interface RowsEntry {
  id: string;
  /** The pool's own copy (validated, finite). Never handed to callers to mutate. */
  matrix: Matrix;
  users: number;
  lastUsed: number;
}

/**
 * True when `input` (any form tune() accepts for data.X) holds exactly the values of `m`, in the same shape.
 * No allocation; stops at the first difference. NaN never matches (the kept rows are finite).
 */
export function sameRows(input: FeatureInput, m: Matrix): boolean {
  if (input === null || typeof input !== 'object') return false;
  const v = m.values;
  if ('values' in input && !('length' in input)) {
    const { values, rows, cols } = input;
    if (rows !== m.rows || cols !== m.cols || !values || values.length !== v.length) return false;
    for (let i = 0; i < v.length; i++) if (values[i] !== v[i]) return false;
    return true;
  }
  const X = input as ArrayLike<ArrayLike<number>>;
  if (X.length !== m.rows) return false;
  for (let r = 0; r < m.rows; r++) {
    const row = X[r];
    if (!row || typeof row !== 'object' || row.length !== m.cols) return false;
    const base = r * m.cols;
    for (let c = 0; c < m.cols; c++) if (row[c] !== v[base + c]) return false;
  }
  return true;
}

export class ResidentRows {
  private readonly entries = new Map<string, RowsEntry>();
  private clock = 0;
  private counter = 0;

  /** The entry whose rows equal `input`, if any. */
  find(input: FeatureInput): RowsEntry | null {
    for (const e of this.entries.values()) if (sameRows(input, e.matrix)) return e;
    return null;
  }

  /** A fresh id for rows not kept yet. */
  newId(): string {
    return `rows${++this.counter}`;
  }

  /** Marks rows in use by a search, keeping them from now on (`matrix` is the pool's copy when they are new). */
  acquire(id: string, matrix: Matrix): void {
    let e = this.entries.get(id);
    if (!e) this.entries.set(id, (e = { id, matrix, users: 0, lastUsed: 0 }));
    e.users++;
    e.lastUsed = ++this.clock;
  }

  /** A search on these rows ended. Returns the ids no longer kept (see trim). */
  release(id: string): string[] {
    const e = this.entries.get(id);
    if (e) {
      e.users = Math.max(0, e.users - 1);
      e.lastUsed = ++this.clock;
    }
    return this.trim();
  }

  /**
   * Drops idle entries beyond the bounds, least recently used first; `reserveBytes` asks for that much room under
   * KEEP_IDLE_BYTES on top (a large dataset about to load). Returns the dropped ids.
   */
  trim(reserveBytes = 0): string[] {
    const idle = [...this.entries.values()].filter((e) => e.users === 0).sort((a, b) => b.lastUsed - a.lastUsed);
    const dropped: string[] = [];
    let bytes = reserveBytes;
    idle.forEach((e, i) => {
      bytes += e.matrix.values.byteLength;
      if (i >= KEEP_IDLE_ENTRIES || bytes > KEEP_IDLE_BYTES) {
        this.entries.delete(e.id);
        dropped.push(e.id);
      }
    });
    return dropped;
  }

  /** Forgets every entry (the workers are gone); returns their ids. */
  clear(): string[] {
    const ids = [...this.entries.keys()];
    this.entries.clear();
    return ids;
  }

  get size(): number {
    return this.entries.size;
  }
}
