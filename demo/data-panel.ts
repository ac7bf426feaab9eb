/**
 * The Data panel: built-in datasets and CSV upload, the target and task pickers, the summary and the preview table.
 */
import { DATASETS, DataError, loadBuiltin, readCsvFile, toDataset, guessTask, sortClasses, type Dataset, type RawTable, type Task, type ClassLabel } from './datasets';
import { fmtNum } from './space-syntax';
import { state, builtinCache } from './state';
import { els, h, option, describeError, UPLOAD_ID } from './dom';
import { refreshModels } from './space-panel';

export async function selectDataset(id: string): Promise<void> {
  showDataError(null);
  if (id === UPLOAD_ID) {
    if (!state.uploaded) return;
    useTable(state.uploaded, null);
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
export function useTable(table: RawTable, task: Task | null): void {
  state.raw = table;
  els.target.replaceChildren(...table.header.map((name, j) => option(String(j), name)));
  els.target.value = String(table.header.length - 1);
  els.task.value = task ?? guessTask(table, table.header.length - 1);
  rebuildData();
}

export function rebuildData(): void {
  if (!state.raw) return;
  const target = Number(els.target.value);
  try {
    state.data = toDataset(state.raw, target, els.task.value as Task);
    showDataError(null);
    els.dataSummary.replaceChildren(...summarize(state.data));
    renderPreview(state.raw, target, null);
  } catch (e) {
    state.data = null;
    els.dataSummary.textContent = `${state.raw.rows.length} rows × ${state.raw.header.length} columns, not usable yet:`;
    showDataError(describeError(e));
    renderPreview(state.raw, target, e instanceof DataError ? e.where ?? null : null);
    els.preview.open = true;
  }
  refreshModels();
}

export function summarize(d: Dataset): Node[] {
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

export function showDataError(message: string | null): void {
  els.dataError.hidden = message === null;
  els.dataError.textContent = message ?? '';
}

export function renderPreview(table: RawTable, target: number, bad: { row: number; col: number } | null): void {
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

export async function onUpload(file: File): Promise<void> {
  showDataError(null);
  els.dataSummary.textContent = `Reading ${file.name}…`;
  try {
    const table = await readCsvFile(file);
    state.uploaded = table;
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
    // The previous state.data stays in use; say why the file was refused.
    showDataError(`Could not use ${file.name}: ${describeError(e)}`);
    if (state.data) els.dataSummary.replaceChildren(...summarize(state.data));
    else els.dataSummary.textContent = '';
  } finally {
    els.csvFile.value = '';
  }
}

