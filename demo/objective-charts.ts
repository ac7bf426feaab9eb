/**
 * The objective panel's charts, the same set the model search shows: best so far (history), intermediate values per
 * step, parallel coordinates, the contour over two variables, importance and the timeline. Fed optimize()'s trials
 * as they finish (redrawn at most every 150 ms) or a loaded journal's trials at once; one instance per run or load.
 */
import type { Distribution, StudyTrial } from '../src/index';
import { HistoryChart } from './charts';
import { ContourBlock } from './contour-block';
import { drawParallel } from './parallel-coords';
import { renderImportance } from './importance';
import { drawTimeline, barsOfStudyTrials } from './timeline';
import { drawSteps } from './step-chart';
import type { YScaleChoice } from './step-series';
import { bestNumber, studyContourRow, studyRow } from './study-rows';
import { objEls } from './objective-dom';

const METRIC = 'f';

export class ObjectiveCharts {
  private readonly history: HistoryChart;
  private readonly contour: ContourBlock;
  private trials: readonly StudyTrial[] = [];
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(private readonly space: Record<string, Distribution>, private readonly direction: 'minimize' | 'maximize') {
    // Shown before the charts are made, so they measure their real width.
    objEls.plots.hidden = false;
    renderImportance({ block: objEls.importanceBlock, bars: objEls.importanceBars }, null);
    const greater = direction === 'maximize';
    this.history = new HistoryChart(objEls.history, METRIC, greater);
    this.contour = new ContourBlock(
      { block: objEls.heatBlock, x: objEls.heatX, y: objEls.heatY, note: objEls.heatNote, chart: objEls.heatChart, lo: objEls.heatLo, hi: objEls.heatHi },
      Object.entries(space).map(([name, spec]) => ({ name, spec })),
      METRIC,
      greater,
    );
    this.draw();
  }

  /** Trials so far (in completion order); the charts follow within 150 ms. */
  schedule(trials: readonly StudyTrial[]): void {
    this.trials = trials;
    this.timer ??= setTimeout(() => this.draw(), 150);
  }

  /** Every trial, drawn now; `importance` (when given) fills the importance bars. */
  finish(trials: readonly StudyTrial[], importance: (() => Record<string, number>) | null): void {
    this.trials = trials;
    this.draw();
    renderImportance({ block: objEls.importanceBlock, bars: objEls.importanceBars }, importance);
  }

  /** A contour picker changed. */
  rebuildContour(): void {
    this.contour.rebuild();
  }

  /** Redraws the intermediate values (the y-scale choice changed). */
  drawSteps(): void {
    const drawn = drawSteps(objEls.stepsChart, this.trials, { metric: METRIC, scale: objEls.yScale.value as YScaleChoice, best: bestNumber(this.trials, this.direction) });
    objEls.stepsBlock.hidden = drawn === null;
    if (!drawn) return;
    const pruned = this.trials.filter((t) => t.state === 'pruned').length;
    objEls.stepsNote.textContent =
      `${drawn.lines} trial${drawn.lines === 1 ? '' : 's'} reported f per step; ${pruned} ${pruned === 1 ? 'was' : 'were'} stopped by the pruner (orange, cut short). ` +
      (drawn.forced ? 'A log scale cannot show values at or below 0: drawn linear. ' : '') + `y axis: ${drawn.log ? 'log' : 'linear'}.`;
  }

  private draw(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const rows = this.trials.map(studyRow);
    this.history.update(rows);
    this.contour.update(this.trials.map(studyContourRow));
    objEls.parallelBlock.hidden = drawParallel(objEls.parallelChart, Object.keys(this.space), rows, METRIC, this.direction === 'maximize') === 0;
    objEls.timelineBlock.hidden = drawTimeline(objEls.timelineChart, barsOfStudyTrials(this.trials), METRIC) === 0;
    this.drawSteps();
  }

  destroy(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.history.destroy();
    this.contour.destroy();
  }
}

let current: ObjectiveCharts | null = null;

/** The panel's charts for a new set of trials (a run, or a loaded journal), replacing the previous ones. */
export function freshCharts(space: Record<string, Distribution>, direction: 'minimize' | 'maximize'): ObjectiveCharts {
  current?.destroy();
  current = new ObjectiveCharts(space, direction);
  return current;
}

/** The charts on show, if any (the pickers and the y-scale choice redraw them). */
export const currentCharts = (): ObjectiveCharts | null => current;
