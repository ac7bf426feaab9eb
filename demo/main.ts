import { tune, createPool, listModels, TuneError, type ModelInfo, type TrialResult, type TuneResult, type ModelId } from '../src/index';
import { DATASETS, loadBuiltin, type Table } from './datasets';
import { parseRange, DEFAULT_RANGES } from './space-syntax';

const $ = <T extends HTMLElement>(id: string): T => document.getElementById(id) as T;
const els = {
  dataset: $<HTMLSelectElement>('dataset'),
  model: $<HTMLSelectElement>('model'),
  strategy: $<HTMLSelectElement>('strategy'),
  trials: $<HTMLInputElement>('trials'),
  folds: $<HTMLInputElement>('folds'),
  seed: $<HTMLInputElement>('seed'),
  workers: $<HTMLInputElement>('workers'),
  standardize: $<HTMLInputElement>('standardize'),
  spaceFields: $<HTMLDivElement>('space-fields'),
  run: $<HTMLButtonElement>('run'),
  cancel: $<HTMLButtonElement>('cancel'),
  progress: $<HTMLProgressElement>('progress'),
  progressText: $<HTMLSpanElement>('progress-text'),
  error: $<HTMLParagraphElement>('error'),
  summary: $<HTMLParagraphElement>('data-summary'),
  bestPanel: $<HTMLElement>('best-panel'),
  bestHyper: $<HTMLElement>('best-hyper'),
  bestScore: $<HTMLElement>('best-score'),
  bestParams: $<HTMLElement>('best-params'),
  trialsTable: $<HTMLTableElement>('trials-table'),
};

const models = listModels();
let table: Table | null = null;
let controller: AbortController | null = null;
let pool = createPool({ workers: Number(els.workers.value) || 2 });
let rows: TrialResult[] = [];
let sortKey: { col: string; dir: 1 | -1 } = { col: 'rank', dir: 1 };

function option(value: string, label: string): HTMLOptionElement {
  const o = document.createElement('option');
  o.value = value;
  o.textContent = label;
  return o;
}

for (const d of DATASETS) els.dataset.append(option(d.id, d.label));

function currentModel(): ModelInfo {
  return models.find((m) => m.id === els.model.value) ?? models[0];
}

function fillModels(): void {
  const ds = DATASETS.find((d) => d.id === els.dataset.value)!;
  const kinds = ds.task === 'classification' ? ['classifier', 'clusterer'] : ['regressor'];
  const keep = els.model.value;
  els.model.replaceChildren(...models.filter((m) => kinds.includes(m.kind)).map((m) => option(m.id, `${m.id} (${m.kind})`)));
  if ([...els.model.options].some((o) => o.value === keep)) els.model.value = keep;
  renderSpaceEditor();
}

function renderSpaceEditor(): void {
  const m = currentModel();
  const defaults = DEFAULT_RANGES[m.id] ?? {};
  els.spaceFields.replaceChildren(
    ...Object.entries(m.hyperparameters).map(([name, schema]) => {
      const label = document.createElement('label');
      label.className = 'space-field';
      const title = document.createElement('span');
      title.textContent = name;
      const input = document.createElement('input');
      input.name = name;
      input.value = defaults[name] ?? '';
      input.placeholder = `default ${JSON.stringify(schema.default)}`;
      input.dataset.integer = String(schema.type === 'int');
      const hint = document.createElement('small');
      hint.textContent = schema.type === 'enum' ? `${schema.doc} Values: ${schema.values.join(', ')}` : schema.doc;
      label.append(title, input, hint);
      return label;
    }),
  );
}

async function loadData(): Promise<void> {
  const ds = DATASETS.find((d) => d.id === els.dataset.value)!;
  els.summary.textContent = `Loading ${ds.label}...`;
  table = await loadBuiltin(ds);
  const classes = new Set(table.y).size;
  els.summary.textContent = `${table.X.length} rows x ${table.X[0].length} features` +
    (ds.task === 'classification' ? `, ${classes} classes.` : ', continuous target.');
}

function showError(message: string | null): void {
  els.error.hidden = message === null;
  els.error.textContent = message ?? '';
}

function buildSpace(): Record<string, unknown> {
  const space: Record<string, unknown> = {};
  for (const input of els.spaceFields.querySelectorAll('input')) {
    const parsed = parseRange(input.value, input.dataset.integer === 'true');
    if (parsed !== null) space[input.name] = parsed;
  }
  return space;
}

function fmt(v: unknown): string {
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : v.toPrecision(4);
  return String(v);
}

