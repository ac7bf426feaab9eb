/**
 * The demo page: pick data and a model, edit the search space, run tune() on a pool of wasm workers, watch trials
 * arrive, then see the chosen hyperparameters next to the learned parameters and a picture of the fitted model.
 * Everything the forms offer comes from listModels(), so models registered later show up without page changes.
 */
import {
  tune,
  createPool,
  listModels,
  TuneError,
  type FittedModel,
  type ModelInfo,
  type ModelId,
  type TrialResult,
  type TuneResult,
  type ProgressEvent,
  type WorkerPool,
  type Distribution,
  type Value,
  type HyperparameterSchema,
} from '../src/index';
import { DATASETS, DataError, MAX_CSV_BYTES, guessTask, loadBuiltin, readCsvFile, toDataset, type Dataset, type RawTable, type Task, type ClassLabel, sortClasses } from './datasets';
import { defaultRanges, fmtNum, gridSize, parseRange, splitList, toCode } from './space-syntax';
import { metricsFor, direction, greaterIsBetter, metricInfo, preferredMetric } from './metrics';
import { HistoryChart, ParamChart, HeatmapChart, MapChart, fmtValue, type ParamAxis } from './charts';
import { paintModel } from './model-map';
import { renderHyperparameters, renderParameters } from './learned';

const $ = <T extends HTMLElement>(id: string): T => {
  const e = document.getElementById(id);
  if (!e) throw new Error(`#${id} missing from index.html`);
  return e as T;
};
const els = {
  setup: $<HTMLFormElement>('setup'),
  dataset: $<HTMLSelectElement>('dataset'),
  csvFile: $<HTMLInputElement>('csv-file'),
  target: $<HTMLSelectElement>('target'),
  task: $<HTMLSelectElement>('task'),
  dataSummary: $<HTMLParagraphElement>('data-summary'),
  dataError: $<HTMLParagraphElement>('data-error'),
  preview: $<HTMLDetailsElement>('preview'),
  previewTable: $<HTMLTableElement>('preview-table'),
  model: $<HTMLSelectElement>('model'),
  modelSummary: $<HTMLParagraphElement>('model-summary'),
  spaceFields: $<HTMLDivElement>('space-fields'),
  resetSpace: $<HTMLButtonElement>('reset-space'),
  strategy: $<HTMLSelectElement>('strategy'),
  trials: $<HTMLInputElement>('trials'),
  cv: $<HTMLSelectElement>('cv'),
  folds: $<HTMLInputElement>('folds'),
  scoring: $<HTMLSelectElement>('scoring'),
  seed: $<HTMLInputElement>('seed'),
  workers: $<HTMLInputElement>('workers'),
  standardize: $<HTMLInputElement>('standardize'),
  plan: $<HTMLParagraphElement>('plan'),
  run: $<HTMLButtonElement>('run'),
  cancel: $<HTMLButtonElement>('cancel'),
  progress: $<HTMLProgressElement>('progress'),
  progressCount: $<HTMLSpanElement>('progress-count'),
  progressText: $<HTMLParagraphElement>('progress-text'),
  error: $<HTMLParagraphElement>('error'),
  intro: $<HTMLElement>('intro'),
  bestPanel: $<HTMLElement>('best-panel'),
  bestSentence: $<HTMLParagraphElement>('best-sentence'),
  bestHyper: $<HTMLTableElement>('best-hyper'),
  bestScore: $<HTMLParagraphElement>('best-score'),
  bestParams: $<HTMLDivElement>('best-params'),
  mapPanel: $<HTMLElement>('map-panel'),
  mapX: $<HTMLSelectElement>('map-x'),
  mapY: $<HTMLSelectElement>('map-y'),
  mapNote: $<HTMLParagraphElement>('map-note'),
  mapChart: $<HTMLDivElement>('map-chart'),
  mapLegend: $<HTMLUListElement>('map-legend'),
  plotsPanel: $<HTMLElement>('plots-panel'),
  plotsEmpty: $<HTMLParagraphElement>('plots-empty'),
  plotsBody: $<HTMLDivElement>('plots-body'),
  historyChart: $<HTMLDivElement>('history-chart'),
  heatBlock: $<HTMLDivElement>('heatmap-block'),
  heatX: $<HTMLSelectElement>('heat-x'),
  heatY: $<HTMLSelectElement>('heat-y'),
  heatNote: $<HTMLParagraphElement>('heatmap-note'),
  heatChart: $<HTMLDivElement>('heatmap-chart'),
  heatLo: $<HTMLSpanElement>('heat-lo'),
  heatHi: $<HTMLSpanElement>('heat-hi'),
  paramCharts: $<HTMLDivElement>('param-charts'),
  trialsPanel: $<HTMLElement>('trials-panel'),
  trialsTable: $<HTMLTableElement>('trials-table'),
  exportJson: $<HTMLAnchorElement>('export-json'),
  exportCsv: $<HTMLAnchorElement>('export-csv'),
  codePanel: $<HTMLElement>('code-panel'),
  code: $<HTMLPreElement>('code'),
};

const KIND_TITLE: Record<ModelInfo['kind'], string> = { classifier: 'Classifiers', regressor: 'Regressors', clusterer: 'Clustering' };
const UPLOAD_ID = 'upload';

// ---------- state ----------

const models = listModels();
const builtinCache = new Map<string, RawTable>();
let uploaded: RawTable | null = null;
let raw: RawTable | null = null;
let data: Dataset | null = null;
let pool: WorkerPool | null = null;
let controller: AbortController | null = null;
let mapController: AbortController | null = null;
/** Trials in completion order (the history), and the final result of the last finished search. */
let completed: TrialResult[] = [];
let result: TuneResult<ClassLabel> | null = null;

