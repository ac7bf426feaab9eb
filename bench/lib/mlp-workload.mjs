// W7 of WORKLOADS.md (issue [9]) as a W-suite entry. Environment-neutral (no Node imports): the suite's workload list
// (workloads.mjs) and the Chromium bench page import it; bench/lib/mlp.mjs adds the same-run scikit-learn timing.

/** W7's tune() options; `h` is the running build's space helpers ({ float }). */
export function w7Options(h, data) {
  return {
    model: 'mlp-classifier',
    data: { X: data.X, y: data.y },
    space: {
      hiddenLayerSizes: [[64], [128], [64, 32]],
      alpha: h.float(1e-5, 1e-1, { log: true }),
      learningRateInit: h.float(1e-4, 1e-2, { log: true }),
      batchSize: [32, 64, 128],
      maxIter: 30,
    },
    search: { strategy: 'random', trials: 12 },
    cv: { folds: 3, shuffle: true },
    preprocess: 'standardize',
    scoring: 'accuracy',
    seed: 42,
  };
}

export const W7 = {
  id: 'W7',
  dataset: 'digits',
  model: 'mlp-classifier',
  scoring: 'accuracy',
  // WORKLOADS.md's reference (another day's host); `--mlp` times scikit-learn in the same run instead.
  sklearn: { seconds: 8.7, score: 0.98, params: '' },
  options: (h, data) => w7Options(h, data),
};
