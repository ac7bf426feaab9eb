/**
 * optimize()'s trials (StudyTrial) as the charts written for tune() read them: PlotRows for the history, parameter
 * and parallel-coordinates charts, ContourTrials for the contour, the best trial's number, and whole TrialResult rows
 * for the trials table (a loaded journal in the model search's panel). Only complete trials carry a score: a pruned
 * trial's value is a step's report, not comparable with final values (Optuna's plots leave them out too).
 */
import type { StudyTrial, TrialResult } from '../src/index';
import type { PlotRow } from './charts';
import type { ContourTrial } from './contour-bins';

export type StudyLike = Pick<StudyTrial, 'number' | 'params' | 'value' | 'state'>;

export const studyRow = (t: StudyLike): PlotRow => ({
  index: t.number,
  params: t.params,
  meanScore: t.state === 'complete' ? t.value : NaN,
  status: t.state === 'complete' ? 'ok' : t.state === 'pruned' ? 'pruned' : 'failed',
});

export const studyContourRow = (t: StudyLike): ContourTrial => ({ params: t.params, value: t.value, complete: t.state === 'complete' && Number.isFinite(t.value) });

/** The complete trial with the best value (lowest number among ties), or null. */
export function bestNumber(trials: readonly StudyLike[], direction: 'minimize' | 'maximize'): number | null {
  let best: StudyLike | null = null;
  for (const t of trials) {
    if (t.state !== 'complete' || !Number.isFinite(t.value)) continue;
    if (!best || (direction === 'minimize' ? t.value < best.value : t.value > best.value)) best = t;
  }
  return best ? best.number : null;
}

/**
 * Trials of a journal as the model search's table rows. What a journal does not hold (per-fold scores, fit times,
 * which worker ran it) is NaN or empty. Ranks as tune()'s: 1 = best complete value, ties share the lower rank, every
 * pruned or failed trial after the complete ones.
 */
export function journalRows(trials: readonly StudyTrial[], direction: 'minimize' | 'maximize'): TrialResult[] {
  const complete = trials.filter((t) => t.state === 'complete' && Number.isFinite(t.value)).map((t) => t.value);
  const better = (a: number, b: number): boolean => (direction === 'minimize' ? a < b : a > b);
  return trials.map((t) => {
    const row = studyRow(t);
    const ok = row.status === 'ok' && Number.isFinite(t.value);
    return {
      ...row,
      stdScore: NaN,
      foldScores: [],
      rank: ok ? 1 + complete.filter((v) => better(v, t.value)).length : complete.length + 1,
      metrics: {},
      fitMs: NaN,
      scoreMs: NaN,
      error: t.error,
      startedAt: t.startedAt,
      finishedAt: t.finishedAt,
      worker: t.worker ?? -1,
      spans: [],
    };
  });
}
