/**
 * The Search panel's strategy settings: which strategies the page offers (every one tune() takes), the search
 * options they become, and the plan line (how many candidates and fits a search will cost).
 */
import type { ModelInfo, PrunerSpec, SearchOptions } from '../src/index';
import type { Dim } from './state';
import { els, intOf, currentModel } from './dom';

export type Strategy = 'grid' | 'random' | 'tpe' | 'gp' | 'halving' | 'hyperband';

/** Each strategy's short name (the plan line starts with it) and what it does, in words a newcomer can read. */
export const STRATEGY_INFO: Record<Strategy, { short: string; about: string }> = {
  grid: { short: 'Grid', about: 'Every combination of the listed values.' },
  random: { short: 'Random', about: 'Independent random draws from the space.' },
  tpe: { short: 'TPE', about: 'Bayesian (Tree-structured Parzen Estimator): after 10 random trials, draws favour regions that scored well.' },
  gp: { short: 'GP', about: 'Bayesian (Gaussian process): after 10 random trials, a surrogate model of the score picks each next point.' },
  halving: { short: 'Successive halving', about: 'Every candidate starts on a small budget; the best 1/factor get factor times more, and so on.' },
  hyperband: { short: 'Hyperband', about: 'Several successive-halving brackets of fresh random candidates, from many-and-cheap to few-and-full.' },
};

export const strategyOf = (): Strategy => els.strategy.value as Strategy;

/** Epochs are a budget only for models that train in epochs (SGD: epochs, MLP: maxIter). */
export function epochName(m: ModelInfo): string | null {
  return 'epochs' in m.hyperparameters ? 'epochs' : 'maxIter' in m.hyperparameters ? 'maxIter' : null;
}

const gridTotalOf = (dims: Dim[]): number => dims.reduce((p, d) => p * d.size, 1);

/** tune()'s `search` option from the form. `folds` and `trainRows` size Hyperband's maxResource. */
export function searchOptions(dims: Dim[], m: ModelInfo, folds: number, trainRows: number): SearchOptions {
  const trials = intOf(els.trials, 30, 1, 100_000);
  const strategy = strategyOf();
  const resource = els.resource.value as 'rows' | 'epochs' | 'folds';
  const factor = intOf(els.factor, 3, 2, 10);
  switch (strategy) {
    case 'grid':
      return { strategy: 'grid' };
    case 'random':
    case 'tpe':
    case 'gp': {
      const pruner = prunerOption();
      return pruner ? { strategy, trials, pruner } : { strategy, trials };
    }
    case 'halving':
    case 'hyperband': {
      // Epochs: the most the space allows (a fixed maxIter of 27 means 27), else the model's default.
      const ep = epochName(m);
      const schema = ep ? m.hyperparameters[ep] : undefined;
      const dim = dims.find((d) => d.name === ep);
      const listed = dim && Array.isArray(dim.spec) ? (dim.spec.filter((v) => typeof v === 'number') as number[]) : [];
      const epochs = listed.length > 0 ? Math.max(...listed) : dim && !Array.isArray(dim.spec) && dim.spec.kind === 'int' ? dim.spec.high : Number(schema?.default ?? 100);
      const maxResource = resource === 'epochs' ? epochs : resource === 'folds' ? folds : trainRows;
      if (strategy === 'hyperband') return { strategy, resource, factor, maxResource };
      // A finite space is halved over its grid; a continuous one over `trials` random draws.
      const base = resource === 'epochs' ? { strategy, resource, factor, maxResource } : { strategy, resource, factor };
      return Number.isFinite(gridTotalOf(dims)) ? base : { ...base, trials };
    }
  }
}

/**
 * search.pruner from the form (random, TPE, GP), or null for none. "Prune on folds": a candidate is scored fold by
 * fold and stopped when its running mean is worse than the rule's percentile of the completed candidates' at the same
 * fold. "Prune on epochs" (SGD, MLP: models that train in epochs): each fold's test score is checked after every
 * epoch inside the worker, and a fit that falls behind the completed candidates' at the same epoch stops training
 * there, so its loss curve is cut short.
 */
export function prunerOption(): PrunerSpec | null {
  const kind = els.pruner.value as 'none' | 'median' | 'percentile';
  if (kind === 'none' || els.pruner.disabled) return null;
  const startupTrials = intOf(els.prunerStartup, 5, 0, 1000);
  const warmupSteps = intOf(els.prunerWarmup, 0, 0, 100);
  const onEpochs = els.prunerResource.value === 'epochs' && !els.prunerResource.disabled;
  const resource = onEpochs ? { resource: 'epochs' as const } : {};
  if (kind === 'median') return { kind, startupTrials, warmupSteps, ...resource };
  const p = Number(els.prunerPercentile.value);
  return { kind, percentile: Number.isFinite(p) ? Math.min(100, Math.max(0, p)) : 25, startupTrials, warmupSteps, ...resource };
}

