/**
 * The hyperparameters of mlp-classifier and mlp-regressor: scikit-learn 1.2.1 MLPClassifier / MLPRegressor names in
 * camelCase with their defaults, plus dropout, weightInit, l1 and the 'hypergradient' learning rate. The stochastic
 * solvers' updates are pinned by the parity fixtures; 'lbfgs' (mlp-lbfgs.ts) reuses their forward and backward pass.
 */
import type { HyperparameterSchema } from '../types';
import type { Params } from '../../types';
import { TuneError } from '../../errors';

export const MLP_HYPERPARAMETERS: Record<string, HyperparameterSchema> = {
  hiddenLayerSizes: {
    type: 'int-array',
    minLength: 1,
    min: 1,
    default: [100],
    doc:
      'Units per hidden layer, one array per candidate: [100] is one layer of 100, [128, 64] two layers. In a space, ' +
      'list the candidates: hiddenLayerSizes: [[64], [128, 64]].',
  },
  activation: {
    type: 'enum',
    values: ['relu', 'tanh', 'logistic', 'identity'],
    default: 'relu',
    doc: 'Activation of the hidden layers (the output layer is softmax / logistic for classifiers, identity for regression).',
  },
  solver: {
    type: 'enum',
    values: ['adam', 'sgd', 'lbfgs'],
    default: 'adam',
    doc:
      "'adam': Adam (beta1, beta2, epsilon); 'sgd': stochastic gradient descent with momentum (nesterovsMomentum); " +
      "'lbfgs': quasi-Newton on the whole training set (maxIter iterations, maxFun evaluations, tol on the gradient; " +
      'no batches, learning rates, early stopping or dropout), often best on small data sets.',
  },
  maxFun: {
    type: 'int',
    min: 1,
    default: 15000,
    doc: "solver 'lbfgs' only: at most this many loss and gradient evaluations (scikit-learn's max_fun).",
  },
  alpha: { type: 'float', min: 0, default: 1e-4, doc: 'L2 penalty: adds 0.5 alpha ||W||^2 / batch rows to each batch loss (biases are not penalised).' },
  l1: { type: 'float', min: 0, default: 0, doc: 'L1 penalty (beyond scikit-learn): adds l1 |W|_1 / batch rows to each batch loss.' },
  batchSize: {
    type: 'int',
    min: 1,
    default: 200,
    doc:
      "Rows per minibatch. Clipped to the training rows as scikit-learn does, so the default 200 is scikit-learn's " +
      "'auto' (min(200, rows)).",
  },
  learningRate: {
    type: 'enum',
    values: ['constant', 'invscaling', 'adaptive', 'hypergradient'],
    default: 'constant',
    doc:
      "Schedule of sgd's step (adam uses its own step from learningRateInit, except 'hypergradient'): 'constant'; " +
      "'invscaling': learningRateInit / (t + 1)^powerT, t = rows seen; 'adaptive': divided by 5 when nIterNoChange " +
      "epochs pass without improvement; 'hypergradient' (sgd and adam): the rate itself is learned during training " +
      '(Baydin et al. 2017), moved by hypergradientRate x the dot product of successive gradient directions.',
  },
  learningRateInit: { type: 'float', min: 0, exclusiveMin: true, default: 1e-3, doc: 'Initial learning rate (step size).' },
  powerT: { type: 'float', min: 0, default: 0.5, doc: "Exponent of 'invscaling'." },
  hypergradientRate: {
    type: 'float',
    min: 0,
    exclusiveMin: true,
    default: null,
    doc:
      "Step of the 'hypergradient' rate updates (the paper's beta); null: 1e-3 for sgd, 1e-7 for adam (the paper's " +
      'values). It acts on the dot product of successive gradients, so it must be small against their scale: too large ' +
      'a value makes the rate oscillate and the run diverge (the trial then fails).',
  },
  maxIter: { type: 'int', min: 1, default: 200, doc: 'Maximum epochs (passes over the training rows).' },
  shuffle: { type: 'bool', default: true, doc: 'Reshuffle the training rows before every epoch (seeded).' },
  tol: {
    type: 'float',
    min: 0,
    default: 1e-4,
    doc: 'An epoch improves when the training loss drops by more than tol (or, with earlyStopping, the validation score rises by more than tol).',
  },
  nIterNoChange: { type: 'int', min: 1, default: 10, doc: 'Stop after more than this many epochs without improvement.' },
  momentum: { type: 'float', min: 0, max: 1, default: 0.9, doc: 'Momentum of sgd.' },
  nesterovsMomentum: { type: 'bool', default: true, doc: "Nesterov's momentum for sgd (when momentum > 0)." },
  earlyStopping: {
    type: 'bool',
    default: false,
    doc: 'Hold out validationFraction of the training rows (stratified for classifiers), stop when their score stops improving, keep the best epoch.',
  },
  validationFraction: { type: 'float', min: 0, exclusiveMin: true, max: 1, exclusiveMax: true, default: 0.1, doc: 'Share held out for earlyStopping.' },
  beta1: { type: 'float', min: 0, max: 1, exclusiveMax: true, default: 0.9, doc: "Adam's first-moment decay." },
  beta2: { type: 'float', min: 0, max: 1, exclusiveMax: true, default: 0.999, doc: "Adam's second-moment decay." },
  epsilon: { type: 'float', min: 0, exclusiveMin: true, default: 1e-8, doc: "Adam's numerical stability term." },
  dropout: {
    type: 'float',
    min: 0,
    max: 1,
    exclusiveMax: true,
    default: 0,
    perLayer: true,
    doc:
      'Dropout rate during training (inverted dropout: kept units scaled by 1 / (1 - rate)); off at prediction. One ' +
      'number for every hidden layer, or an array with one rate per hidden layer ([0.5, 0.2] for two layers; in a ' +
      'space, list arrays as candidates: dropout: [0, 0.2, [0.5, 0.2]]).',
  },
  weightInit: {
    type: 'enum',
    values: ['glorot-uniform', 'glorot-normal', 'he-uniform', 'he-normal', 'zeros'],
    default: 'glorot-uniform',
    doc:
      "'glorot-uniform': scikit-learn's (weights and biases uniform in +-sqrt(6 / (fanIn + fanOut)), 2 instead of 6 " +
      "for logistic); 'glorot-normal', 'he-uniform', 'he-normal' (biases 0); 'zeros': every unit of a layer " +
      'stays identical to the others (symmetric weights cannot learn distinct features).',
  },
};

