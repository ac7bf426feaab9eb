/**
 * Optuna's inter-process locks for a journal file (optuna/storages/_journal/file.py), so Node and Python writers
 * exclude each other on one file, also on NFS:
 * - symlink lock (JournalFileSymlinkLock, the default): acquired by creating the symlink `<file>.lock` -> `<file>`;
 * - open lock (JournalFileOpenLock): acquired by creating `<file>.lock` with O_CREAT | O_EXCL.
 * Both retry while the lock exists, sleeping 1 ms doubling up to 1 s, and release by renaming the lock to
 * `<file>.lock<uuid4>.rename` and unlinking that (so a release never removes a lock someone else took since).
 *
 * Stale locks: 3.1 waits forever on a lock its holder died with. We add a grace period (default 30 s, the default
 * later Optuna versions adopted): a lock whose inode and mtime have not changed for that long is broken by the same
 * rename-and-unlink, which only one breaker can win. `gracePeriodMs: null` restores 3.1's behaviour.
 */
import { promises as fs } from 'node:fs';
import { TuneError } from '../../errors';
import { uuid4 } from '../uuid';

export const LOCK_FILE_SUFFIX = '.lock';
export const RENAME_FILE_SUFFIX = '.rename';

export type LockKind = 'symlink' | 'open';

export interface FileLockOptions {
  /** Break a lock unchanged for this long (ms); null: wait forever as Optuna 3.1. Default 30 000. */
  gracePeriodMs?: number | null;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const code = (e: unknown) => (e as NodeJS.ErrnoException).code;

export class JournalFileLock {
  readonly lockFile: string;
  private readonly renameFile: string;
  private readonly gracePeriodMs: number | null;

  constructor(
    readonly targetFile: string,
    readonly kind: LockKind = 'symlink',
    options: FileLockOptions = {},
  ) {
    this.lockFile = targetFile + LOCK_FILE_SUFFIX;
    this.renameFile = this.lockFile + uuid4() + RENAME_FILE_SUFFIX;
    this.gracePeriodMs = options.gracePeriodMs === undefined ? 30_000 : options.gracePeriodMs;
  }

  private async tryCreate(): Promise<boolean> {
    try {
      if (this.kind === 'symlink') await fs.symlink(this.targetFile, this.lockFile);
      else await (await fs.open(this.lockFile, 'wx')).close();
      return true;
    } catch (e) {
      if (code(e) === 'EEXIST') return false;
      throw new TuneError('STORAGE_IO', `Cannot create the lock ${this.lockFile}: ${(e as Error).message}.`, {
        path: this.lockFile,
        errno: code(e),
      });
    }
  }

  async acquire(): Promise<void> {
    let sleepMs = 1;
    let seen: { id: string; since: number } | null = null;
    for (;;) {
      if (await this.tryCreate()) return;
      if (this.gracePeriodMs !== null) {
        const st = await fs.lstat(this.lockFile).catch(() => null);
        if (st !== null) {
          const id = `${st.ino}:${st.mtimeMs}`;
          const t = Date.now();
          if (seen === null || seen.id !== id) seen = { id, since: t };
          else if (t - seen.since > this.gracePeriodMs) {
            await this.breakStale();
            seen = null;
            sleepMs = 1;
            continue;
          }
        }
      }
      await sleep(sleepMs);
      sleepMs = Math.min(sleepMs * 2, 1000);
    }
  }

  /** Removes a lock left by a dead holder; a no-op when another process released or broke it first. */
  private async breakStale(): Promise<void> {
    const tmp = this.lockFile + uuid4() + RENAME_FILE_SUFFIX;
    try {
      await fs.rename(this.lockFile, tmp);
    } catch {
      return;
    }
    console.warn(`hyperwasm: removed the stale journal lock ${this.lockFile} (unchanged for ${this.gracePeriodMs} ms).`);
    await fs.unlink(tmp).catch(() => undefined);
  }

  async release(): Promise<void> {
    try {
      await fs.rename(this.lockFile, this.renameFile);
    } catch {
      throw new TuneError('STORAGE_LOCK_LOST', `Did not possess the journal lock ${this.lockFile} on release.`, {
        path: this.lockFile,
      });
    }
    await fs.unlink(this.renameFile);
  }
}