/** How many candidates the search will score, when known (NaN: Hyperband decides per bracket). */
export function plannedCandidates(dims: Dim[]): number {
  const gridTotal = gridTotalOf(dims);
  const trials = intOf(els.trials, 30, 1);
  switch (strategyOf()) {
    case 'grid':
      return gridTotal;
    case 'halving':
      return Number.isFinite(gridTotal) ? gridTotal : trials;
    case 'hyperband':
      return NaN;
    default:
      return Math.min(trials, gridTotal);
  }
}

/** Enables the fields the strategy uses and writes the plan line. */
export function writePlan(dims: Dim[]): void {
  const strategy = strategyOf();
  const budgeted = strategy === 'halving' || strategy === 'hyperband';
  els.trials.disabled = strategy === 'grid' || strategy === 'hyperband';
  els.resource.disabled = els.factor.disabled = !budgeted;
  els.budgetFields.hidden = !budgeted;
  const prunable = strategy === 'random' || strategy === 'tpe' || strategy === 'gp';
  els.prunerFields.hidden = !prunable;
  els.pruner.disabled = !prunable;
  els.prunerPercentile.disabled = !prunable || els.pruner.value !== 'percentile';
  els.prunerStartup.disabled = els.prunerWarmup.disabled = !prunable || els.pruner.value === 'none';
  // Epochs are a pruning step only for models that train in epochs; for the others the option is off and folds are used.
  const epochOption = els.prunerResource.querySelector<HTMLOptionElement>('option[value="epochs"]')!;
  epochOption.disabled = epochName(currentModel()) === null;
  if (epochOption.disabled && els.prunerResource.value === 'epochs') els.prunerResource.value = 'folds';
  els.prunerResource.disabled = !prunable || els.pruner.value === 'none';
  els.folds.disabled = els.cv.value !== 'kfold';
  els.plan.classList.remove('warn');
  const gridTotal = gridTotalOf(dims);
  const folds = els.cv.value === 'kfold' ? intOf(els.folds, 5, 2, 20) : 1;
  const foldWord = els.cv.value === 'kfold' ? `${folds} folds` : els.cv.value === 'holdout' ? '1 holdout split' : 'no CV';
  if (strategy === 'grid' && !Number.isFinite(gridTotal)) {
    els.plan.textContent = 'A continuous range cannot be listed as a grid: switch to random search, or give a count (e.g. "log 9") or a step.';
    els.plan.classList.add('warn');
    return;
  }
  const { short: label, about } = STRATEGY_INFO[strategy];
  if (budgeted) {
    const n = plannedCandidates(dims);
    els.plan.textContent = `${label}: ${Number.isFinite(n) ? `${n.toLocaleString('en')} candidates to start` : 'candidates per bracket'}, ` +
      `budget in ${els.resource.value}; cut candidates show as pruned. Then one refit on all rows. ${about}`;
    return;
  }
  const candidates = plannedCandidates(dims);
  const fits = candidates * folds;
  els.plan.textContent =
    `${label}: ${candidates.toLocaleString('en')} candidate${candidates === 1 ? '' : 's'} × ${foldWord} = ` +
    `${fits.toLocaleString('en')} fit${fits === 1 ? '' : 's'}, then one refit on all rows. ${about}`;
  const pruner = prunable ? prunerOption() : null;
  if (pruner && typeof pruner === 'object') {
    const rule = pruner.kind === 'percentile' ? `outside the best ${pruner.percentile}%` : 'worse than the median';
    if (pruner.resource === 'epochs') {
      els.plan.textContent += ` Pruner: after ${pruner.startupTrials} complete candidates, a fit whose test score after an epoch is ${rule} ` +
        `of the completed ones' after the same epoch stops training there (shown as pruned; its curve is cut short)` +
        `${els.cv.value === 'none' ? ': it needs a validation split to score each epoch' : ''}.`;
    } else {
      els.plan.textContent += ` Pruner: after ${pruner.startupTrials} complete candidates, a candidate whose running mean over its folds is ${rule} ` +
        `of the completed ones at the same fold stops early (shown as pruned)${folds < 2 ? ': it needs k-fold CV, one split gives it nothing to cut' : ''}.`;
    }
  }
  if (fits > 20_000) {
    els.plan.textContent += ' That is a lot for a browser tab; consider random search.';
    els.plan.classList.add('warn');
  }
}
