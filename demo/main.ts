/**
 * The demo page: pick data and a model, edit the search space, run tune() on a pool of wasm workers, watch trials
 * arrive, then see the chosen hyperparameters next to the learned parameters and a picture of the fitted model.
 * Everything the forms offer comes from listModels(), so models registered later show up without page changes.
 * This file only wires the panels (one file each) to the page's events.
 */
import { DATASETS, MAX_CSV_BYTES, guessTask } from './datasets';
import { defaultRanges } from './space-syntax';
import { state } from './state';
import { els, option, setState, showError, describeError, currentModel } from './dom';
import { selectDataset, onUpload, rebuildData, showDataError } from './data-panel';
import { onModelChange, renderSpaceEditor, updatePlan } from './space-panel';
import { run } from './run-search';
import { runRace } from './race';
import { loadJournal } from './journal-load';
import { initObjectivePanel } from './objective-panel';
import { buildHeatmap } from './plots-panel';
import { drawMap } from './map-panel';

for (const d of DATASETS) els.dataset.append(option(d.id, d.label));

els.dataset.addEventListener('change', () => {
  void selectDataset(els.dataset.value).catch((e) => showDataError(describeError(e)));
});
els.csvFile.addEventListener('change', () => {
  const file = els.csvFile.files?.[0];
  if (file) void onUpload(file);
});
els.target.addEventListener('change', () => {
  if (state.raw) els.task.value = guessTask(state.raw, Number(els.target.value));
  rebuildData();
});
els.task.addEventListener('change', rebuildData);
els.model.addEventListener('change', onModelChange);
els.resetSpace.addEventListener('click', () => {
  renderSpaceEditor(defaultRanges(currentModel()));
  updatePlan();
});
els.spaceFields.addEventListener('input', updatePlan);
els.spaceFields.addEventListener('change', updatePlan);
for (const e of [els.strategy, els.trials, els.resource, els.factor, els.cv, els.folds, els.pruner, els.prunerPercentile, els.prunerStartup, els.prunerWarmup, els.prunerResource]) e.addEventListener('input', updatePlan);
els.setup.addEventListener('submit', (e) => {
  e.preventDefault();
  void run();
});
els.race.addEventListener('click', () => void runRace().catch((e) => showError(describeError(e))));
els.cancel.addEventListener('click', () => state.controller?.abort());
document.addEventListener('keydown', (e) => {
  if (e.key === 'Escape' && state.controller) state.controller.abort();
});
els.heatX.addEventListener('change', buildHeatmap);
els.heatY.addEventListener('change', buildHeatmap);
els.mapX.addEventListener('change', () => void drawMap(false));
els.mapY.addEventListener('change', () => void drawMap(false));
els.journalFile.addEventListener('change', () => {
  const file = els.journalFile.files?.[0];
  if (file) void loadJournal(file);
});
for (const a of [els.exportJson, els.exportCsv, els.exportJournal]) {
  a.addEventListener('click', (e) => {
    if (a.getAttribute('aria-disabled') === 'true') e.preventDefault();
  });
}

initObjectivePanel();
els.workers.value = String(Math.min(4, Math.max(1, navigator.hardwareConcurrency || 2)));
document.getElementById('csv-help')!.textContent =
  `Up to ${MAX_CSV_BYTES / 1024 / 1024} MB: a header row, numeric features, and a target column ` +
  '(text labels are label-encoded as 0, 1, 2…).';
els.dataset.value = 'iris';
selectDataset('iris')
  .then(() => setState('ready'))
  .catch((e) => {
    showDataError(describeError(e));
    setState('ready');
  });
