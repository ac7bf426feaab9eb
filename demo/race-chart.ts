/**
 * The race chart: one best-so-far step line per strategy against the trial number (left axis: the score), and each
 * strategy's elapsed time at that trial as a dashed line (right axis: seconds). uPlot, so it runs under the CSP.
 */
import uPlot from 'uplot';
import { Chart, COLORS, axis, X_AXIS_SIZE, INTEGER_STEPS } from './charts';
import { fmtNum } from './space-syntax';

/** One racer's trials so far: score (NaN when failed) and elapsed ms since its search started, in completion order. */
export interface RaceLane {
  name: string;
  color: string;
  scores: number[];
  elapsedMs: number[];
}

export class RaceChart {
  private readonly chart: Chart;

  constructor(el: HTMLElement, private readonly lanes: RaceLane[], metric: string, private readonly greater: boolean) {
    const series: uPlot.Series[] = [{ label: 'trial', value: (_u, v) => (v == null ? '–' : String(v)) }];
    for (const lane of lanes) {
      series.push({
        label: `${lane.name}: best ${metric}`,
        stroke: lane.color,
        width: 2.5,
        paths: uPlot.paths.stepped!({ align: 1 }),
        points: { show: false },
        scale: 'score',
        value: (_u, v) => (v == null ? '–' : fmtNum(v)),
      });
    }
    for (const lane of lanes) {
      series.push({
        label: `${lane.name}: seconds`,
        stroke: lane.color,
        width: 1,
        dash: [4, 4],
        points: { show: false },
        scale: 's',
        value: (_u, v) => (v == null ? '–' : `${fmtNum(v)} s`),
      });
    }
    this.chart = new Chart(el, {
      scales: { x: { time: false }, score: {}, s: { range: (_u, _lo, hi) => [0, Math.max(0.1, hi) * 1.05] } },
      axes: [
        axis('trial number', { incrs: INTEGER_STEPS, size: X_AXIS_SIZE }),
        axis(`best ${metric} so far`, { scale: 'score', size: 56 }),
        axis('elapsed seconds (dashed)', { scale: 's', side: 1, size: 50, grid: { show: false }, stroke: COLORS.axis }),
      ],
      series,
      legend: { show: false },
      cursor: { drag: { x: false, y: false } },
    }, [[], ...lanes.map(() => []), ...lanes.map(() => [])], 0.6);
  }

  /** Redraws every lane from its arrays (called as trials arrive). */
  update(): void {
    const n = Math.max(1, ...this.lanes.map((l) => l.scores.length));
    const x = Array.from({ length: n }, (_, i) => i + 1);
    const best = this.lanes.map((l) => {
      let b: number | null = null;
      return x.map((_, i) => {
        if (i >= l.scores.length) return null;
        const s = l.scores[i];
        if (Number.isFinite(s) && (b === null || (this.greater ? s > b : s < b))) b = s;
        return b;
      });
    });
    const secs = this.lanes.map((l) => x.map((_, i) => (i < l.elapsedMs.length ? l.elapsedMs[i] / 1000 : null)));
    this.chart.plot.setData([x, ...best, ...secs] as uPlot.AlignedData);
  }

  destroy(): void {
    this.chart.destroy();
  }
}