/** What one search was run with: the results panels describe this, not whatever the form shows now. */
interface RunSetup {
  model: ModelInfo;
  data: Dataset;
  dims: Dim[];
  scoring: string;
  seed: number;
  preprocess: 'standardize' | 'none';
  supervised: boolean;
  datasetId: string;
}
let setup: RunSetup | null = null;
let sortKey: { col: string; dir: 1 | -1 } = { col: 'rank', dir: 1 };
const charts: { history: HistoryChart | null; params: ParamChart[]; heat: HeatmapChart | null; map: MapChart | null } = {
  history: null,
  params: [],
  heat: null,
  map: null,
};
const exportUrls: string[] = [];

// ---------- small helpers ----------

function option(value: string, label: string): HTMLOptionElement {
  const o = document.createElement('option');
  o.value = value;
  o.textContent = label;
  return o;
}

function h<K extends keyof HTMLElementTagNameMap>(tag: K, cls?: string, text?: string): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text !== undefined) e.textContent = text;
  return e;
}

function intOf(input: HTMLInputElement, fallback: number, min: number, max = Number.MAX_SAFE_INTEGER): number {
  const v = Math.floor(Number(input.value));
  return Number.isFinite(v) ? Math.min(max, Math.max(min, v)) : fallback;
}

function setState(state: string): void {
  document.body.dataset.state = state;
}

function showError(message: string | null): void {
  els.error.hidden = message === null;
  els.error.textContent = message ?? '';
}

function describeError(e: unknown): string {
  if (e instanceof TuneError) return `${e.message} (${e.code})`;
  return e instanceof Error ? e.message : String(e);
}

function currentModel(): ModelInfo {
  return models.find((m) => m.id === els.model.value) ?? models[0];
}

/** Rounding noise (a std of 1e-16 when every fold agrees) shown as the 0 it is. */
const tiny = (v: number): number => (Math.abs(v) < 1e-12 ? 0 : v);

function seconds(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : ms < 60_000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.floor(ms / 60_000)} min ${Math.round((ms % 60_000) / 1000)} s`;
}

// ---------- data ----------

for (const d of DATASETS) els.dataset.append(option(d.id, d.label));

async function selectDataset(id: string): Promise<void> {
  showDataError(null);
  if (id === UPLOAD_ID) {
    if (!uploaded) return;
    useTable(uploaded, null);
    return;
  }
  const ds = DATASETS.find((d) => d.id === id)!;
  els.dataSummary.textContent = `Loading ${ds.label}…`;
  let table = builtinCache.get(id);
  if (!table) {
    table = await loadBuiltin(ds);
    builtinCache.set(id, table);
  }
  if (els.dataset.value === id) useTable(table, ds.task);
}

/** Makes `table` the current data: target = last column, task as given or guessed from the target. */
function useTable(table: RawTable, task: Task | null): void {
  raw = table;
  els.target.replaceChildren(...table.header.map((name, j) => option(String(j), name)));
  els.target.value = String(table.header.length - 1);
  els.task.value = task ?? guessTask(table, table.header.length - 1);
  rebuildData();
}

function rebuildData(): void {
  if (!raw) return;
  const target = Number(els.target.value);
  try {
    data = toDataset(raw, target, els.task.value as Task);
    showDataError(null);
    els.dataSummary.replaceChildren(...summarize(data));
    renderPreview(raw, target, null);
  } catch (e) {
    data = null;
    els.dataSummary.textContent = `${raw.rows.length} rows × ${raw.header.length} columns, not usable yet:`;
    showDataError(describeError(e));
    renderPreview(raw, target, e instanceof DataError ? e.where ?? null : null);
    els.preview.open = true;
  }
  refreshModels();
}

function summarize(d: Dataset): Node[] {
  const parts: Node[] = [];
  const strong = (t: string): HTMLElement => h('strong', undefined, t);
  parts.push(strong(`${d.X.length} rows × ${d.featureNames.length} feature${d.featureNames.length === 1 ? '' : 's'}`), document.createTextNode(`, target “${d.targetName}”: `));
  if (d.task === 'classification') {
    const counts = new Map<ClassLabel, number>();
    for (const v of d.y) counts.set(v, (counts.get(v) ?? 0) + 1);
    const codes = sortClasses(counts.keys());
    const shown = codes.slice(0, 6).map((c, i) => `${d.classLabels[i]} (${counts.get(c)})`).join(', ');
    parts.push(document.createTextNode(`${codes.length} classes: ${shown}${codes.length > 6 ? ', …' : ''}.`));
    if (d.textLabels) {
      parts.push(h('span', 'note', ' The target holds text: tune() takes these labels as they are, and the model predicts them back.'));
    }
  } else {
    const lo = Math.min(...(d.y as number[]));
    const hi = Math.max(...(d.y as number[]));
    parts.push(document.createTextNode(`a number from ${fmtNum(lo)} to ${fmtNum(hi)}.`));
  }
  if (d.dropped.length > 0) {
    const names = d.dropped.map((n) => `“${n}”`).join(', ');
    parts.push(h('span', 'note', ` Left out ${names}: text only, not a feature the models can use.`));
  }
  return parts;
}

function showDataError(message: string | null): void {
  els.dataError.hidden = message === null;
  els.dataError.textContent = message ?? '';
}

function renderPreview(table: RawTable, target: number, bad: { row: number; col: number } | null): void {
  const shown = 6;
  const offset = table.generatedHeader ? 1 : 2; // file row of data row 0
  const head = h('tr');
  table.header.forEach((name, j) => {
    const th = h('th', j === target ? 'target' : undefined, name);
    th.scope = 'col';
    if (j === target) th.append(h('span', 'badge', 'target'));
    head.append(th);
  });
  const rowOf = (i: number): HTMLTableRowElement => {
    const tr = h('tr');
    table.rows[i].forEach((cell, j) => {
      const td = h('td', j === target ? 'target' : undefined, cell === '' ? '∅' : cell);
      if (bad && bad.row === i + offset && bad.col === j) {
        td.classList.add('bad');
        td.title = 'This cell is the problem';
      }
      tr.append(td);
    });
    return tr;
  };
  const body = h('tbody');
  for (let i = 0; i < Math.min(shown, table.rows.length); i++) body.append(rowOf(i));
  const badIndex = bad ? bad.row - offset : -1;
  if (badIndex >= shown && badIndex < table.rows.length) {
    const gap = h('tr', 'gap');
    const td = h('td', undefined, `… row ${bad!.row}:`);
    td.colSpan = table.header.length;
    gap.append(td);
    body.append(gap, rowOf(badIndex));
  }
  const thead = h('thead');
  thead.append(head);
  const caption = h('caption', undefined, `${table.name}: first ${Math.min(shown, table.rows.length)} of ${table.rows.length} rows`);
  els.previewTable.replaceChildren(caption, thead, body);
}

async function onUpload(file: File): Promise<void> {
  showDataError(null);
  els.dataSummary.textContent = `Reading ${file.name}…`;
  try {
    const table = await readCsvFile(file);
    uploaded = table;
    let opt = [...els.dataset.options].find((o) => o.value === UPLOAD_ID);
    if (!opt) {
      opt = option(UPLOAD_ID, '');
      els.dataset.prepend(opt);
    }
    opt.textContent = `Your file: ${file.name}`;
    els.dataset.value = UPLOAD_ID;
    useTable(table, null);
    els.preview.open = true;
  } catch (e) {
    // The previous data stays in use; say why the file was refused.
    showDataError(`Could not use ${file.name}: ${describeError(e)}`);
    if (data) els.dataSummary.replaceChildren(...summarize(data));
    else els.dataSummary.textContent = '';
  } finally {
    els.csvFile.value = '';
  }
}

// ---------- model, space, search settings ----------

function compatible(m: ModelInfo): boolean {
  if (!data) return true;
  return m.kind === 'clusterer' || (m.kind === 'classifier') === (data.task === 'classification');
}

function refreshModels(): void {
  const keep = els.model.value;
  const groups = (['classifier', 'regressor', 'clusterer'] as const).map((kind) => {
    const g = document.createElement('optgroup');
    g.label = KIND_TITLE[kind];
    for (const m of models.filter((x) => x.kind === kind)) {
      const o = option(m.id, m.id);
      if (!compatible(m)) {
        o.disabled = true;
        o.textContent = `${m.id} (needs ${m.kind === 'classifier' ? 'a class target' : 'a numeric target'})`;
      }
      g.append(o);
    }
    return g;
  }).filter((g) => g.childElementCount > 0);
  els.model.replaceChildren(...groups);
  const usable = models.filter(compatible);
  const next = usable.find((m) => m.id === keep) ?? usable[0] ?? models[0];
  els.model.value = next.id;
  if (next.id !== keep || els.spaceFields.childElementCount === 0) onModelChange();
  else {
    refreshScoring();
    updatePlan();
  }
}

function onModelChange(): void {
  const m = currentModel();
  const preferred = preferredMetric(m);
  els.modelSummary.textContent = `${m.summary} Scored by ${metricInfo(preferred)?.label ?? preferred}` +
    (preferred !== m.defaultMetric ? ` here (the library's default, ${m.defaultMetric}, always favours more clusters).` : '.');
  renderSpaceEditor(defaultRanges(m));
  const noneOpt = [...els.cv.options].find((o) => o.value === 'none')!;
  noneOpt.disabled = m.kind !== 'clusterer';
  // Clustering needs no held-out rows to be scored: fit on all rows unless asked otherwise.
  els.cv.value = m.kind === 'clusterer' ? 'none' : els.cv.value === 'none' ? 'kfold' : els.cv.value;
  refreshScoring();
  updatePlan();
}

