/**
 * "Your own objective": optimize() minimising (or maximising) a function the user types, e.g. (x - 2)^2 + sin(3 y),
 * over variables written "x: -5..5, y: 1e-3..10 log" (demo/objective-expr). An expression with `step` reports its
 * value at steps 1..N through trial.report and can be stopped by the median pruner (search.pruner). The trials are
 * drawn in the same charts as the model search's (demo/objective-charts). This file wires the panel's controls.
 */
import { optimize, type Distribution, type OptimizeResult, type SearchOptions, type StudyTrial } from '../src/index';
import { fmtNum } from './space-syntax';
import { els, intOf, describeError } from './dom';
import { objEls } from './objective-dom';
import { compileObjective, parseObjectiveSpace, MAX_STEPS, type CompiledObjective } from './objective-expr';
import { freshCharts, currentCharts } from './objective-charts';
import { objectiveStudy, offerObjectiveJournal, clearObjectiveJournal, loadObjectiveJournal } from './objective-journal';

let controller: AbortController | null = null;

export function initObjectivePanel(): void {
  objEls.run.addEventListener('click', () => void runObjective());
  objEls.yScale.addEventListener('change', () => currentCharts()?.drawSteps());
  for (const s of [objEls.heatX, objEls.heatY]) s.addEventListener('change', () => currentCharts()?.rebuildContour());
  objEls.journalFile.addEventListener('change', () => {
    const file = objEls.journalFile.files?.[0];
    if (file) void loadObjectiveJournal(file);
  });
  objEls.exportJournal.addEventListener('click', (e) => {
    if (objEls.exportJournal.getAttribute('aria-disabled') === 'true') e.preventDefault();
  });
}

function showError(e: unknown): void {
  objEls.error.hidden = false;
  objEls.error.textContent = describeError(e);
}

/** "TPE, 40 trials in 120 ms: best f = 0.01 at x = 2, y = -1 (trial 31)." plus what the pruner did. */
export function resultNote(strategy: string, res: OptimizeResult, c: CompiledObjective, pruner: string, warmup: number): string {
  const b = res.best;
  const pruned = res.trials.filter((t) => t.state === 'pruned').length;
  const head = b
    ? `${strategy.toUpperCase()}, ${res.trials.length} trials in ${Math.round(res.elapsedMs)} ms: best f = ${fmtNum(b.value)} at ` +
      `${Object.entries(b.params).map(([k, v]) => `${k} = ${fmtNum(v as number)}`).join(', ')} (trial ${b.number}).`
    : 'No trial gave a finite value.';
  if (!c.stepped) return head + (pruner !== 'none' ? ' The pruner had nothing to judge: f does not use step.' : '');
  return `${head} Each trial reported f at steps 1..${c.steps}` +
    (pruner === 'none' ? '.' : `; the ${pruner} pruner (from step ${warmup}) stopped ${pruned} of ${res.trials.length} trials early.`);
}

export async function runObjective(): Promise<void> {
  if (controller) {
    controller.abort();
    return;
  }
  objEls.error.hidden = true;
  // What this run is (kept with its journal): read now, the fields may change while it runs.
  const expression = objEls.expr.value;
  const variables = objEls.space.value;
  const seed = intOf(els.seed, 42, 0, 0xffffffff);
  let space: Record<string, Distribution>;
  let compiled: CompiledObjective;
  try {
    space = parseObjectiveSpace(variables);
    compiled = compileObjective(expression, space, intOf(objEls.steps, 20, 1, MAX_STEPS));
  } catch (e) {
    showError(e);
    return;
  }
  const direction = objEls.direction.value as 'minimize' | 'maximize';
  const strategy = objEls.strategy.value as 'random' | 'tpe' | 'gp';
  const pruner = objEls.pruner.value;
  const trials = intOf(objEls.trials, 40, 2, 2000);
  // Optuna's MedianPruner: after 5 complete trials, stop a trial whose f at a step (from step warmupSteps on: Optuna
  // keeps any step below it) is worse than the median of the earlier trials' f at that step.
  const warmupSteps = intOf(objEls.warmup, 4, 0, MAX_STEPS);
  const search: SearchOptions = pruner === 'median' ? { strategy, trials, pruner: { kind: 'median', warmupSteps } } : { strategy, trials };
  const done: StudyTrial[] = [];
  const view = freshCharts(space, direction);
  // optimize() records every trial (with its reports) in this in-memory journal as it finishes: the Save link.
  clearObjectiveJournal();
  const study = objectiveStudy();
  objEls.panel.dataset.state = 'running';
  objEls.run.textContent = 'Stop';
  controller = new AbortController();
  try {
    const res = await optimize(compiled.objective, {
      space,
      search,
      direction,
      seed,
      signal: controller.signal,
      study: study.ref,
      onTrial: (t) => {
        done.push(t);
        view.schedule(done);
      },
    });
    view.finish(res.trials, () => res.importance());
    objEls.note.textContent = resultNote(strategy, res, compiled, pruner, warmupSteps);
    await offerObjectiveJournal(study, { expression, variables, steps: compiled.steps, strategy, pruner, warmupSteps, seed });
    objEls.panel.dataset.state = 'done';
  } catch (e) {
    const aborted = (e as Error).name === 'AbortError';
    view.finish(done, null);
    objEls.panel.dataset.state = aborted ? 'cancelled' : 'error';
    if (aborted) objEls.note.textContent = `Stopped after ${done.length} trials.`;
    else showError(e);
  } finally {
    controller = null;
    objEls.run.textContent = 'Optimise';
  }
}
