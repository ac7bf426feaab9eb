/**
 * Exports of the last search (JSON, CSV) as Blob downloads, and the "this search in code" snippet.
 */
import { type TuneResult, type SearchOptions } from '../src/index';
import { type ClassLabel } from './datasets';
import { toCode } from './space-syntax';
import { state, type Dim } from './state';
import { els } from './dom';

const exportUrls: string[] = [];

export function clearExports(): void {
  for (const url of exportUrls.splice(0)) URL.revokeObjectURL(url);
  for (const a of [els.exportJson, els.exportCsv]) {
    a.removeAttribute('href');
    a.setAttribute('aria-disabled', 'true');
  }
}

export function setExports(res: TuneResult<ClassLabel>): void {
  clearExports();
  const s = state.setup!;
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

export function renderCode(o: {
  model: string;
  dims: Dim[];
  search: SearchOptions;
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

