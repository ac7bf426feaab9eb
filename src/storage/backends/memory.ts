/**
 * A journal held in memory (browsers, tests): the same lines a journal file would hold, exportable with toJournal()
 * and loadable from such a text (e.g. a journal file written by Python Optuna or by hyperwasm in Node).
 */
import type { JournalBackend } from '../backend';
import { decodeText, encodeRecord } from '../journal/codec';
import type { JournalRecord, WireRecord } from '../journal/ops';
import { pyLoads } from '../journal/pyjson';

export class MemoryJournalBackend implements JournalBackend {
  private readonly lines: string[] = [];
  private readonly records: JournalRecord[] = [];

  /**
   * A backend holding the records of `text` (a journal file's content). A corrupt line throws TuneError
   * JOURNAL_CORRUPT_LINE naming it; a partial last line is dropped, as Optuna's reader skips it.
   */
  static fromJournal(text: string): MemoryJournalBackend {
    const b = new MemoryJournalBackend();
    const parts = text.split('\n');
    const { records } = decodeText(text, '(loaded text)');
    for (let i = 0; i < records.length; i++) {
      b.lines.push(parts[i]);
      b.records.push(records[i]);
    }
    return b;
  }

  readLogs(logNumberFrom: number): Promise<JournalRecord[]> {
    return Promise.resolve(this.records.slice(logNumberFrom).map((r) => structuredClone(r)));
  }

  appendLogs(records: readonly WireRecord[]): Promise<void> {
    for (const r of records) {
      const line = encodeRecord(r);
      this.lines.push(line);
      this.records.push(pyLoads(line) as JournalRecord);
    }
    return Promise.resolve();
  }

  /** The journal as a file holds it: one JSON line per op, each ended by "\n" (empty string when empty). */
  toJournal(): string {
    return this.lines.map((l) => `${l}\n`).join('');
  }

  get length(): number {
    return this.records.length;
  }
}
