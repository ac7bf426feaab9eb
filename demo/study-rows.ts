/**
 * optimize()'s trials (StudyTrial) as the charts written for tune() read them: PlotRows for the history, parameter
 * and parallel-coordinates charts, ContourTrials for the contour, and the best trial's number. Only complete trials
 * carry a score: a pruned trial's value is a step's report, not comparable with final values (Optuna's plots leave
 * them out too).
 */
import type { StudyTrial } from '../src/index';
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