function refreshScoring(): void {
  const m = currentModel();
  const nClasses = data?.task === 'classification' ? data.classLabels.length : 0;
  const keep = els.scoring.value;
  const list = metricsFor(m, m.kind === 'regressor' ? 0 : nClasses);
  els.scoring.replaceChildren(...list.map((x) => option(x.name, `${x.label}${x.greaterIsBetter ? '' : ' (lower is better)'}`)));
  if (list.some((x) => x.name === keep)) els.scoring.value = keep;
}

function typeHint(s: HyperparameterSchema): string {
  const bounds = (min?: number, max?: number, exclusive?: boolean): string =>
    [min !== undefined ? `${exclusive ? '>' : '≥'} ${min}` : '', max !== undefined ? `≤ ${max}` : ''].filter(Boolean).join(', ');
  switch (s.type) {
    case 'int':
      return `integer ${bounds(s.min, s.max)}`.trim();
    case 'float':
      return `number ${bounds(s.min, s.max, s.exclusiveMin)}`.trim();
    case 'enum':
      return 'one of the values';
    case 'bool':
      return 'true or false';
    case 'int-array':
      return `list of integers ≥ ${s.min}, e.g. [${s.default.join(', ')}]`;
  }
}

function renderSpaceEditor(initial: Record<string, string>): void {
  const m = currentModel();
  const rows = Object.entries(m.hyperparameters).map(([name, schema]) => {
    const id = `hp-${name}`;
    const row = h('div', 'hp');
    row.dataset.name = name;
    row.dataset.type = schema.type;
    const doc = h('small', 'doc', schema.doc);
    doc.id = `${id}-doc`;
    const err = h('small', 'field-error');
    err.id = `${id}-err`;
    err.hidden = true;
    if (schema.type === 'enum' || schema.type === 'bool') {
      const fs = h('fieldset', 'choices');
      const legend = h('legend');
      legend.append(h('code', undefined, name), h('span', 'type', ` default ${fmtValue(schema.default)}`));
      fs.append(legend);
      const values = schema.type === 'bool' ? [true, false] : [...schema.values];
      const picked = splitList(initial[name] ?? '');
      values.forEach((v, k) => {
        const label = h('label', 'choice');
        const box = h('input');
        box.type = 'checkbox';
        box.id = `${id}-${k}`;
        box.value = JSON.stringify(v);
        box.checked = picked.includes(v as Value);
        box.setAttribute('aria-describedby', doc.id);
        label.append(box, document.createTextNode(` ${fmtValue(v)}`));
        fs.append(label);
      });
      fs.append(h('small', 'hint-inline', 'none ticked = default'));
      row.append(fs, doc);
    } else {
      const label = h('label', 'hp-label');
      label.htmlFor = id;
      label.append(h('code', undefined, name), h('span', 'type', ` ${typeHint(schema)}, default ${fmtValue(schema.default)}`));
      const input = h('input');
      input.id = id;
      input.name = name;
      input.type = 'text';
      input.autocomplete = 'off';
      input.spellcheck = false;
      input.value = initial[name] ?? '';
      input.placeholder = `default (${fmtValue(schema.default)})`;
      input.setAttribute('aria-describedby', `${doc.id} ${err.id}`);
      row.append(label, input, err, doc);
    }
    return row;
  });
  els.spaceFields.replaceChildren(...rows);
}