export type MlpActivation = 'relu' | 'tanh' | 'logistic' | 'identity';
export type WeightInit = 'glorot-uniform' | 'glorot-normal' | 'he-uniform' | 'he-normal' | 'zeros';

export interface MlpSettings {
  hiddenLayerSizes: number[];
  activation: MlpActivation;
  solver: 'adam' | 'sgd' | 'lbfgs';
  alpha: number;
  maxFun: number;
  l1: number;
  batchSize: number;
  learningRate: 'constant' | 'invscaling' | 'adaptive' | 'hypergradient';
  learningRateInit: number;
  powerT: number;
  hypergradientRate: number;
  maxIter: number;
  shuffle: boolean;
  tol: number;
  nIterNoChange: number;
  momentum: number;
  nesterovsMomentum: boolean;
  earlyStopping: boolean;
  validationFraction: number;
  beta1: number;
  beta2: number;
  epsilon: number;
  /** One rate per hidden layer (a single number in the candidate is repeated for every layer). */
  dropout: number[];
  weightInit: WeightInit;
}

/** The per-layer rates of a dropout value: an array as given, a number repeated for each of `layers` layers. */
export function dropoutRates(value: unknown, layers: number): number[] {
  return Array.isArray(value) ? value.map(Number) : new Array<number>(layers).fill(Number(value ?? 0));
}

