import { ENET_COMMON_SCHEMA, enetEstimator, enetSettings } from './linear-enet';

/** Lasso (scikit-learn's Lasso): the elastic net with l1Ratio = 1, by cyclic coordinate descent in wasm. */
export const lasso = enetEstimator(
  'lasso',
  'Least squares with an L1 penalty (sparse coefficients), by coordinate descent to a duality-gap tolerance.',
  {
    alpha: {
      type: 'float',
      min: 0,
      exclusiveMin: true,
      default: 1,
      doc: 'L1 penalty strength (> 0) on the objective (1/(2n))||y - Xw - b||^2 + alpha ||w||_1; larger = sparser.',
    },
    ...ENET_COMMON_SCHEMA,
  },
  (params) => ({ ...enetSettings(params, 1), l1Ratio: 1 }),
);