type DimSpec = Distribution | Value[];
/** One hyperparameter of the space as the user wrote it. */
interface Dim {
  name: string;
  spec: DimSpec;
  text: string;
  size: number;
}

/** Reads the editor into tune()'s space; marks fields that do not parse. */
function readSpace(): { dims: Dim[]; invalid: HTMLElement[] } {
  const dims: Dim[] = [];
  const invalid: HTMLElement[] = [];
  const m = currentModel();
  for (const row of els.spaceFields.querySelectorAll<HTMLDivElement>('.hp')) {
    const name = row.dataset.name!;
    const schema = m.hyperparameters[name];
    if (!schema) continue;
    if (schema.type === 'enum' || schema.type === 'bool') {
      const values = [...row.querySelectorAll<HTMLInputElement>('input[type=checkbox]')].filter((b) => b.checked).map((b) => JSON.parse(b.value) as Value);
      if (values.length > 0) dims.push({ name, spec: values, text: values.map(fmtValue).join(', '), size: values.length });
      continue;
    }
    const input = row.querySelector('input')!;
    const err = row.querySelector<HTMLElement>('.field-error')!;
    try {
      const spec = parseRange(input.value, schema.type === 'int');
      input.removeAttribute('aria-invalid');
      err.hidden = true;
      if (spec !== null) dims.push({ name, spec, text: input.value.trim(), size: gridSize(spec) });
    } catch (e) {
      input.setAttribute('aria-invalid', 'true');
      err.hidden = false;
      err.textContent = (e as Error).message;
      invalid.push(input);
    }
  }
  return { dims, invalid };
}

/** How many candidates the search will score (random search over a small discrete space stops at its size). */
function plannedCandidates(dims: Dim[]): number {
  const gridTotal = dims.reduce((p, d) => p * d.size, 1);
  return els.strategy.value === 'random' ? Math.min(intOf(els.trials, 30, 1), gridTotal) : gridTotal;
}

function updatePlan(): void {
  const random = els.strategy.value === 'random';
  els.trials.disabled = !random;
  els.folds.disabled = els.cv.value !== 'kfold';
  const { dims, invalid } = readSpace();
  els.plan.classList.remove('warn');
  if (invalid.length > 0) {
    els.plan.textContent = 'Fix the highlighted search-space field to see the plan.';
    els.plan.classList.add('warn');
    return;
  }
  const gridTotal = dims.reduce((p, d) => p * d.size, 1);
  const folds = els.cv.value === 'kfold' ? intOf(els.folds, 5, 2, 20) : 1;
  const foldWord = els.cv.value === 'kfold' ? `${folds} folds` : els.cv.value === 'holdout' ? '1 holdout split' : 'no CV';
  if (!random && !Number.isFinite(gridTotal)) {
    els.plan.textContent = 'A continuous range cannot be listed as a grid: switch to random search, or give a count (e.g. "log 9") or a step.';
    els.plan.classList.add('warn');
    return;
  }
  const candidates = plannedCandidates(dims);
  const fits = candidates * folds;
  els.plan.textContent =
    `${random ? 'Random' : 'Grid'}: ${candidates.toLocaleString('en')} candidate${candidates === 1 ? '' : 's'} × ${foldWord} = ` +
    `${fits.toLocaleString('en')} fit${fits === 1 ? '' : 's'}, then one refit on all rows.`;
  if (fits > 20_000) {
    els.plan.textContent += ' That is a lot for a browser tab; consider random search.';
    els.plan.classList.add('warn');
  }
}

// ---------- running ----------

function ensurePool(workers: number): WorkerPool {
  if (!pool || pool.isDisposed || pool.size !== workers) {
    mapController?.abort();
    pool?.dispose();
    // Idle workers are stopped after a while so an idle page holds no threads; they respawn on demand.
    pool = createPool({ workers, idleTimeoutMs: 60_000 });
  }
  return pool;
}

function setRunning(running: boolean): void {
  els.run.disabled = running;
  els.cancel.disabled = !running;
  els.run.textContent = running ? 'Running…' : 'Run search';
}

function cvOption(kind: ModelInfo['kind'], seed: number): { folds: number; shuffle: true; seed: number } | { holdout: number; shuffle: true; seed: number } | undefined {
  if (els.cv.value === 'kfold') return { folds: intOf(els.folds, 5, 2, 20), shuffle: true, seed };
  if (els.cv.value === 'holdout') return { holdout: 0.2, shuffle: true, seed };
  return kind === 'clusterer' ? undefined : { folds: 5, shuffle: true, seed };
}

