import type { TrialResult } from './results';

/**
 * The one error type users see for bad input and failed searches.
 * `code` is stable (tests and apps match on it); `message` states the rule that was broken and how to fix it.
 */
export class TuneError extends Error {
  override readonly name: string = 'TuneError';
  readonly code: string;
  /** Extra machine-readable context (the offending value, the path in the options, a suggestion...). */
  readonly details: Record<string, unknown> | undefined;

  constructor(code: string, message: string, details?: Record<string, unknown>) {
    super(message);
    this.code = code;
    this.details = details;
  }
}

/** What a cancelled search had finished: the trials of every candidate whose folds all reported, ranked. */
export interface PartialResult {
  trials: TrialResult[];
  scoring: string[];
}

/** Thrown when a search is cancelled through its AbortSignal; carries what finished before the abort. */
export class TuneAbortError extends Error {
  override readonly name: string = 'AbortError';
  readonly code = 'ABORTED';
  readonly partial: PartialResult;
  constructor(message: string, partial: PartialResult) {
    super(message);
    this.partial = partial;
  }
}

/** Damerau-free Levenshtein distance; used only to suggest the closest valid name in error messages. */
function editDistance(a: string, b: string): number {
  const prev = new Array<number>(b.length + 1);
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0];
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const up = prev[j];
      prev[j] = Math.min(prev[j] + 1, prev[j - 1] + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = up;
    }
  }
  return prev[b.length];
}

/** The valid name closest to `name` (case-insensitive), or undefined when nothing is reasonably close. */
export function closestName(name: string, valid: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDist = Infinity;
  const lower = name.toLowerCase();
  for (const v of valid) {
    const d = editDistance(lower, v.toLowerCase());
    if (d < bestDist) {
      bestDist = d;
      best = v;
    }
  }
  return best !== undefined && bestDist <= Math.max(2, Math.floor(name.length / 2)) ? best : undefined;
}

/** "unknown X 'foo'. Did you mean 'bar'? Valid: a, b, c." — the common shape of unknown-name errors. */
export function unknownNameError(code: string, what: string, name: string, valid: readonly string[]): TuneError {
  const suggestion = closestName(name, valid);
  const hint = suggestion ? ` Did you mean '${suggestion}'?` : '';
  return new TuneError(code, `Unknown ${what} '${name}'.${hint} Valid ${what}s: ${valid.join(', ')}.`, {
    value: name,
    suggestion,
  });
}

/** Anything thrown, as an Error (a thrown string or value becomes the message). */
export function asError(e: unknown): Error {
  return e instanceof Error ? e : new Error(String(e));
}
