/**
 * The page's elements (looked up once by id) and the small DOM and formatting helpers every panel uses.
 */
import { TuneError, type ModelInfo } from '../src/index';
import { models } from './state';

export const $ = <T extends HTMLElement>(id: string): T => {
  const e = document.getElementById(id);
  if (!e) throw new Error(`#${id} missing from index.html`);
  return e as T;
};
export const els = {
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
  budgetFields: $<HTMLDivElement>('budget-fields'),
  resource: $<HTMLSelectElement>('resource'),
  factor: $<HTMLInputElement>('factor'),
  prunerFields: $<HTMLDivElement>('pruner-fields'),
  pruner: $<HTMLSelectElement>('pruner'),
  prunerPercentile: $<HTMLInputElement>('pruner-percentile'),
  prunerStartup: $<HTMLInputElement>('pruner-startup'),
  prunerWarmup: $<HTMLInputElement>('pruner-warmup'),
  prunerResource: $<HTMLSelectElement>('pruner-resource'),
  cv: $<HTMLSelectElement>('cv'),
  folds: $<HTMLInputElement>('folds'),
  scoring: $<HTMLSelectElement>('scoring'),
  seed: $<HTMLInputElement>('seed'),
  workers: $<HTMLInputElement>('workers'),
  standardize: $<HTMLInputElement>('standardize'),
  plan: $<HTMLParagraphElement>('plan'),
  run: $<HTMLButtonElement>('run'),
  cancel: $<HTMLButtonElement>('cancel'),
  race: $<HTMLButtonElement>('race'),
  racePanel: $<HTMLElement>('race-panel'),
  raceNote: $<HTMLParagraphElement>('race-note'),
  raceChart: $<HTMLDivElement>('race-chart'),
  raceSummary: $<HTMLUListElement>('race-summary'),
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
  timelineBlock: $<HTMLDivElement>('timeline-block'),
  timelineChart: $<HTMLDivElement>('timeline-chart'),
  timelineHint: $<HTMLParagraphElement>('timeline-hint'),
  parallelBlock: $<HTMLDivElement>('parallel-block'),
  parallelChart: $<HTMLDivElement>('parallel-chart'),
  importanceBlock: $<HTMLDivElement>('importance-block'),
  importanceBars: $<HTMLUListElement>('importance-bars'),
  curvesBlock: $<HTMLDivElement>('curves-block'),
  curvesNote: $<HTMLParagraphElement>('curves-note'),
  curvesChart: $<HTMLDivElement>('curves-chart'),
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
  exportJournal: $<HTMLAnchorElement>('export-journal'),
  journalFile: $<HTMLInputElement>('journal-file'),
  journalNote: $<HTMLParagraphElement>('journal-note'),
  codePanel: $<HTMLElement>('code-panel'),
  code: $<HTMLPreElement>('code'),
};

export const KIND_TITLE: Record<ModelInfo['kind'], string> = { classifier: 'Classifiers', regressor: 'Regressors', clusterer: 'Clustering' };
export const UPLOAD_ID = 'upload';

export function option(value: string, label: string): HTMLOptionElement {
  const o = document.createElement('option');
  o.value = value;
  o.textContent = label;
  return o;
}

export function h<K extends keyof HTMLElementTagNameMap>(tag: K, cls?: string, text?: string): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text !== undefined) e.textContent = text;
  return e;
}

export function intOf(input: HTMLInputElement, fallback: number, min: number, max = Number.MAX_SAFE_INTEGER): number {
  const v = Math.floor(Number(input.value));
  return Number.isFinite(v) ? Math.min(max, Math.max(min, v)) : fallback;
}

export function setState(state: string): void {
  document.body.dataset.state = state;
}

export function showError(message: string | null): void {
  els.error.hidden = message === null;
  els.error.textContent = message ?? '';
}

export function describeError(e: unknown): string {
  if (e instanceof TuneError) return `${e.message} (${e.code})`;
  return e instanceof Error ? e.message : String(e);
}

export function currentModel(): ModelInfo {
  return models.find((m) => m.id === els.model.value) ?? models[0];
}

/** Rounding noise (a std of 1e-16 when every fold agrees) shown as the 0 it is. */
export const tiny = (v: number): number => (Math.abs(v) < 1e-12 ? 0 : v);

export function seconds(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : ms < 60_000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.floor(ms / 60_000)} min ${Math.round((ms % 60_000) / 1000)} s`;
}

