/**
 * One contour block of the page (the tune() plots and the "your own objective" panel each have one): two pickers of
 * hyperparameters, a note saying what a cell shows, the chart and its colour bar. It offers every hyperparameter a
 * contour axis can show (demo/contour-bins) and is fed ContourTrial rows as trials arrive.
 */
import type { Distribution, Value } from '../src/index';
import { fmtNum } from './space-syntax';
import { contourAxis, MAX_BINS, type ContourAxis, type ContourTrial } from './contour-bins';
import { ContourChart } from './contour-chart';
import { option } from './dom';

export interface ContourElements {
  block: HTMLElement;
  x: HTMLSelectElement;
  y: HTMLSelectElement;
  note: HTMLElement;
  chart: HTMLElement;
  lo: HTMLElement;
  hi: HTMLElement;
}

export class ContourBlock {
  private chart: ContourChart | null = null;
  private readonly axes: ContourAxis[];
  private trials: readonly ContourTrial[] = [];

  /** `dims`: the searched hyperparameters in space order (constants are left out by contourAxis). */
  constructor(
    private readonly e: ContourElements,
    dims: readonly { name: string; spec: Distribution | readonly Value[] }[],
    private readonly metric: string,
    private readonly greater: boolean,
  ) {
    this.axes = dims.map((d) => contourAxis(d.name, d.spec)).filter((a): a is ContourAxis => a !== null);
    e.block.hidden = this.axes.length < 2;
    if (this.axes.length < 2) return;
    const fill = (sel: HTMLSelectElement, pick: string): void => {
      sel.replaceChildren(...this.axes.map((a) => option(a.name, a.name)));
      sel.value = pick;
    };
    fill(e.x, this.axes[0].name);
    fill(e.y, this.axes[1].name);
    this.rebuild();
  }

  /** Redraws for the picked pair (call on a picker's change). */
  rebuild(): void {
    this.chart?.destroy();
    this.chart = null;
    this.e.lo.textContent = this.e.hi.textContent = '';
    const ax = this.axes.find((a) => a.name === this.e.x.value);
    const ay = this.axes.find((a) => a.name === this.e.y.value);
    if (!ax || !ay || ax === ay) {
      this.e.note.textContent = 'Pick two different hyperparameters.';
      this.e.chart.replaceChildren();
      return;
    }
    const others = this.axes.filter((a) => a !== ax && a !== ay).map((a) => a.name);
    const binned = [ax, ay].filter((a) => a.kind === 'bins');
    this.e.note.textContent =
      `Each cell shows the best ${this.metric} of the complete trials that fall in it` +
      (others.length ? ` (whatever ${others.join(', ')} were)` : '') + '. ' +
      (binned.length
        ? `${binned.map((a) => a.name).join(' and ')} ${binned.length === 1 ? 'is' : 'are'} split into up to ${MAX_BINS} bins` +
          `${binned.some((a) => a.kind === 'bins' && a.log) ? ' (equal ratios on a log range)' : ''}; grey cells hold no trial yet.`
        : 'Grey cells hold no trial yet.');
    this.chart = new ContourChart(this.e.chart, ax, ay, this.metric, this.greater, (worst, best) => {
      this.e.lo.textContent = `${fmtNum(worst)} (worst)`;
      this.e.hi.textContent = `${fmtNum(best)} (best)`;
    });
    this.chart.update(this.trials);
  }

  update(trials: readonly ContourTrial[]): void {
    this.trials = trials;
    this.chart?.update(trials);
  }

  destroy(): void {
    this.chart?.destroy();
    this.chart = null;
  }
}
