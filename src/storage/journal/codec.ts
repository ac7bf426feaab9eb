/**
 * Journal lines <-> records. A line is what Python's `json.dumps(record)` writes (pyjson.ts), ended by "\n".
 *
 * Reading follows JournalFileStorage.read_logs in 3.1: a line that does not parse is an error only when another line
 * follows it; a bad LAST line is taken for a write still in progress and skipped (it is read again next time).
 */
import { TuneError } from '../../errors';
import { pyDumps, pyLoads } from './pyjson';
import type { JournalRecord, WireRecord } from './ops';

/** One record as the line Python would write, without the newline. */
export function encodeRecord(record: WireRecord): string {
  return pyDumps(record);
}

/** The lines a batch of records appends ("\n"-joined, with a final "\n"), as append_logs writes them. */
export function encodeRecords(records: readonly WireRecord[]): string {
  return records.map(encodeRecord).join('\n') + '\n';
}

/** A parsed line, or undefined when it is not JSON (a partial write, or corruption). */
export function tryDecodeLine(line: string): JournalRecord | undefined {
  let v: unknown;
  try {
    v = pyLoads(line);
  } catch {
    return undefined;
  }
  return v as JournalRecord;
}

/** `lineNumber` is 1-based, as an editor shows it. */
export function corruptLine(lineNumber: number, where: string, line: string): TuneError {
  const shown = line.length > 120 ? `${line.slice(0, 120)}...` : line;
  return new TuneError(
    'JOURNAL_CORRUPT_LINE',
    `Line ${lineNumber} of the journal ${where} is not valid JSON (and is not the last line, so it is not a write in ` +
      `progress): ${JSON.stringify(shown)}. Restore the journal from a backup or remove that line.`,
    { line: lineNumber, text: shown },
  );
}

export interface DecodedText {
  records: JournalRecord[];
  /** How many lines were taken (a bad last line is not). */
  lines: number;
}

/** Every record of a journal text (a file's content, a Redis log, an export), with 3.1's partial-last-line rule. */
export function decodeText(text: string, where = '(text)'): DecodedText {
  const parts = text.split('\n');
  if (parts[parts.length - 1] === '') parts.pop();
  const records: JournalRecord[] = [];
  for (let i = 0; i < parts.length; i++) {
    const r = tryDecodeLine(parts[i]);
    if (r === undefined) {
      if (i === parts.length - 1) break;
      throw corruptLine(i + 1, where, parts[i]);
    }
    records.push(r);
  }
  return { records, lines: records.length };
}
