/**
 * The "hyperparameters in, parameters out" panel: what the search chose (every hyperparameter of the model, searched
 * or left at its default) next to what training learned (model.parameters), each shown in the shape it has:
 * per-feature weights as bars, per-class or per-cluster rows as a shaded table, stored rows as a peek.
 */
import type { FittedModel, ModelInfo, Params } from '../src/index';
import { fmtValue } from './charts';
import { fmtNum } from './space-syntax';

const el = <K extends keyof HTMLElementTagNameMap>(tag: K, cls?: string, text?: string): HTMLElementTagNameMap[K] => {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text !== undefined) e.textContent = text;
  return e;
};

/** Plain words for the learned parameters the models in this repo produce; unknown names are shown without one. */
const MEANING: Record<string, string> = {
  coef: 'weights: one per feature (a row per class when there are more than two)',
  intercept: 'bias added to every prediction',
  centroids: 'cluster centres: one row per cluster',
  X: 'the training rows themselves: nearest neighbours store them',
  y: 'the targets of the stored rows',
  classes: 'the class labels seen in training',
  labels: 'the cluster of each training row',
  inertia: 'sum of squared distances of rows to their centre',
  nIter: 'iterations the solver ran',
  converged: 'the solver reached its tolerance',
  objective: 'final value of the training objective',
  rows: 'number of training rows',
  cols: 'number of features',
  nClusters: 'number of clusters',
  multinomial: 'one weight row per class (softmax)',
  weights: 'mixing weight of each component (they sum to 1)',
  means: 'centre of each component: one row per component',
  covariances: 'spread of each component (full: a matrix each; tied: one shared; diag: per feature; spherical: one number)',
  precisionsCholesky: 'Cholesky factors of the inverse covariances (what the likelihood is computed from)',
  lowerBound: 'mean log-likelihood per row of the kept fit',
  classPrior: 'share of the training rows in each class',
  classCount: 'training rows in each class',
  theta: 'mean of each feature within each class: one row per class',
  var: 'variance of each feature within each class (plus epsilon)',
  epsilon: 'added to every variance: varSmoothing x the largest feature variance',
};

export interface Context {
  featureNames: string[];
  /** Label of each class code, and the codes in the same order. */
  classLabels: string[];
  classCodes: (number | string)[];
  nRows: number;
}

/** Hyperparameters: every one of the model's, the searched ones first, with what the search tried. */
export function renderHyperparameters(
  table: HTMLTableElement,
  model: ModelInfo,
  chosen: Params,
  tried: Record<string, { text: string; size: number }>,
): void {
  const head = el('tr');
  for (const h of ['hyperparameter', 'value', 'how']) {
    const th = el('th', undefined, h);
    th.scope = 'col';
    head.append(th);
  }
  const rows: HTMLTableRowElement[] = [];
  const names = Object.keys(model.hyperparameters).sort((a, b) => Number(!(a in chosen)) - Number(!(b in chosen)));
  for (const name of names) {
    const schema = model.hyperparameters[name];
    const tr = el('tr');
    const searched = name in chosen && (tried[name]?.size ?? 1) > 1;
    if (searched) tr.className = 'searched';
    const th = el('th', undefined, name);
    th.scope = 'row';
    th.title = schema.doc;
    const value = el('td', 'mono', fmtValue(name in chosen ? chosen[name] : schema.default));
    const how = el('td', 'how', searched ? `searched: ${tried[name].text}` : name in chosen ? 'fixed' : 'default');
    tr.append(th, value, how);
    rows.push(tr);
  }
  const thead = el('thead');
  thead.append(head);
  const tbody = el('tbody');
  tbody.append(...rows);
  table.replaceChildren(thead, tbody);
}

/** Learned parameters, each shown in the shape it has. */
export function renderParameters(container: HTMLElement, model: FittedModel<number | string>, ctx: Context): void {
  const params = model.parameters;
  const cols = typeof params.cols === 'number' ? params.cols : ctx.featureNames.length;
  const featureName = (j: number): string => ctx.featureNames[j] ?? `x${j}`;
  const blocks: HTMLElement[] = [];
  const scalars = el('table', 'kv');
  const scalarBody = el('tbody');
  scalars.append(scalarBody);
  // Arrays first (they are the interesting part), scalars in a table after them.
  const entries = Object.entries(params).sort(([, a], [, b]) => Number(!ArrayBuffer.isView(a)) - Number(!ArrayBuffer.isView(b)));
  for (const [name, value] of entries) {
    if (!ArrayBuffer.isView(value)) {
      const tr = el('tr');
      const th = el('th', undefined, name);
      th.scope = 'row';
      const td = el('td', 'mono', typeof value === 'number' ? fmtNum(value) : Array.isArray(value) ? value.join(', ') : fmtValue(value));
      const how = el('td', 'how', MEANING[name] ?? '');
      tr.append(th, td, how);
      scalarBody.append(tr);
      continue;
    }
    const arr = Array.from(value as Float64Array);
    const block = el('div', 'param-block');
    const title = el('h4');
    title.append(el('code', undefined, name));
    const k = cols > 0 && arr.length % cols === 0 ? arr.length / cols : 0;
    const shape = k > 1 ? `${k} × ${cols}` : `${arr.length}`;
    title.append(el('span', 'shape', ` ${shape}`));
    block.append(title);
    if (MEANING[name]) block.append(el('p', 'hint', MEANING[name]));
    const nRows = typeof params.rows === 'number' ? params.rows : ctx.nRows;
    if (name === 'classes') block.append(list(name, arr, ctx));
    else if (arr.length === nRows && !/coef|centr/i.test(name)) block.append(list(name, arr, ctx));
    else if (arr.length === cols && cols <= 64) block.append(bars(arr, featureName));
    else if (k > 1 && k <= 12 && cols <= 16) block.append(matrix(arr, k, cols, featureName, rowLabel(name, k, ctx, params.classes)));
    else if (k > 1 && cols <= 16) block.append(peek(arr, k, cols, featureName));
    else block.append(list(name, arr, ctx));
    blocks.push(block);
  }
  if (scalarBody.childElementCount > 0) blocks.push(scalars);
  if (model.preprocessing) {
    blocks.push(el('p', 'hint', 'Learned on standardised features (each column centred to mean 0 and scaled to unit variance), ' +
      'so weights and centres are in standard-deviation units and comparable across features.'));
  }
  container.replaceChildren(...blocks);
}