async function run(): Promise<void> {
  showError(null);
  if (controller) return;
  if (!data) {
    showError('The data cannot be used yet: fix the problem shown under “Data”, or pick another dataset.');
    return;
  }
  const { dims, invalid } = readSpace();
  if (invalid.length > 0) {
    showError('A search-space field does not parse: see the message under it.');
    invalid[0].focus();
    return;
  }
  const m = currentModel();
  if (!compatible(m)) {
    showError(`${m.id} does not fit this target; pick another model or change “The target is”.`);
    return;
  }
  const seed = intOf(els.seed, 42, 0, 0xffffffff);
  const workers = intOf(els.workers, 2, 1, 16);
  const supervised = m.kind !== 'clusterer';
  const scoring = els.scoring.value || preferredMetric(m);
  const preprocess = els.standardize.checked ? 'standardize' : 'none';
  const search = els.strategy.value === 'random'
    ? { strategy: 'random' as const, trials: intOf(els.trials, 30, 1, 100_000) }
    : { strategy: 'grid' as const };
  const cv = cvOption(m.kind, seed);
  const y = supervised || data.task === 'classification' ? data.y : undefined;
  const space = Object.fromEntries(dims.map((d) => [d.name, d.spec]));

  setup = { model: m, data, dims, scoring, seed, preprocess, supervised, datasetId: els.dataset.value };
  mapController?.abort();
  resetResults();
  renderCode({ model: m.id, dims, search, cv, scoring, preprocess, seed, hasY: y !== undefined });
  const usePool = ensurePool(workers);
  controller = new AbortController();
  const signal = controller.signal;
  setRunning(true);
  setState('running');
  // On a narrow screen the results are below the form: bring the progress into view.
  if (window.matchMedia('(max-width: 980px)').matches) els.progress.closest('section')?.scrollIntoView({ block: 'start' });
  const planned = plannedCandidates(dims);
  if (Number.isFinite(planned)) {
    els.progress.max = Math.max(1, planned);
    els.progressCount.textContent = `0 / ${planned}`;
  }
  els.progressText.textContent = 'Starting workers…';
  const started = performance.now();
  let lastProgress: ProgressEvent | null = null;
  /** The running line: scored so far, elapsed, ETA once the pace is known, best so far. */
  const showRunning = (): void => {
    const elapsed = ` · ${seconds(performance.now() - started)} elapsed`;
    const p = lastProgress;
    if (!p || p.done === 0) {
      els.progressText.textContent = `Training and scoring on ${workers} worker${workers === 1 ? '' : 's'}${elapsed}. ` +
        'A candidate appears once all its folds are scored.';
      return;
    }
    // The pace is only a guide once a fair share has finished (folds of many candidates run side by side).
    const eta = Number.isFinite(p.etaMs) && p.done < p.total && p.done >= p.total * 0.05 ? ` · about ${seconds(p.etaMs)} left` : '';
    const best = p.best ? ` · best so far: ${scoring} ${fmtNum(p.best.meanScore)}` : '';
    els.progressText.textContent = `${p.done} of ${p.total} candidates scored${elapsed}${eta}${best}`;
  };
  const ticker = setInterval(showRunning, 500);
  els.progress.removeAttribute('value'); // indeterminate until the first candidate is scored
  renderLive();
  renderTrials();
  try {
    const res = await tune<ClassLabel>({
      model: m.id as ModelId,
      data: { X: data.X, y },
      space,
      search,
      cv,
      scoring,
      preprocess,
      seed,
      pool: usePool,
      workers,
      signal,
      onTrial: (t) => {
        completed.push(t);
        scheduleLiveRender();
      },
      onProgress: (p) => {
        lastProgress = p;
        els.progress.max = Math.max(1, p.total);
        els.progress.value = p.done;
        els.progressCount.textContent = `${p.done} / ${p.total}`;
        showRunning();
      },
    });
    result = res;
    els.progress.max = Math.max(1, res.trials.length);
    els.progress.value = res.trials.length;
    els.progressCount.textContent = `${res.trials.length} / ${res.trials.length}`;
    const failed = res.trials.filter((t) => t.status === 'failed').length;
    const folds = res.cv ? `${res.cv.folds} fold${res.cv.folds === 1 ? '' : 's'}` : 'no CV';
    els.progressText.textContent =
      `Done: ${res.trials.length} candidates × ${folds} in ${seconds(res.elapsedMs)} on ${res.workers} worker${res.workers === 1 ? '' : 's'}.` +
      (res.best ? ` Best ${scoring}: ${fmtNum(res.best.score)} (${direction(scoring)}).` : ' Every trial failed: see the status column.') +
      (failed > 0 && res.best ? ` ${failed} trial${failed === 1 ? '' : 's'} failed.` : '');
    renderLive();
    renderTrials();
    renderBest(res);
    setExports(res);
    setState('done');
    void drawMap();
  } catch (e) {
    const err = e as Error;
    renderLive();
    if (err.name === 'AbortError') {
      const total = Number(els.progress.max) || 0;
      els.progressText.textContent = `Cancelled after ${completed.length} of ${total} candidates (${seconds(performance.now() - started)}). ` +
        'The plots and the table show the trials that finished.';
      setState('cancelled');
    } else {
      showError(describeError(err));
      els.progressText.textContent = 'The search did not run.';
      setState('error');
    }
  } finally {
    clearInterval(ticker);
    if (!els.progress.hasAttribute('value')) els.progress.value = 0;
    controller = null;
    setRunning(false);
  }
}

function destroyCharts(): void {
  charts.history?.destroy();
  charts.heat?.destroy();
  charts.map?.destroy();
  for (const c of charts.params) c.destroy();
  charts.history = charts.heat = charts.map = null;
  charts.params = [];
}

