/**
 * What the intermediate-values chart draws (Optuna's plot_intermediate_values), as pure data: one line per trial that
 * reported, its (step, value) points in step order, its final state and whether it stopped before the last step the
 * study saw; and which y scale suits the values (log when they are all positive and span more than two decades).
 */

export type StepState = 'complete' | 'pruned' | 'failed' | 'running';

export interface StepLine {
  trial: number;
  state: StepState;
  points: [step: number, value: number][];
  /** Stopped before the study's last step (pruned or failed part-way). */
  short: boolean;
}

export interface StepData {
  lines: StepLine[];
  /** Smallest and largest step reported, and the value range over the finite values. */
  steps: [number, number];
  values: [number, number];
}

export type YScaleChoice = 'auto' | 'linear' | 'log';

/** Lines of the trials that reported at least one finite value (trials without reports are not drawn). */
export function stepData(trials: readonly { number: number; state: StepState; intermediate: readonly (readonly [number, number])[] }[]): StepData | null {
  const lines: StepLine[] = [];
  let s0 = Infinity;
  let s1 = -Infinity;
  let v0 = Infinity;
  let v1 = -Infinity;
  for (const t of trials) {
    const points = t.intermediate.filter(([, v]) => Number.isFinite(v)).map(([s, v]) => [s, v] as [number, number]).sort((a, b) => a[0] - b[0]);
    if (points.length === 0) continue;
    for (const [s, v] of points) {
      s0 = Math.min(s0, s);
      s1 = Math.max(s1, s);
      v0 = Math.min(v0, v);
      v1 = Math.max(v1, v);
    }
    lines.push({ trial: t.number, state: t.state, points, short: false });
  }
  if (lines.length === 0) return null;
  for (const l of lines) l.short = l.points[l.points.length - 1][0] < s1;
  return { lines, steps: [s0, s1], values: [v0, v1] };
}

/** More than two decades between the smallest and the largest value (all positive): a linear axis would flatten most lines. */
export const spansDecades = (lo: number, hi: number, decades = 2): boolean => lo > 0 && hi / lo > 10 ** decades;

/**
 * The y scale to draw: 'auto' is log when the values span more than two decades; a log scale is only possible with
 * positive values (otherwise linear, and `forced` says the choice was overridden).
 */
export function yScaleFor(choice: YScaleChoice, lo: number, hi: number): { log: boolean; forced: boolean } {
  const canLog = lo > 0;
  if (choice === 'log') return { log: canLog, forced: !canLog };
  if (choice === 'linear') return { log: false, forced: false };
  return { log: spansDecades(lo, hi), forced: false };
}
