/**
 * Parity with scikit-learn 1.2.1 on the fixed vectors of tests/fixtures/reference/metrics_and_kmeans.json
 * (a byte copy of the shared reference). Every scalar key of the multiclass, binary, regression and
 * clustering_iris sections is mapped below to our metric name; the kmeans_* sections belong to the k-means tests.
 */
import { describe, expect, it } from 'vitest';
import ref from '../../fixtures/reference/metrics_and_kmeans.json';
import { getMetric, type MetricInput, type MetricName } from '../../../src/metrics';
import { confusionMatrix } from '../../../src/metrics/confusion';
import { IRIS_X } from './iris-features';
import { expectClose, f64 } from './helpers';

/** sklearn key -> our metric (sign: -1 where the reference would hold a neg_* scorer; none does here). */
interface Mapping {
  key: string;
  metric: MetricName;
  sign: 1 | -1;
}

const MULTICLASS: Mapping[] = [
  { key: 'accuracy', metric: 'accuracy', sign: 1 },
  { key: 'balanced_accuracy', metric: 'balancedAccuracy', sign: 1 },
  { key: 'f1_macro', metric: 'f1Macro', sign: 1 },
  // Our plain f1 / precision / recall use macro averaging on multiclass targets.
  { key: 'f1_macro', metric: 'f1', sign: 1 },
  { key: 'f1_weighted', metric: 'f1Weighted', sign: 1 },
  { key: 'f1_micro', metric: 'f1Micro', sign: 1 },
  { key: 'precision_macro', metric: 'precision', sign: 1 },
  { key: 'recall_macro', metric: 'recall', sign: 1 },
  { key: 'log_loss', metric: 'logLoss', sign: 1 },
  { key: 'roc_auc_ovr_macro', metric: 'rocAuc', sign: 1 },
];

const BINARY: Mapping[] = [
  { key: 'accuracy', metric: 'accuracy', sign: 1 },
  { key: 'f1', metric: 'f1', sign: 1 },
  { key: 'precision', metric: 'precision', sign: 1 },
  { key: 'recall', metric: 'recall', sign: 1 },
  { key: 'roc_auc', metric: 'rocAuc', sign: 1 },
  { key: 'log_loss', metric: 'logLoss', sign: 1 },
  { key: 'matthews', metric: 'matthews', sign: 1 },
];

const REGRESSION: Mapping[] = [
  { key: 'r2', metric: 'r2', sign: 1 },
  { key: 'mse', metric: 'mse', sign: 1 },
  { key: 'rmse', metric: 'rmse', sign: 1 },
  { key: 'mae', metric: 'mae', sign: 1 },
  { key: 'explained_variance', metric: 'explainedVariance', sign: 1 },
];

const CLUSTERING: Mapping[] = [
  { key: 'silhouette', metric: 'silhouette', sign: 1 },
  { key: 'calinski_harabasz', metric: 'calinskiHarabasz', sign: 1 },
  { key: 'davies_bouldin', metric: 'daviesBouldin', sign: 1 },
  { key: 'adjusted_rand', metric: 'adjustedRand', sign: 1 },
  { key: 'nmi', metric: 'nmi', sign: 1 },
];

/** Keys of a section that are inputs (or compared structurally), not scalar metric values. */
const INPUT_KEYS = new Set(['y_true', 'y_pred', 'proba', 'proba_pos', 'labels', 'confusion_matrix']);

const mc = ref.multiclass;
const bin = ref.binary;
const reg = ref.regression;
const clu = ref.clustering_iris;

const multiclassInput: MetricInput = {
  yTrue: f64(mc.y_true),
  yPred: f64(mc.y_pred),
  proba: f64(mc.proba.flat()),
  classes: f64([0, 1, 2]),
};

const binaryInput: MetricInput = {
  yTrue: f64(bin.y_true),
  yPred: f64(bin.y_pred),
  // Two columns in classes order: P(0) = 1 - P(1).
  proba: f64(bin.proba_pos.flatMap((p) => [1 - p, p])),
  classes: f64([0, 1]),
};

const regressionInput: MetricInput = { yTrue: f64(reg.y_true), yPred: f64(reg.y_pred) };

const clusteringInput: MetricInput = { yTrue: f64(clu.y_true), yPred: f64(clu.labels), X: IRIS_X };

const SECTIONS = [
  { name: 'multiclass', values: mc as Record<string, unknown>, table: MULTICLASS, input: multiclassInput },
  { name: 'binary', values: bin as Record<string, unknown>, table: BINARY, input: binaryInput },
  { name: 'regression', values: reg as Record<string, unknown>, table: REGRESSION, input: regressionInput },
  { name: 'clustering_iris', values: clu as Record<string, unknown>, table: CLUSTERING, input: clusteringInput },
];

describe('parity with scikit-learn 1.2.1 (metrics_and_kmeans.json)', () => {
  for (const section of SECTIONS) {
    describe(section.name, () => {
      it('the mapping table covers every scalar key of the section', () => {
        const mapped = new Set(section.table.map((m) => m.key));
        const scalarKeys = Object.keys(section.values).filter((k) => !INPUT_KEYS.has(k));
        expect(scalarKeys.length).toBeGreaterThan(0);
        expect(scalarKeys.filter((k) => !mapped.has(k))).toEqual([]);
      });

      for (const { key, metric, sign } of section.table) {
        it(`${key} -> ${metric}`, () => {
          const expected = section.values[key];
          expect(typeof expected).toBe('number');
          const got = getMetric(metric).compute(section.input);
          expectClose(sign * got, expected as number, 1e-9, `${section.name}.${key}`);
        });
      }
    });
  }

  it('multiclass confusion_matrix (rows = true label, columns = predicted)', () => {
    const c = confusionMatrix(f64(mc.y_true), f64(mc.y_pred));
    expect(Array.from(c.labels)).toEqual([0, 1, 2]);
    const rows = [0, 1, 2].map((t) => Array.from(c.counts.subarray(t * 3, t * 3 + 3)));
    expect(rows).toEqual(mc.confusion_matrix);
  });

  it('the iris features inlined for the clustering section are the 150 x 4 rows the labels refer to', () => {
    expect(IRIS_X.rows).toBe(clu.labels.length);
    expect(IRIS_X.values.length).toBe(150 * 4);
    // First and last rows of sklearn's iris.
    expect(Array.from(IRIS_X.values.subarray(0, 4))).toEqual([5.1, 3.5, 1.4, 0.2]);
    expect(Array.from(IRIS_X.values.subarray(596, 600))).toEqual([5.9, 3, 5.1, 1.8]);
  });
});
