/**
 * The picture of the fitted model: its predictions over two features (refit on those two when the data has more).
 */
import { tune, type FittedModel } from '../src/index';
import { DATASETS, sortClasses, type ClassLabel } from './datasets';
import { fmtNum } from './space-syntax';
import { metricInfo } from './metrics';
import { MapChart } from './charts';
import { state, charts } from './state';
import { els, h, option, describeError } from './dom';
import { paintModel } from './model-map';

export function fillMapPickers(): void {
  const s = state.setup!;
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

export async function drawMap(refill = true): Promise<void> {
  const s = state.setup;
  const res = state.result;
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
  state.mapController?.abort();
  state.mapController = new AbortController();
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
        // One candidate: each value wrapped in a list (a bare list value such as hiddenLayerSizes [16, 8] would be read as candidates).
        space: Object.fromEntries(Object.entries(res.best.params).map(([k, v]) => [k, [v]])),
        cv: s.supervised ? { holdout: 0.25, shuffle: true, seed: s.seed } : undefined,
        scoring: s.scoring,
        preprocess: s.preprocess,
        seed: s.seed,
        pool: state.pool ?? undefined,
        workers: 1,
        signal: state.mapController.signal,
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

