/**
 * A journal file (Node), as Optuna 3.1's JournalFileStorage: appends happen under the file lock (file-lock.ts), in
 * one write of whole "\n"-ended lines followed by fsync; reads are incremental, from the byte offset of the first
 * unread line (offsets of lines already read are remembered), with 3.1's rule for a bad line: an error when a line
 * follows it, skipped (and read again next time) when it is the last.
 */
import { promises as fs } from 'node:fs';
import { TuneError } from '../../errors';
import type { JournalBackend } from '../backend';
import { corruptLine, encodeRecords, tryDecodeLine } from '../journal/codec';
import type { JournalRecord, WireRecord } from '../journal/ops';
import { JournalFileLock, type FileLockOptions, type LockKind } from './file-lock';

export interface FileBackendOptions extends FileLockOptions {
  /** 'symlink' (Optuna's default, NFSv2+) or 'open' (O_EXCL, NFSv3+, also where symlinks need privileges). */
  lock?: LockKind;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

export class FileJournalBackend implements JournalBackend {
  readonly lock: JournalFileLock;
  /** Byte offset where log number k starts, for the lines read so far (log number 0 at 0). */
  private readonly offsets = new Map<number, number>([[0, 0]]);

  private constructor(
    readonly path: string,
    options: FileBackendOptions,
  ) {
    this.lock = new JournalFileLock(path, options.lock ?? 'symlink', options);
  }

  /** Opens (creating when absent, like Optuna) the journal at `path`. TuneError STORAGE_UNREACHABLE if it cannot. */
  static async open(path: string, options: FileBackendOptions = {}): Promise<FileJournalBackend> {
    try {
      await (await fs.open(path, 'a')).close();
    } catch (e) {
      throw new TuneError(
        'STORAGE_UNREACHABLE',
        `Cannot open the journal file '${path}': ${(e as Error).message}. Check that its folder exists and is writable.`,
        { path, errno: (e as NodeJS.ErrnoException).code },
      );
    }
    return new FileJournalBackend(path, options);
  }

  async readLogs(logNumberFrom: number): Promise<JournalRecord[]> {
    const start = this.offsets.has(logNumberFrom) ? logNumberFrom : 0;
    const startByte = this.offsets.get(start)!;
    const fh = await fs.open(this.path, 'r');
    let buf: Buffer;
    try {
      const size = (await fh.stat()).size;
      buf = Buffer.alloc(Math.max(0, size - startByte));
      let got = 0;
      while (got < buf.length) {
        const { bytesRead } = await fh.read(buf, got, buf.length - got, startByte + got);
        if (bytesRead === 0) break;
        got += bytesRead;
      }
      buf = buf.subarray(0, got);
    } finally {
      await fh.close();
    }

    const records: JournalRecord[] = [];
    let pending: { n: number; text: string } | null = null;
    let pos = 0;
    for (let n = start; pos < buf.length; n++) {
      if (pending !== null) throw corruptLine(pending.n + 1, `'${this.path}'`, pending.text);
      const nl = buf.indexOf(0x0a, pos);
      const end = nl < 0 ? buf.length : nl + 1;
      const bytes = buf.subarray(pos, end);
      pos = end;
      // An unterminated last line may be a write in progress: it is taken if it parses, but not remembered as read.
      if (nl >= 0 && !this.offsets.has(n + 1)) this.offsets.set(n + 1, this.offsets.get(n)! + bytes.length);
      if (n < logNumberFrom) continue;
      let text: string;
      let record: JournalRecord | undefined;
      try {
        text = utf8.decode(bytes);
        record = tryDecodeLine(text);
      } catch {
        text = bytes.toString('latin1');
      }
      if (record === undefined) {
        pending = { n, text: text.replace(/\n$/, '') };
        this.offsets.delete(n + 1);
      } else records.push(record);
    }
    return records;
  }

  async appendLogs(records: readonly WireRecord[]): Promise<void> {
    const bytes = Buffer.from(encodeRecords(records), 'utf8');
    await this.lock.acquire();
    try {
      const fh = await fs.open(this.path, 'a');
      try {
        // One write call: a writer killed mid-append leaves whole lines or none.
        await fh.write(bytes, 0, bytes.length);
        await fh.sync();
      } finally {
        await fh.close();
      }
    } finally {
      await this.lock.release();
    }
  }
}
