/**
 * Learning curves of one fit: the training loss per epoch (left axis) and, when the model held rows out
 * (earlyStopping), the validation score per epoch (right axis). The x axis runs to the epochs the search allowed, so
 * a trial stopped early (pruned, or early stopping) visibly ends short of the right edge.
 */
import { Chart, COLORS, PALETTE, axis, X_AXIS_SIZE, INTEGER_STEPS } from './charts';
import { fmtNum } from './space-syntax';

export class CurveChart {
  private readonly chart: Chart;

  constructor(el: HTMLElement, loss: readonly number[], validation: readonly number[] | null, maxEpochs: number) {
    const n = Math.max(maxEpochs, loss.length, 1);
    const x = Array.from({ length: n }, (_, i) => i + 1);
    const pad = (v: readonly number[]): (number | null)[] => x.map((_, i) => (i < v.length && Number.isFinite(v[i]) ? v[i] : null));
    // A fit stopped after a few epochs (pruned at the first check) has too few points for a visible line: mark them.
    const points = { show: loss.length <= 3, size: 7 };
    this.chart = new Chart(el, {
      scales: { x: { time: false, range: [1, n] }, loss: {}, val: {} },
      axes: [
        axis('epoch', { incrs: INTEGER_STEPS, size: X_AXIS_SIZE }),
        axis('training loss', { scale: 'loss', size: 56 }),
        ...(validation ? [axis('validation score', { scale: 'val', side: 1, size: 50, grid: { show: false }, stroke: COLORS.axis })] : []),
      ],
      series: [
        { label: 'epoch' },
        { label: 'training loss', stroke: COLORS.accent, width: 2, scale: 'loss', points, value: (_u, v) => (v == null ? '–' : fmtNum(v)) },
        ...(validation
          ? [{ label: 'validation score', stroke: PALETTE[1], width: 2, scale: 'val', points, value: (_u: unknown, v: number | null) => (v == null ? '–' : fmtNum(v)) }]
          : []),
      ],
      legend: { show: false },
      cursor: { drag: { x: false, y: false } },
    }, validation ? [x, pad(loss), pad(validation)] : [x, pad(loss)], 0.45);
  }

  destroy(): void {
    this.chart.destroy();
  }
}
