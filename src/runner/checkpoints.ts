/**
 * The training states an epochs-resource search (halving, Hyperband) keeps between rungs, so a promoted SGD / MLP
 * candidate continues from its previous rung's weights instead of retraining (TrainContext.checkpoint).
 *
 * Keyed by (candidate, fold slot); a state is handed out once (take) and a candidate's states are dropped when it
 * leaves the search. Bounded: a state that would take the kept bytes over `maxBytes` is not kept, and that fit
 * retrains from scratch at the next rung. Because a continued fit equals a fresh one (the trainers' contract), what
 * is kept changes only the time, never a result, so the bound cannot break same-seed determinism.
 *
 * Pure: no I/O, no threads.
 */

/** Default bound on kept states (an MLP's weights with adam's two moments, per candidate and fold). */
export const DEFAULT_CHECKPOINT_BYTES = 256 * 1024 * 1024;

export class CheckpointStore {
  private readonly states = new Map<string, { value: unknown; bytes: number }>();
  private kept = 0;

  constructor(private readonly maxBytes: number = DEFAULT_CHECKPOINT_BYTES) {}

  /** Bytes held now. */
  get bytes(): number {
    return this.kept;
  }

  /** Keeps the state of (candidate, slot), replacing an older one; false when it does not fit in the bound. */
  put(candidate: number, slot: number, value: unknown): boolean {
    this.take(candidate, slot);
    const bytes = approxBytes(value);
    if (this.kept + bytes > this.maxBytes) return false;
    this.states.set(`${candidate}:${slot}`, { value, bytes });
    this.kept += bytes;
    return true;
  }

  /** The state of (candidate, slot), removed from the store; null when none was kept. */
  take(candidate: number, slot: number): unknown {
    const key = `${candidate}:${slot}`;
    const s = this.states.get(key);
    if (!s) return null;
    this.states.delete(key);
    this.kept -= s.bytes;
    return s.value;
  }

  /** Drops every state of a candidate (it was eliminated or finished). */
  drop(candidate: number, slots: number): void {
    for (let slot = 0; slot < slots; slot++) this.take(candidate, slot);
  }
}

/** Bytes of plain data: typed arrays by their length, numbers and other scalars 8, containers summed. */
export function approxBytes(value: unknown): number {
  if (ArrayBuffer.isView(value)) return value.byteLength;
  if (Array.isArray(value)) return value.reduce((a: number, v) => a + approxBytes(v), 16);
  if (value !== null && typeof value === 'object') {
    let sum = 16;
    for (const v of Object.values(value)) sum += approxBytes(v);
    return sum;
  }
  return 8;
}
