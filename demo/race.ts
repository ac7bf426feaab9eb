/**
 * The race: grid, random, TPE and GP search on the same data, model, space and trial budget, one after another on
 * the same worker pool, drawn as best-so-far curves in one chart with each one's elapsed time. It answers "is Bayesian
 * search worth it?" on the user's own problem: the textbooks' three methods side by side.
 */
import { tune, type ModelId, type SearchOptions } from '../src/index';
import type { ClassLabel } from './datasets';
import { fmtNum } from './space-syntax';
import { direction, greaterIsBetter, preferredMetric } from './metrics';
import { PALETTE } from './charts';
import { RaceChart, type RaceLane } from './race-chart';
import { state, type Dim } from './state';
import { els, h, intOf, showError, describeError, currentModel, seconds } from './dom';
import { readSpace, compatible } from './space-panel';
import { ensurePool, setRunning, cvOption } from './run-search';

interface Racer {
  lane: RaceLane;
  search: SearchOptions;
  /** Why a racer sat out or stopped (shown in its summary line). */
  note: string | null;
  totalMs: number;
}

let chart: RaceChart | null = null;

/** The racers for this space and budget: grid only when the space is a finite grid; GP only on small budgets (its
 *  cost grows with the cube of the trials). */
function racersFor(dims: Dim[], budget: number): Racer[] {
  const finite = Number.isFinite(dims.reduce((p, d) => p * d.size, 1));
  const make = (name: string, color: string, search: SearchOptions, note: string | null = null): Racer => ({
    lane: { name, color, scores: [], elapsedMs: [] },
    search,
    note,
    totalMs: 0,
  });
  const out: Racer[] = [];
  if (finite) out.push(make('grid', PALETTE[0], { strategy: 'grid', trials: budget }));
  out.push(make('random', PALETTE[1], { strategy: 'random', trials: budget }));
  out.push(make('TPE', PALETTE[4], { strategy: 'tpe', trials: budget }));
  if (budget <= 80) out.push(make('GP', PALETTE[2], { strategy: 'gp', trials: budget }));
  return out;
}

function summaryLine(r: Racer, metric: string, greater: boolean): HTMLLIElement {
  const li = h('li');
  const sw = h('span', 'swatch');
  sw.style.backgroundColor = r.lane.color;
  li.append(sw);
  const ok = r.lane.scores.map((s, i) => [s, i] as const).filter(([s]) => Number.isFinite(s));
  if (ok.length === 0) {
    const text = h('span');
    text.append(h('strong', undefined, r.lane.name), document.createTextNode(r.note ? `: ${r.note}` : ': waiting…'));
    li.append(text);
    return li;
  }
  const [best, at] = ok.reduce((a, b) => ((greater ? b[0] > a[0] : b[0] < a[0]) ? b : a));
  const text = h('span');
  text.append(
    h('strong', undefined, r.lane.name),
    document.createTextNode(`: best ${metric} ${fmtNum(best)} at trial ${at + 1} of ${r.lane.scores.length}, ${seconds(r.totalMs)}`),
  );
  if (r.note) text.append(h('span', 'note', ` (${r.note})`));
  li.append(text);
  return li;
}

export async function runRace(): Promise<void> {
  showError(null);
  if (state.controller || !state.data) {
    if (!state.data) showError('The data cannot be used yet: fix the problem shown under “Data”, or pick another dataset.');
    return;
  }
  const { dims, invalid } = readSpace();
  const m = currentModel();
  if (invalid.length > 0 || !compatible(m)) {
    showError(invalid.length > 0 ? 'A search-space field does not parse: see the message under it.' : `${m.id} does not fit this target.`);
    return;
  }
  const data = state.data;
  const budget = intOf(els.trials, 30, 2, 500);
  const seed = intOf(els.seed, 42, 0, 0xffffffff);
  const workers = intOf(els.workers, 2, 1, 16);
  const scoring = els.scoring.value || preferredMetric(m);
  const greater = greaterIsBetter(scoring);
  const supervised = m.kind !== 'clusterer';
  const y = supervised || data.task === 'classification' ? data.y : undefined;
  const space = Object.fromEntries(dims.map((d) => [d.name, d.spec]));
  const racers = racersFor(dims, budget);

  els.racePanel.hidden = false;
  els.racePanel.dataset.state = 'running';
  els.intro.hidden = true;
  chart?.destroy();
  chart = new RaceChart(els.raceChart, racers.map((r) => r.lane), scoring, greater);
  const drawSummary = (): void => {
    els.raceSummary.replaceChildren(...racers.map((r) => summaryLine(r, scoring, greater)));
  };
  drawSummary();
  els.raceNote.textContent =
    `${racers.map((r) => r.lane.name).join(', ')}: ${budget} trials each on ${m.id}, the same space, folds and seed, run one after ` +
    `another on ${workers} worker${workers === 1 ? '' : 's'} (${direction(scoring)}).` +
    (racers[0].lane.name === 'grid' ? ' Grid visits the first trials of its list in order.' : ' No grid: the space has a continuous range.');
  els.racePanel.scrollIntoView({ block: 'start' });
  const pool = ensurePool(workers);
  state.controller = new AbortController();
  const signal = state.controller.signal;
  setRunning(true);
  let redraw: ReturnType<typeof setTimeout> | null = null;
  const schedule = (): void => {
    if (redraw) return;
    redraw = setTimeout(() => {
      redraw = null;
      chart?.update();
      drawSummary();
    }, 120);
  };
  try {
    for (const r of racers) {
      const started = performance.now();
      try {
        await tune<ClassLabel>({
          model: m.id as ModelId,
          data: { X: data.X, y },
          space,
          search: r.search,
          cv: cvOption(m.kind, seed),
          scoring,
          preprocess: els.standardize.checked ? 'standardize' : 'none',
          seed,
          pool,
          workers,
          signal,
          refit: false,
          onTrial: (t) => {
            r.lane.scores.push(t.status === 'failed' ? NaN : t.meanScore);
            r.lane.elapsedMs.push(performance.now() - started);
            r.totalMs = performance.now() - started;
            schedule();
          },
        });
        r.totalMs = performance.now() - started;
      } catch (e) {
        if ((e as Error).name === 'AbortError') throw e;
        r.note = describeError(e);
      }
    }
    els.racePanel.dataset.state = 'done';
  } catch (e) {
    if ((e as Error).name !== 'AbortError') throw e;
    els.racePanel.dataset.state = 'cancelled';
    els.raceNote.textContent += ' Cancelled: the curves show the trials that finished.';
  } finally {
    if (redraw) clearTimeout(redraw);
    chart?.update();
    drawSummary();
    state.controller = null;
    setRunning(false);
  }
}