/** A candidate's values over the schema's defaults, typed. */
export function mlpSettings(params: Params): MlpSettings {
  const get = (name: string) => (name in params ? params[name] : MLP_HYPERPARAMETERS[name].default);
  const solver = String(get('solver')) as MlpSettings['solver'];
  const hr = get('hypergradientRate');
  return {
    hiddenLayerSizes: (get('hiddenLayerSizes') as readonly number[]).slice(),
    activation: String(get('activation')) as MlpActivation,
    solver,
    alpha: Number(get('alpha')),
    maxFun: Number(get('maxFun')),
    l1: Number(get('l1')),
    batchSize: Number(get('batchSize')),
    learningRate: String(get('learningRate')) as MlpSettings['learningRate'],
    learningRateInit: Number(get('learningRateInit')),
    powerT: Number(get('powerT')),
    hypergradientRate: hr === null ? (solver === 'adam' ? 1e-7 : 1e-3) : Number(hr),
    maxIter: Number(get('maxIter')),
    shuffle: Boolean(get('shuffle')),
    tol: Number(get('tol')),
    nIterNoChange: Number(get('nIterNoChange')),
    momentum: Number(get('momentum')),
    nesterovsMomentum: Boolean(get('nesterovsMomentum')),
    earlyStopping: Boolean(get('earlyStopping')),
    validationFraction: Number(get('validationFraction')),
    beta1: Number(get('beta1')),
    beta2: Number(get('beta2')),
    epsilon: Number(get('epsilon')),
    dropout: dropoutRates(get('dropout'), (get('hiddenLayerSizes') as readonly number[]).length),
    weightInit: String(get('weightInit')) as WeightInit,
  };
}

/** Relative cost of one fit: multiply-adds per row and epoch x epochs (for longest-first scheduling). */
export function mlpCost(params: Params, inputs = 30, outputs = 3): number {
  const s = mlpSettings(params);
  const sizes = [inputs, ...s.hiddenLayerSizes, outputs];
  let macs = 0;
  for (let l = 0; l + 1 < sizes.length; l++) macs += sizes[l] * sizes[l + 1];
  return macs * s.maxIter;
}

/**
 * Rules across hyperparameters the schema cannot state (validate.ts calls it with every default filled in). Throws
 * TuneError: lbfgs trains on the whole set in one deterministic batch, so a dropout mask per evaluation would make its
 * line search chase a different function at every step; scikit-learn has no dropout to copy here.
 */
export function checkMlpParams(model: string, params: Params): void {
  const layers = ((params.hiddenLayerSizes ?? MLP_HYPERPARAMETERS.hiddenLayerSizes.default) as readonly number[]).length;
  if (Array.isArray(params.dropout) && params.dropout.length !== layers) {
    throw new TuneError(
      'INVALID_HYPERPARAMETER',
      `${model}: dropout ${JSON.stringify(params.dropout)} gives ${params.dropout.length} rate${params.dropout.length === 1 ? '' : 's'}, ` +
        `but hiddenLayerSizes ${JSON.stringify(params.hiddenLayerSizes ?? MLP_HYPERPARAMETERS.hiddenLayerSizes.default)} has ` +
        `${layers} hidden layer${layers === 1 ? '' : 's'}. Give one rate per hidden layer, or one number for all of them ` +
        '(when hiddenLayerSizes varies in the space, use a single number or make dropout conditional on the layers).',
      { name: 'dropout', value: params.dropout },
    );
  }
  const rates = dropoutRates(params.dropout, layers);
  if (params.solver === 'lbfgs' && rates.some((r) => r > 0)) {
    const dropout = params.dropout;
    throw new TuneError(
      'INVALID_HYPERPARAMETER',
      `${model}: solver 'lbfgs' cannot train with dropout (got dropout ${JSON.stringify(dropout)}): L-BFGS needs the same objective at ` +
        `every evaluation. Use solver 'adam' or 'sgd' with dropout, or set dropout to 0 for lbfgs (in a space, make ` +
        `dropout conditional on the solver).`,
      { name: 'dropout', value: dropout },
    );
  }
}
