/**
 * The best-model panel: the chosen hyperparameters next to the parameters training learned.
 */
import { type TuneResult } from '../src/index';
import { sortClasses, type ClassLabel } from './datasets';
import { fmtNum } from './space-syntax';
import { metricInfo } from './metrics';
import { state } from './state';
import { els, h, tiny } from './dom';
import { renderHyperparameters, renderParameters } from './learned';

export function renderBest(res: TuneResult<ClassLabel>): void {
  const s = state.setup!;
  if (!res.best || !res.model) {
    els.bestPanel.hidden = true;
    return;
  }
  els.bestPanel.hidden = false;
  const tried = Object.fromEntries(s.dims.map((d) => [d.name, { text: d.text, size: d.size }]));
  renderHyperparameters(els.bestHyper, s.model, res.best.params, tried);
  const label = metricInfo(s.scoring)?.label ?? s.scoring;
  const how = res.cv ? `cross-validated ${label} (${res.cv.description})` : `${label[0].toUpperCase()}${label.slice(1)} on all rows (no cross-validation)`;
  const std = tiny(res.trials.find((t) => t.index === res.best!.index)?.stdScore ?? 0);
  els.bestScore.replaceChildren(
    document.createTextNode(`${res.cv ? 'Mean ' : ''}${how}: `),
    h('strong', undefined, fmtNum(res.best.score)),
    document.createTextNode(`${res.cv && res.cv.folds > 1 ? ` ± ${fmtNum(std)} over the folds` : ''}, rank 1 of ${res.trials.length}.`),
  );
  const classCodes = sortClasses(s.data.y);
  renderParameters(els.bestParams, res.model, {
    featureNames: s.data.featureNames,
    classLabels: s.data.classLabels,
    classCodes,
    nRows: s.data.X.length,
  });
  els.bestSentence.replaceChildren(
    h('strong', undefined, 'Hyperparameters'),
    document.createTextNode(` (blue) are the settings fixed before training: the search tried ${res.trials.length} combination${res.trials.length === 1 ? '' : 's'} and kept the one with the best ${res.cv ? 'cross-validated ' : ''}${label}; `),
    h('strong', undefined, 'parameters'),
    document.createTextNode(` (green) are the numbers training then learned from all ${s.data.X.length} rows with those settings.`),
  );
}