function resetResults(): void {
  completed = [];
  result = null;
  sortKey = { col: 'rank', dir: 1 };
  destroyCharts();
  els.progress.value = 0;
  els.progress.max = 1;
  els.progressCount.textContent = '0 / …';
  els.intro.hidden = true;
  els.bestPanel.hidden = true;
  els.mapPanel.hidden = true;
  delete els.mapPanel.dataset.state;
  els.plotsPanel.hidden = false;
  els.trialsPanel.hidden = false;
  els.codePanel.hidden = false;
  clearExports();
  const s = setup!;
  const greater = greaterIsBetter(s.scoring);
  charts.history = new HistoryChart(els.historyChart, s.scoring, greater);
  const varying = s.dims.filter((d) => d.size > 1);
  els.paramCharts.replaceChildren();
  for (const d of varying) {
    const box = h('figure', 'param-chart');
    const cap = h('figcaption', undefined, '');
    cap.append(h('code', undefined, d.name), document.createTextNode(` (${d.text})`));
    const area = h('div', 'chart');
    area.setAttribute('role', 'img');
    area.setAttribute('aria-label', `${s.scoring} against ${d.name}`);
    box.append(cap, area);
    els.paramCharts.append(box);
    charts.params.push(new ParamChart(area, paramAxis(d), s.scoring, greater));
  }
  if (varying.length === 0) els.paramCharts.append(h('p', 'hint', 'No hyperparameter varies in this search (every one is fixed or at its default).'));
  setupHeatmap();
}

function listedValues(d: Dim): Value[] | null {
  const s = d.spec;
  if (Array.isArray(s)) return s;
  if (s.kind === 'choice') return [...s.values];
  if (s.kind === 'int') return Array.from({ length: d.size }, (_, i) => s.low + i * s.step);
  if (s.kind === 'float' && s.step !== null) return Array.from({ length: d.size }, (_, i) => Number((s.low + i * s.step!).toPrecision(12)));
  return null;
}

function paramAxis(d: Dim): ParamAxis {
  const values = listedValues(d);
  if (values && values.some((v) => typeof v !== 'number')) return { name: d.name, categories: values, log: false };
  const spec = d.spec;
  if (!Array.isArray(spec) && spec.kind !== 'choice') return { name: d.name, categories: null, log: spec.log };
  const nums = (values ?? []) as number[];
  const lo = Math.min(...nums);
  const hi = Math.max(...nums);
  const log = lo > 0 && hi / lo >= 50;
  // A few listed numbers (p: 1, 2) read better as evenly spaced categories than as two dots at the ends of an axis.
  if (!log && nums.length <= 8) return { name: d.name, categories: [...nums].sort((a, b) => a - b), log: false };
  return { name: d.name, categories: null, log };
}

function setupHeatmap(): void {
  const s = setup!;
  const dims = s.dims.filter((d) => d.size > 1 && Number.isFinite(d.size) && d.size <= 60);
  els.heatBlock.hidden = dims.length < 2;
  if (dims.length < 2) return;
  const byCount = [...dims].sort((a, b) => b.size - a.size);
  const fill = (sel: HTMLSelectElement, pick: string): void => {
    sel.replaceChildren(...dims.map((d) => option(d.name, d.name)));
    sel.value = pick;
  };
  fill(els.heatX, byCount[0].name);
  fill(els.heatY, byCount[1].name);
  buildHeatmap();
}

function buildHeatmap(): void {
  const s = setup;
  if (!s) return;
  charts.heat?.destroy();
  charts.heat = null;
  const dx = s.dims.find((d) => d.name === els.heatX.value);
  const dy = s.dims.find((d) => d.name === els.heatY.value);
  if (!dx || !dy || dx === dy) {
    els.heatNote.textContent = 'Pick two different hyperparameters.';
    els.heatChart.replaceChildren();
    return;
  }
  const others = s.dims.filter((d) => d.size > 1 && d !== dx && d !== dy).map((d) => d.name);
  els.heatNote.textContent = others.length
    ? `Each cell shows the best mean ${s.scoring} over the other hyperparameters (${others.join(', ')}).`
    : `Each cell is one candidate's mean ${s.scoring} over the folds.`;
  const greater = greaterIsBetter(s.scoring);
  charts.heat = new HeatmapChart(
    els.heatChart,
    { name: dx.name, values: listedValues(dx)! },
    { name: dy.name, values: listedValues(dy)! },
    s.scoring,
    greater,
    (worst, best) => {
      els.heatLo.textContent = `${fmtNum(worst)} (worst)`;
      els.heatHi.textContent = `${fmtNum(best)} (best)`;
    },
  );
  charts.heat.update(result ? result.trials : completed);
}

let liveTimer: ReturnType<typeof setTimeout> | null = null;

/** Coalesces trial arrivals: the charts and table redraw at most every 150 ms during a search. */
function scheduleLiveRender(): void {
  if (liveTimer) return;
  liveTimer = setTimeout(() => {
    liveTimer = null;
    renderLive();
    renderTrials();
  }, 150);
}

function renderLive(): void {
  if (liveTimer) {
    clearTimeout(liveTimer);
    liveTimer = null;
  }
  // Empty charts look broken: say what is going on until there is something to draw.
  const empty = completed.length === 0;
  els.plotsEmpty.hidden = !empty;
  els.plotsBody.classList.toggle('pending', empty);
  if (empty) {
    els.plotsEmpty.textContent = controller ? 'Waiting for the first scored candidate…' : 'No candidate finished before the search stopped.';
    return;
  }
  charts.history?.update(completed);
  for (const c of charts.params) c.update(completed);
  charts.heat?.update(completed);
}

// ---------- trials table ----------

