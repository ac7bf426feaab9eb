/**
 * The Trials panel: every trial as a sortable table row (aria-sort kept in step).
 */
import { type TrialResult } from '../src/index';
import { fmtNum } from './space-syntax';
import { fmtValue } from './charts';
import { state } from './state';
import { hasEpochs, showTrialCurve } from './trial-curves';
import { els, h, tiny } from './dom';

export function renderTrials(): void {
  const rows = state.result ? state.result.trials : state.completed;
  const s = state.setup;
  const names = s ? s.dims.map((d) => d.name) : [];
  for (const t of rows) for (const k of Object.keys(t.params)) if (!names.includes(k)) names.push(k);
  const scoring = s?.scoring ?? 'score';
  const cols: { key: string; label: string; numeric: boolean }[] = [
    { key: 'rank', label: 'rank', numeric: true },
    { key: 'index', label: '#', numeric: true },
    ...names.map((n) => ({ key: `p:${n}`, label: n, numeric: false })),
    { key: 'meanScore', label: `mean ${scoring}`, numeric: true },
    { key: 'stdScore', label: '± std', numeric: true },
    ...(rows.some((t) => t.resource !== undefined) ? [{ key: 'resource', label: 'budget', numeric: true }] : []),
    { key: 'fitMs', label: 'fit ms', numeric: true },
    { key: 'status', label: 'status', numeric: false },
    ...(s && hasEpochs(s.model) ? [{ key: 'curve', label: 'curve', numeric: false }] : []),
  ];
  const head = h('tr');
  for (const c of cols) {
    const th = h('th');
    th.scope = 'col';
    const active = state.sortKey.col === c.key;
    th.setAttribute('aria-sort', active ? (state.sortKey.dir === 1 ? 'ascending' : 'descending') : 'none');
    const b = h('button', 'sort', c.label);
    b.type = 'button';
    b.append(h('span', 'arrow', active ? (state.sortKey.dir === 1 ? ' ▲' : ' ▼') : ''));
    b.addEventListener('click', () => {
      state.sortKey = { col: c.key, dir: state.sortKey.col === c.key ? (-state.sortKey.dir as 1 | -1) : 1 };
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
    const va = value(a, state.sortKey.col);
    const vb = value(b, state.sortKey.col);
    const na = typeof va === 'number' && !Number.isNaN(va);
    const nb = typeof vb === 'number' && !Number.isNaN(vb);
    let cmp: number;
    if (na && nb) cmp = (va as number) - (vb as number) || 0;
    else if (na !== nb) return na ? -1 : 1; // NaN and missing values last, whatever the direction
    else cmp = String(va).localeCompare(String(vb));
    return (cmp || a.index - b.index) * state.sortKey.dir;
  });
  const body = h('tbody');
  if (sorted.length === 0) {
    const tr = h('tr', 'empty');
    const td = h('td', undefined, state.controller ? 'Trials appear here as they finish…' : 'No trials.');
    td.colSpan = cols.length;
    tr.append(td);
    body.append(tr);
  }
  for (const t of sorted) {
    const tr = h('tr', t.rank === 1 ? 'best' : t.status === 'ok' ? undefined : t.status);
    for (const c of cols) {
      let text: string;
      if (c.key === 'rank') text = t.rank === 0 ? '…' : String(t.rank);
      else if (c.key === 'meanScore' || c.key === 'stdScore') {
        const v = value(t, c.key) as number;
        text = t.status !== 'failed' && Number.isFinite(v) ? fmtNum(tiny(v)) : '–';
      }
      else if (c.key === 'fitMs') text = Number.isFinite(t.fitMs) ? t.fitMs.toFixed(1) : '–';
      else if (c.key === 'curve') text = '';
      else text = fmtValue(value(t, c.key));
      const td = h('td', c.numeric ? 'n' : undefined, text);
      if (c.key === 'curve') {
        const b = h('button', 'curve', 'curve');
        b.type = 'button';
        b.setAttribute('aria-label', `Learning curve of trial ${t.index}`);
        b.addEventListener('click', () => void showTrialCurve(t));
        td.append(b);
      }
      if (c.key === 'status' && t.error) td.title = t.error;
      tr.append(td);
    }
    body.append(tr);
  }
  const thead = h('thead');
  thead.append(head);
  const caption = h('caption', 'visually-hidden', `Trials, sorted by ${state.sortKey.col} ${state.sortKey.dir === 1 ? 'ascending' : 'descending'}`);
  els.trialsTable.replaceChildren(caption, thead, body);
}

