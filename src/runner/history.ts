/** Warm-start history (search.history) as the loop's records: scores become values to minimise. */
import type { HistoryTrial, TrialRecord } from '../search/index';

/**
 * `greaterIsBetter`: the ranking metric's direction (tune()) or direction === 'maximize' (optimize()); the value
 * of each record is what the strategies minimise. A trial without a finite value, or marked failed, is 'failed'.
 */
export function historyRecords(history: readonly HistoryTrial[] | undefined, greaterIsBetter: boolean): Omit<TrialRecord, 'number'>[] {
  return (history ?? []).map((h) => {
    const raw = h.value ?? h.score ?? h.meanScore;
    const failed = h.state === 'failed' || h.status === 'failed' || typeof raw !== 'number' || !Number.isFinite(raw);
    const pruned = h.state === 'pruned' || h.status === 'pruned';
    const v = failed ? NaN : greaterIsBetter ? -(raw as number) : (raw as number);
    return { params: { ...h.params }, value: v, state: failed ? 'failed' : pruned ? 'pruned' : 'complete' };
  });
}