function rowLabel(name: string, k: number, ctx: Context, classes: unknown): (i: number) => string {
  if (/centr/i.test(name)) return (i) => `cluster ${i}`;
  if ((classes instanceof Float64Array || Array.isArray(classes)) && classes.length === k) {
    // Numeric classes or the text labels of y (the fitted model lists those as they were given).
    const c = classes as ArrayLike<number | string>;
    return (i) => ctx.classLabels[ctx.classCodes.indexOf(c[i])] ?? String(c[i]);
  }
  return (i) => `row ${i}`;
}

/** Signed horizontal bars, one per feature. */
function bars(values: number[], featureName: (j: number) => string): HTMLElement {
  const max = Math.max(...values.map(Math.abs), 1e-300);
  const table = el('table', 'bars');
  const body = el('tbody');
  values.forEach((v, j) => {
    const tr = el('tr');
    const th = el('th', undefined, featureName(j));
    th.scope = 'row';
    const barCell = el('td', 'bar-cell');
    const track = el('div', 'track');
    const bar = el('div', v >= 0 ? 'bar pos' : 'bar neg');
    const frac = Math.abs(v) / max;
    bar.style.width = `${(frac * 50).toFixed(2)}%`;
    bar.style.left = v >= 0 ? '50%' : `${(50 - frac * 50).toFixed(2)}%`;
    track.append(bar);
    barCell.append(track);
    tr.append(th, barCell, el('td', 'mono', fmtNum(v)));
    body.append(tr);
  });
  table.append(body);
  return table;
}

/** A small matrix, each cell shaded by its sign and size (blue positive, red negative). */
function matrix(values: number[], k: number, cols: number, featureName: (j: number) => string, label: (i: number) => string): HTMLElement {
  const max = Math.max(...values.map(Math.abs), 1e-300);
  const wrap = el('div', 'table-scroll');
  wrap.tabIndex = 0;
  const table = el('table', 'matrix');
  const head = el('tr');
  head.append(el('th'));
  for (let j = 0; j < cols; j++) {
    const th = el('th', undefined, featureName(j));
    th.scope = 'col';
    head.append(th);
  }
  const thead = el('thead');
  thead.append(head);
  const body = el('tbody');
  for (let i = 0; i < k; i++) {
    const tr = el('tr');
    const th = el('th', undefined, label(i));
    th.scope = 'row';
    tr.append(th);
    for (let j = 0; j < cols; j++) {
      const v = values[i * cols + j];
      const td = el('td', 'mono', fmtNum(v));
      const a = Math.min(1, Math.abs(v) / max) * 0.55;
      td.style.backgroundColor = v >= 0 ? `rgba(48, 86, 211, ${a.toFixed(3)})` : `rgba(201, 42, 42, ${a.toFixed(3)})`;
      tr.append(td);
    }
    body.append(tr);
  }
  table.append(thead, body);
  wrap.append(table);
  return wrap;
}

/** The first rows of a big matrix (the rows a KNN model stores). */
function peek(values: number[], k: number, cols: number, featureName: (j: number) => string): HTMLElement {
  const shown = Math.min(4, k);
  const wrap = el('div');
  const inner = matrix(values.slice(0, shown * cols), shown, cols, featureName, (i) => `row ${i}`);
  wrap.append(inner, el('p', 'hint', `… and ${k - shown} more rows.`));
  return wrap;
}

function list(name: string, values: number[], ctx: Context): HTMLElement {
  if (name === 'classes') {
    return el('p', 'mono', values.map((v) => ctx.classLabels[ctx.classCodes.indexOf(v)] ?? fmtNum(v)).join(', '));
  }
  if (name === 'labels' && values.length === ctx.nRows) {
    const counts = new Map<number, number>();
    for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
    const sizes = [...counts.entries()].sort((a, b) => a[0] - b[0]).map(([c, m]) => `cluster ${c}: ${m}`);
    return el('p', 'mono', `${values.length} labels; sizes ${sizes.join(', ')}`);
  }
  const shown = values.slice(0, 16).map(fmtNum).join(', ');
  return el('p', 'mono', `[${shown}${values.length > 16 ? `, … ${values.length - 16} more` : ''}]`);
}