function renderTrials(): void {
  const rows = result ? result.trials : completed;
  const s = setup;
  const names = s ? s.dims.map((d) => d.name) : [];
  for (const t of rows) for (const k of Object.keys(t.params)) if (!names.includes(k)) names.push(k);
  const scoring = s?.scoring ?? 'score';
  const cols: { key: string; label: string; numeric: boolean }[] = [
    { key: 'rank', label: 'rank', numeric: true },
    { key: 'index', label: '#', numeric: true },
    ...names.map((n) => ({ key: `p:${n}`, label: n, numeric: false })),
    { key: 'meanScore', label: `mean ${scoring}`, numeric: true },
    { key: 'stdScore', label: '± std', numeric: true },
    { key: 'fitMs', label: 'fit ms', numeric: true },
    { key: 'status', label: 'status', numeric: false },
  ];
  const head = h('tr');
  for (const c of cols) {
    const th = h('th');
    th.scope = 'col';
    const active = sortKey.col === c.key;
    th.setAttribute('aria-sort', active ? (sortKey.dir === 1 ? 'ascending' : 'descending') : 'none');
    const b = h('button', 'sort', c.label);
    b.type = 'button';
    b.append(h('span', 'arrow', active ? (sortKey.dir === 1 ? ' ▲' : ' ▼') : ''));
    b.addEventListener('click', () => {
      sortKey = { col: c.key, dir: sortKey.col === c.key ? (-sortKey.dir as 1 | -1) : 1 };
      renderTrials();
      els.trialsTable.querySelector<HTMLButtonElement>(`th:nth-child(${cols.indexOf(c) + 1}) button`)?.focus();
    });
    th.append(b);
    head.append(th);
  }
  const value = (t: TrialResult, key: string): unknown => {
    if (key.startsWith('p:')) return t.params[key.slice(2)];
    if (key === 'rank') return t.rank === 0 ? Infinity : t.rank;
    return (t as unknown as Record<string, unknown>)[key];
  };
  const sorted = [...rows].sort((a, b) => {
    const va = value(a, sortKey.col);
    const vb = value(b, sortKey.col);
    const na = typeof va === 'number' && !Number.isNaN(va);
    const nb = typeof vb === 'number' && !Number.isNaN(vb);
    let cmp: number;
    if (na && nb) cmp = (va as number) - (vb as number) || 0;
    else if (na !== nb) return na ? -1 : 1; // NaN and missing values last, whatever the direction
    else cmp = String(va).localeCompare(String(vb));
    return (cmp || a.index - b.index) * sortKey.dir;
  });
  const body = h('tbody');
  if (sorted.length === 0) {
    const tr = h('tr', 'empty');
    const td = h('td', undefined, controller ? 'Trials appear here as they finish…' : 'No trials.');
    td.colSpan = cols.length;
    tr.append(td);
    body.append(tr);
  }
  for (const t of sorted) {
    const tr = h('tr', t.rank === 1 ? 'best' : t.status === 'failed' ? 'failed' : undefined);
    for (const c of cols) {
      let text: string;
      if (c.key === 'rank') text = t.rank === 0 ? '…' : String(t.rank);
      else if (c.key === 'meanScore' || c.key === 'stdScore') {
        const v = value(t, c.key) as number;
        text = t.status === 'ok' ? fmtNum(tiny(v)) : '–';
      }
      else if (c.key === 'fitMs') text = t.fitMs.toFixed(1);
      else text = fmtValue(value(t, c.key));
      const td = h('td', c.numeric ? 'n' : undefined, text);
      if (c.key === 'status' && t.error) td.title = t.error;
      tr.append(td);
    }
    body.append(tr);
  }
  const thead = h('thead');
  thead.append(head);
  const caption = h('caption', 'visually-hidden', `Trials, sorted by ${sortKey.col} ${sortKey.dir === 1 ? 'ascending' : 'descending'}`);
  els.trialsTable.replaceChildren(caption, thead, body);
}

// ---------- best model ----------

