/** The journal file backend alone: incremental reads, Optuna's bad-line rule, lock files, unreachable paths. */
import { appendFileSync, existsSync, mkdtempSync, readdirSync, rmSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FileJournalBackend } from '../../../src/storage/backends/file';
import { JournalFileLock } from '../../../src/storage/backends/file-lock';
import { openJournalBackend } from '../../../src/storage/open';

const dir = mkdtempSync(join(tmpdir(), 'hyperwasm-file-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const line = (n: number) => `{"op_code": 0, "worker_id": "w", "study_name": "s${n}", "directions": [1]}\n`;

describe('journal file backend', () => {
  it('reads only new lines, skips a partial last line until it is complete, and names a corrupt line', async () => {
    const path = join(dir, 'read.log');
    const b = await FileJournalBackend.open(path);
    expect(existsSync(path)).toBe(true);
    appendFileSync(path, line(0) + line(1));
    expect((await b.readLogs(0)).map((r) => r.study_name)).toEqual(['s0', 's1']);
    appendFileSync(path, '{"op_code": 0, "worker_id": "w", "study_na');
    expect(await b.readLogs(2)).toEqual([]);
    appendFileSync(path, 'me": "s2", "directions": [1]}\n');
    expect((await b.readLogs(2)).map((r) => r.study_name)).toEqual(['s2']);
    appendFileSync(path, 'garbage\n' + line(4));
    const e = await b.readLogs(3).catch((x: unknown) => x);
    expect(e).toMatchObject({ code: 'JOURNAL_CORRUPT_LINE', details: { line: 4 } });
  });

  it('appends under the symlink lock and leaves no lock or rename file', async () => {
    const path = join(dir, 'append.log');
    const b = await FileJournalBackend.open(path);
    await Promise.all([0, 1, 2, 3].map((i) => b.appendLogs([{ op_code: 0, worker_id: `w${i}` }])));
    expect((await b.readLogs(0)).map((r) => r.worker_id).sort()).toEqual(['w0', 'w1', 'w2', 'w3']);
    expect(readdirSync(dir).filter((f) => f.startsWith('append.log.'))).toEqual([]);
  });

  it("breaks a dead holder's lock after the grace period (Optuna 3.1 would wait forever)", async () => {
    for (const kind of ['symlink', 'open'] as const) {
      const path = join(dir, `stale-${kind}.log`);
      writeFileSync(path, '');
      if (kind === 'symlink') symlinkSync(path, `${path}.lock`);
      else writeFileSync(`${path}.lock`, '');
      const lock = new JournalFileLock(path, kind, { gracePeriodMs: 50 });
      await lock.acquire();
      expect(existsSync(`${path}.lock`)).toBe(true);
      await lock.release();
      expect(existsSync(`${path}.lock`)).toBe(false);
    }
  });

  it('waits for a live lock (its mtime keeps changing) instead of breaking it', async () => {
    const path = join(dir, 'live.log');
    writeFileSync(path, '');
    writeFileSync(`${path}.lock`, '');
    const lock = new JournalFileLock(path, 'open', { gracePeriodMs: 200 });
    let got = false;
    const p = lock.acquire().then(() => (got = true));
    for (let i = 0; i < 8; i++) {
      await new Promise((r) => setTimeout(r, 60));
      const t = new Date(Date.now() + i * 1000);
      utimesSync(`${path}.lock`, t, t);
    }
    expect(got).toBe(false);
    rmSync(`${path}.lock`);
    await p;
    await lock.release();
  });

  it('a path in a missing folder or an unknown scheme is a TuneError, and nothing is created', async () => {
    await expect(openJournalBackend(join(dir, 'no/such/dir/j.log'))).rejects.toMatchObject({ code: 'STORAGE_UNREACHABLE' });
    await expect(openJournalBackend('mysql://x/y')).rejects.toMatchObject({ code: 'STORAGE_URL_INVALID' });
    expect(existsSync(join(dir, 'no'))).toBe(false);
  });
});
