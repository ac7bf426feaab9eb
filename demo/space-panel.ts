/**
 * The Model and Search panels: models from listModels() (those that fit the target), the search-space editor (one
 * field per hyperparameter, parsed by space-syntax.ts), the strategy settings and the plan line.
 */
import { type ModelInfo, type Value, type HyperparameterSchema } from '../src/index';
import { defaultRanges, gridSize, parseLayers, parseNumberArrays, parseRange, splitList } from './space-syntax';
import { metricsFor, metricInfo, preferredMetric } from './metrics';
import { fmtValue } from './charts';
import { state, models, type Dim } from './state';
import { writePlan } from './search-settings';
import { els, h, option, currentModel, KIND_TITLE } from './dom';

export function compatible(m: ModelInfo): boolean {
  if (!state.data) return true;
  return m.kind === 'clusterer' || (m.kind === 'classifier') === (state.data.task === 'classification');
}

export function refreshModels(): void {
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

export function onModelChange(): void {
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

export function refreshScoring(): void {
  const m = currentModel();
  const nClasses = state.data?.task === 'classification' ? state.data.classLabels.length : 0;
  const keep = els.scoring.value;
  const list = metricsFor(m, m.kind === 'regressor' ? 0 : nClasses);
  els.scoring.replaceChildren(...list.map((x) => option(x.name, `${x.label}${x.greaterIsBetter ? '' : ' (lower is better)'}`)));
  if (list.some((x) => x.name === keep)) els.scoring.value = keep;
}

export function typeHint(s: HyperparameterSchema): string {
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
      return `candidate layer lists, e.g. [${s.default.join(', ')}], [128, 64]`;
    case 'float-array':
      return `${s.nullable ? 'null or ' : ''}number arrays, e.g. ${s.nullable ? 'null, ' : ''}[0.2, 0.3, 0.5]`;
  }
}

export function renderSpaceEditor(initial: Record<string, string>): void {
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

/** Reads the editor into tune()'s space; marks fields that do not parse. */
export function readSpace(): { dims: Dim[]; invalid: HTMLElement[] } {
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
      const spec =
        schema.type === 'int-array' ? parseLayers(input.value)
          : schema.type === 'float-array' ? parseNumberArrays(input.value, schema.nullable === true)
            : parseRange(input.value, schema.type === 'int');
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

export function updatePlan(): void {
  const { dims, invalid } = readSpace();
  if (invalid.length > 0) {
    els.plan.textContent = 'Fix the highlighted search-space field to see the plan.';
    els.plan.classList.add('warn');
    return;
  }
  writePlan(dims);
}