function renderTrials(): void {
  const names = [...new Set(rows.flatMap((t) => Object.keys(t.params)))];
  const cols = ['rank', ...names, 'meanScore', 'stdScore', 'fitMs', 'status'];
  const head = document.createElement('tr');
  for (const c of cols) {
    const th = document.createElement('th');
    th.scope = 'col';
    const b = document.createElement('button');
    b.type = 'button';
    b.textContent = c + (sortKey.col === c ? (sortKey.dir === 1 ? ' ▲' : ' ▼') : '');
    b.addEventListener('click', () => {
      sortKey = { col: c, dir: sortKey.col === c ? (-sortKey.dir as 1 | -1) : 1 };
      renderTrials();
    });
    th.append(b);
    head.append(th);
  }
  els.trialsTable.tHead!.replaceChildren(head);
  const value = (t: TrialResult, c: string): unknown =>
    c in t.params ? t.params[c] : (t as unknown as Record<string, unknown>)[c];
  const sorted = [...rows].sort((a, b) => {
    const va = value(a, sortKey.col);
    const vb = value(b, sortKey.col);
    const cmp = typeof va === 'number' && typeof vb === 'number' ? va - vb : String(va).localeCompare(String(vb));
    return cmp * sortKey.dir;
  });
  els.trialsTable.tBodies[0].replaceChildren(
    ...sorted.map((t) => {
      const tr = document.createElement('tr');
      if (t.rank === 1) tr.className = 'best';
      for (const c of cols) {
        const td = document.createElement('td');
        td.textContent = c === 'rank' && t.rank === 0 ? '…' : fmt(value(t, c));
        tr.append(td);
      }
      return tr;
    }),
  );
}

function renderLearned(value: unknown): HTMLElement {
  const span = document.createElement('span');
  if (ArrayBuffer.isView(value)) {
    const arr = Array.from(value as Float64Array);
    const shown = arr.slice(0, 24).map(fmt).join(', ');
    span.textContent = `[${shown}${arr.length > 24 ? `, … (${arr.length} values)` : ''}]`;
  } else span.textContent = fmt(value);
  return span;
}

function renderBest(result: TuneResult): void {
  if (!result.best || !result.model) return;
  els.bestPanel.hidden = false;
  els.bestHyper.replaceChildren(
    ...Object.entries(result.best.params).flatMap(([k, v]) => {
      const dt = document.createElement('dt');
      dt.textContent = k;
      const dd = document.createElement('dd');
      dd.textContent = fmt(v);
      return [dt, dd];
    }),
  );
  els.bestScore.textContent = `Cross-validated ${result.scoring[0]}: ${fmt(result.best.score)} (rank 1 of ${result.trials.length}).`;
  const dl = document.createElement('dl');
  for (const [k, v] of Object.entries(result.model.parameters)) {
    const dt = document.createElement('dt');
    dt.textContent = k;
    const dd = document.createElement('dd');
    dd.append(renderLearned(v));
    dl.append(dt, dd);
  }
  els.bestParams.replaceChildren(dl);
}

async function run(): Promise<void> {
  showError(null);
  if (!table) await loadData();
  const workers = Math.max(1, Math.floor(Number(els.workers.value) || 1));
  if (pool.size !== workers) {
    pool.dispose();
    pool = createPool({ workers });
  }
  rows = [];
  renderTrials();
  els.bestPanel.hidden = true;
  controller = new AbortController();
  els.run.disabled = true;
  els.cancel.disabled = false;
  els.progress.value = 0;
  els.progressText.textContent = 'Starting workers…';
  document.body.dataset.state = 'running';
  try {
    const m = currentModel();
    const strategy = els.strategy.value === 'random'
      ? { strategy: 'random' as const, trials: Number(els.trials.value) }
      : { strategy: 'grid' as const };
    const result = await tune({
      model: m.id as ModelId,
      data: { X: table!.X, y: table!.y },
      space: buildSpace() as never,
      search: strategy,
      cv: m.kind === 'clusterer' ? undefined : { folds: Number(els.folds.value), shuffle: true, seed: Number(els.seed.value) },
      preprocess: els.standardize.checked ? 'standardize' : 'none',
      seed: Number(els.seed.value),
      pool,
      workers,
      signal: controller.signal,
      onTrial: (t) => {
        rows.push(t);
        if (rows.length % 8 === 1) renderTrials();
      },
      onProgress: (p) => {
        els.progress.value = p.total ? p.done / p.total : 0;
        const eta = Number.isFinite(p.etaMs) ? `, about ${(p.etaMs / 1000).toFixed(1)} s left` : '';
        els.progressText.textContent = `${p.done} / ${p.total} candidates${eta}`;
      },
    });
    rows = result.trials;
    renderTrials();
    renderBest(result);
    els.progress.value = 1;
    els.progressText.textContent = `Done: ${result.trials.length} candidates x ${result.cv?.folds ?? 1} folds in ${(result.elapsedMs / 1000).toFixed(2)} s on ${result.workers} workers.`;
    document.body.dataset.state = 'done';
  } catch (e) {
    const err = e as Error;
    if (err.name === 'AbortError') {
      els.progressText.textContent = 'Cancelled.';
      document.body.dataset.state = 'cancelled';
    } else {
      showError(err instanceof TuneError ? `${err.message} (${err.code})` : err.message);
      els.progressText.textContent = 'Failed.';
      document.body.dataset.state = 'error';
    }
  } finally {
    els.run.disabled = false;
    els.cancel.disabled = true;
    controller = null;
  }
}

els.dataset.addEventListener('change', () => {
  table = null;
  fillModels();
  void loadData().catch((e: Error) => showError(e.message));
});
els.model.addEventListener('change', renderSpaceEditor);
els.run.addEventListener('click', () => void run());
els.cancel.addEventListener('click', () => controller?.abort());

fillModels();
void loadData().catch((e: Error) => showError(e.message));
document.body.dataset.state = 'ready';
