/**
 * The contour over two hyperparameters (Optuna's plot_contour as a heatmap): the cells of demo/contour-bins (one per
 * category, or bins of a numeric range), each coloured by the best score of the complete trials in it (viridis:
 * yellow = best), its value written in when there is room. Ticks are in hyperparameter units (bin edges between
 * cells). The element gets data-x-ticks / data-y-ticks (the tick labels, " | "-separated), data-cells ("12x2") and
 * data-filled (cells with a trial) so the picture can be checked without reading pixels.
 */
import uPlot from 'uplot';
import { Chart, X_AXIS_SIZE, axis, categoricalScale, viridis } from './charts';
import { fmtNum } from './space-syntax';
import { axisTicks, binTrials, cellCount, cellLabel, type ContourAxis, type ContourGrid, type ContourTrial } from './contour-bins';

/** A uPlot axis whose ticks are the contour axis's, thinned so labels do not overlap (`room`: px a label needs). */
function tickAxis(a: ContourAxis, vertical: boolean, extra: Partial<uPlot.Axis>): uPlot.Axis {
  const ticks = axisTicks(a);
  return axis(a.name, {
    grid: { show: false },
    splits: () => ticks.map((t) => t.at),
    values: (u, splits) => {
      const span = (vertical ? u.bbox.height : u.bbox.width) / devicePixelRatio;
      const every = Math.max(1, Math.ceil((vertical ? 18 : 48) / Math.max(1, span / ticks.length)));
      return splits.map((_, k) => (k % every === 0 ? ticks[k].label : ''));
    },
    ...extra,
  });
}

export class ContourChart {
  private readonly chart: Chart;
  private grid: ContourGrid;
  private readonly tip: HTMLDivElement;

  constructor(
    private readonly el: HTMLElement,
    private readonly xAxis: ContourAxis,
    private readonly yAxis: ContourAxis,
    private readonly metric: string,
    private readonly greater: boolean,
    private readonly onRange: (worst: number, best: number) => void,
  ) {
    const nx = cellCount(xAxis);
    const ny = cellCount(yAxis);
    this.grid = binTrials(xAxis, yAxis, [], greater);
    el.dataset.cells = `${nx}x${ny}`;
    el.dataset.xTicks = axisTicks(xAxis).map((t) => t.label).join(' | ');
    el.dataset.yTicks = axisTicks(yAxis).map((t) => t.label).join(' | ');
    el.dataset.xAxis = xAxis.kind;
    el.dataset.yAxis = yAxis.kind;
    el.setAttribute('aria-label', `Best ${metric} over ${xAxis.name} (across) and ${yAxis.name} (down), ${nx} by ${ny} cells`);
    this.chart = new Chart(el, {
      scales: { x: categoricalScale(nx), y: categoricalScale(ny) },
      axes: [tickAxis(xAxis, false, { size: X_AXIS_SIZE }), tickAxis(yAxis, true, { size: 64 })],
      series: [{}, { scale: 'y', paths: () => null, points: { show: false } }],
      legend: { show: false },
      cursor: { x: false, y: false, points: { show: false }, drag: { x: false, y: false } },
      hooks: {
        draw: [(u) => this.paint(u)],
        setCursor: [(u) => this.hover(u)],
      },
    }, [Array.from({ length: nx }, (_, i) => i), new Array<null>(nx).fill(null)], Math.min(0.9, Math.max(0.4, (ny / nx) * 0.8)));
    this.tip = document.createElement('div');
    this.tip.className = 'chart-tip';
    this.tip.hidden = true;
    this.chart.plot.over.append(this.tip);
  }

  update(trials: readonly ContourTrial[]): void {
    this.grid = binTrials(this.xAxis, this.yAxis, trials, this.greater);
    this.el.dataset.filled = String(this.grid.cells.flat().filter((c) => c !== null).length);
    if (Number.isFinite(this.grid.best)) this.onRange(this.grid.worst, this.grid.best);
    this.chart.plot.redraw(false, false);
  }

  /** 0 = worst cell seen, 1 = best. */
  private goodness(v: number): number {
    const { worst, best } = this.grid;
    return best !== worst ? (v - worst) / (best - worst) : 1;
  }

  private paint(u: uPlot): void {
    const { ctx } = u;
    const nx = cellCount(this.xAxis);
    const ny = cellCount(this.yAxis);
    const w = u.bbox.width / nx;
    const h = u.bbox.height / ny;
    ctx.save();
    ctx.textAlign = 'center';
    ctx.textBaseline = 'middle';
    ctx.font = `${Math.round(11 * devicePixelRatio)}px system-ui, sans-serif`;
    for (let yi = 0; yi < ny; yi++) {
      for (let xi = 0; xi < nx; xi++) {
        const cx = u.valToPos(xi, 'x', true);
        const cy = u.valToPos(yi, 'y', true);
        const c = this.grid.cells[yi][xi];
        if (!c) {
          ctx.fillStyle = '#f1f3f5';
          ctx.fillRect(cx - w / 2 + 1, cy - h / 2 + 1, w - 2, h - 2);
          continue;
        }
        const g = this.goodness(c.best);
        const [r, gg, b] = viridis(g);
        ctx.fillStyle = `rgb(${r | 0}, ${gg | 0}, ${b | 0})`;
        ctx.fillRect(cx - w / 2 + 1, cy - h / 2 + 1, w - 2, h - 2);
        if (w > 34 * devicePixelRatio && h > 16 * devicePixelRatio) {
          ctx.fillStyle = g > 0.6 ? '#111' : '#fff';
          ctx.fillText(c.best.toFixed(Math.abs(c.best) >= 100 ? 0 : 3), cx, cy);
        }
      }
    }
    ctx.restore();
  }

  private hover(u: uPlot): void {
    const { left, top } = u.cursor;
    if (left == null || top == null || left < 0) {
      this.tip.hidden = true;
      return;
    }
    const xi = Math.round(u.posToVal(left, 'x'));
    const yi = Math.round(u.posToVal(top, 'y'));
    if (xi < 0 || yi < 0 || xi >= cellCount(this.xAxis) || yi >= cellCount(this.yAxis)) {
      this.tip.hidden = true;
      return;
    }
    const c = this.grid.cells[yi][xi];
    this.tip.textContent = `${cellLabel(this.xAxis, xi)}, ${cellLabel(this.yAxis, yi)}: ` +
      (c ? `best ${this.metric} ${fmtNum(c.best)} of ${c.count} trial${c.count === 1 ? '' : 's'} (mean ${fmtNum(c.mean)})` : 'no complete trial here');
    this.tip.hidden = false;
    this.tip.style.left = `${Math.min(left + 12, u.over.clientWidth - 180)}px`;
    this.tip.style.top = `${Math.max(0, top - 32)}px`;
  }

  destroy(): void {
    this.chart.destroy();
  }
}
