import { ENET_COMMON_SCHEMA, enetEstimator, enetSettings } from './linear-enet';

/** Elastic net (scikit-learn's ElasticNet), by cyclic coordinate descent in wasm. */
export const elasticNet = enetEstimator(
  'elastic-net',
  'Least squares with a mixed L1/L2 penalty, by coordinate descent to a duality-gap tolerance.',
  {
    alpha: {
      type: 'float',
      min: 0,
      exclusiveMin: true,
      default: 1,
      doc:
        'Penalty strength (> 0) on (1/(2n))||y - Xw - b||^2 + alpha l1Ratio ||w||_1 + 0.5 alpha (1 - l1Ratio) ||w||^2.',
    },
    l1Ratio: {
      type: 'float',
      min: 0,
      max: 1,
      default: 0.5,
      doc: 'Mix of the penalties in [0, 1]: 1 is the lasso, 0 a pure L2 (ridge-like) penalty.',
    },
    ...ENET_COMMON_SCHEMA,
  },
  (params) => enetSettings(params, 0.5),
);