function renderBest(res: TuneResult<ClassLabel>): void {
  const s = setup!;
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

// ---------- the fitted model, drawn ----------

function fillMapPickers(): void {
  const s = setup!;
  const names = s.data.featureNames;
  const builtin = DATASETS.find((d) => d.id === s.datasetId);
  let [a, b] = builtin && builtin.pair[1] < names.length ? builtin.pair : [0, 1];
  if (names.length < 2) [a, b] = [0, 0];
  els.mapX.replaceChildren(...names.map((n, j) => option(String(j), n)));
  els.mapY.replaceChildren(...names.map((n, j) => option(String(j), n)));
  els.mapX.value = String(a);
  els.mapY.value = String(b);
}

let mapToken = 0;

async function drawMap(refill = true): Promise<void> {
  const s = setup;
  const res = result;
  if (!s || !res?.model || !res.best) return;
  if (refill) fillMapPickers();
  const names = s.data.featureNames;
  els.mapPanel.hidden = false;
  if (names.length < 2) {
    els.mapNote.textContent = 'The picture needs at least two features.';
    els.mapPanel.dataset.state = 'unavailable';
    return;
  }
  const xi = Number(els.mapX.value);
  const yi = Number(els.mapY.value);
  if (xi === yi) {
    els.mapNote.textContent = 'Pick two different features.';
    return;
  }
  const token = ++mapToken;
  mapController?.abort();
  mapController = new AbortController();
  els.mapPanel.dataset.state = 'busy';
  const X2 = s.data.X.map((r) => [r[xi], r[yi]]);
  const yFor = s.supervised || s.data.task === 'classification' ? s.data.y : null;
  let model: FittedModel<ClassLabel>;
  let note: string;
  try {
    if (names.length === 2 && xi === 0 && yi === 1) {
      model = res.model;
      note = 'The data has two features, so this is the best model itself: predictions over the plane, data on top.';
    } else {
      els.mapNote.textContent = `Refitting the chosen hyperparameters on ${names[xi]} and ${names[yi]}…`;
      // The real model lives in all the features; to draw it, train the same hyperparameters on just these two.
      const two = await tune<ClassLabel>({
        model: s.model.id,
        data: { X: X2, y: yFor ?? undefined },
        space: { ...res.best.params },
        cv: s.supervised ? { holdout: 0.25, shuffle: true, seed: s.seed } : undefined,
        scoring: s.scoring,
        preprocess: s.preprocess,
        seed: s.seed,
        pool: pool ?? undefined,
        workers: 1,
        signal: mapController.signal,
      });
      if (!two.model || !two.best) throw new Error(two.trials[0]?.error ?? 'the refit on two features failed');
      model = two.model;
      const score = s.supervised ? ` (its ${metricInfo(s.scoring)?.label ?? s.scoring} on a 25% holdout: ${fmtNum(two.best.score)})` : '';
      note = `A model with the chosen hyperparameters, refit on just ${names[xi]} and ${names[yi]}${score}. ` +
        `The real model uses all ${names.length} features, so this is a simplified view of it.`;
    }
    if (token !== mapToken) return;
    const { picture, legend } = paintModel({
      model,
      X: X2,
      y: yFor,
      xName: names[xi],
      yName: names[yi],
      classLabels: s.data.classLabels,
      classCodes: sortClasses(s.data.y),
    });
    charts.map?.destroy();
    charts.map = new MapChart(els.mapChart, picture);
    const kindWord = model.kind === 'classifier' ? 'Background: the predicted class (paler where the model is less sure). Dots: the rows, coloured by their true class.'
      : model.kind === 'clusterer' ? 'Background: the cluster each point would join. Dots: the rows, by cluster. Crosses: the learned centres.'
      : 'Background: the predicted value. Dots: the rows, coloured by their true value.';
    els.mapNote.textContent = `${note} ${kindWord}`;
    els.mapLegend.replaceChildren(
      ...legend.map((item) => {
        const li = h('li');
        if (item.color) {
          const sw = h('span', 'swatch');
          sw.style.backgroundColor = item.color;
          li.append(sw);
        }
        li.append(document.createTextNode(item.label));
        if (item.ramp) li.append(h('span', 'ramp'));
        return li;
      }),
    );
    els.mapPanel.dataset.state = 'done';
  } catch (e) {
    if (token !== mapToken || (e as Error).name === 'AbortError') return;
    charts.map?.destroy();
    charts.map = null;
    els.mapLegend.replaceChildren();
    els.mapNote.textContent = `Could not draw the model on these two features: ${describeError(e)}`;
    els.mapPanel.dataset.state = 'error';
  }
}

// ---------- exports and code ----------

function clearExports(): void {
  for (const url of exportUrls.splice(0)) URL.revokeObjectURL(url);
  for (const a of [els.exportJson, els.exportCsv]) {
    a.removeAttribute('href');
    a.setAttribute('aria-disabled', 'true');
  }
}

function setExports(res: TuneResult<ClassLabel>): void {
  clearExports();
  const s = setup!;
  const base = `hyperwasm-${s.datasetId}-${s.model.id}`;
  const link = (a: HTMLAnchorElement, content: string, type: string, ext: string): void => {
    const url = URL.createObjectURL(new Blob([content], { type }));
    exportUrls.push(url);
    a.href = url;
    a.download = `${base}.${ext}`;
    a.removeAttribute('aria-disabled');
  };
  const json = JSON.stringify({ dataset: s.data.name, modelId: s.model.id, ...res.toJSON() }, (_k, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? null : v), 2);
  link(els.exportJson, json, 'application/json', 'json');
  link(els.exportCsv, res.toCSV(), 'text/csv', 'csv');
}

function renderCode(o: {
  model: string;
  dims: Dim[];
  search: { strategy: 'grid' } | { strategy: 'random'; trials: number };
  cv: object | undefined;
  scoring: string;
  preprocess: string;
  seed: number;
  hasY: boolean;
}): void {
  const helpers = new Set<string>(['tune']);
  for (const d of o.dims) if (!Array.isArray(d.spec)) helpers.add(d.spec.kind === 'choice' ? 'choice' : d.spec.kind);
  const space = o.dims.length
    ? `{\n${o.dims.map((d) => `    ${d.name}: ${toCode(d.spec)},`).join('\n')}\n  }`
    : '{}';
  const lit = (v: object): string => JSON.stringify(v).replace(/"(\w+)":/g, '$1: ').replace(/,/g, ', ').replace(/"/g, "'").replace(/^\{/, '{ ').replace(/\}$/, ' }');
  const lines = [
    `import { ${[...helpers].join(', ')} } from 'hyperwasm';`,
    '',
    'const result = await tune({',
    `  model: '${o.model}',`,
    `  data: { X${o.hasY ? ', y' : ''} },`,
    `  space: ${space},`,
    `  search: ${lit(o.search)},`,
    ...(o.cv ? [`  cv: ${lit(o.cv)},`] : []),
    `  scoring: '${o.scoring}',`,
    `  preprocess: '${o.preprocess}',`,
    `  seed: ${o.seed},`,
    '});',
    'result.best.params;       // the chosen hyperparameters',
    'result.model.parameters;  // what training learned',
    'result.model.predict(newRows);',
  ];
  els.code.textContent = lines.join('\n');
}

// ---------- wiring ----------

els.dataset.addEventListener('change', () => {
  void selectDataset(els.dataset.value).catch((e) => showDataError(describeError(e)));
});
els.csvFile.addEventListener('change', () => {
  const file = els.csvFile.files?.[0];
  if (file) void onUpload(file);
});
els.target.addEventListener('change', () => {
  if (raw) els.task.value = guessTask(raw, Number(els.target.value));
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
for (const e of [els.strategy, els.trials, els.cv, els.folds]) e.addEventListener('input', updatePlan);
els.setup.addEventListener('submit', (e) => {
  e.preventDefault();
  void run();
});
els.cancel.addEventListener('click', () => controller?.abort());
document.addEventListener('keydown', (e) => {
  if (e.key === 'Escape' && controller) controller.abort();
});
els.heatX.addEventListener('change', buildHeatmap);
els.heatY.addEventListener('change', buildHeatmap);
els.mapX.addEventListener('change', () => void drawMap(false));
els.mapY.addEventListener('change', () => void drawMap(false));
for (const a of [els.exportJson, els.exportCsv]) {
  a.addEventListener('click', (e) => {
    if (a.getAttribute('aria-disabled') === 'true') e.preventDefault();
  });
}

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
