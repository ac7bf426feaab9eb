/**
 * solver 'lbfgs' for both MLP models, as scikit-learn 1.2.1's `_fit_lbfgs`: the whole training set is one batch, the
 * objective is the mean loss plus 0.5 alpha ||W||^2 / rows (and l1 |W|_1 / rows), and L-BFGS (lbfgs.ts) minimises it
 * with maxIter iterations (max_iter), maxFun evaluations (max_fun) and gradient tolerance tol (scipy's gtol).
 *
 * Each evaluation is one call of the wasm epoch kernel over all rows in order with a zero step (rate 0, momentum 0),
 * so it leaves the weights as they are and returns the loss with the full-batch gradient in `grad`: the forward and
 * backward passes the parity fixtures pin for adam and sgd, reused. No shuffle, dropout, batches or validation split
 * (scikit-learn's lbfgs ignores batch_size, the learning rates and early_stopping too; dropout is refused up front).
 * lossCurve holds the loss after each L-BFGS iteration (scikit-learn keeps none for lbfgs); nIter the iterations.
 * Differs from scikit-learn in its line search (see lbfgs.ts), so fits agree in quality, not digit for digit.
 */
import type { Kernels } from '../../worker/kernels';
import { createMlpState, ACTIVATION_ID, LOSS_ID, type EpochHook, type MlpEpochProbe, type MlpProblem } from './mlp-engine';
import { outputsOfRows } from './mlp-outputs';
import type { MlpFit } from './mlp-fit';
import type { MlpSettings } from './mlp-schema';
import { minimizeLbfgs, type ValueAndGradient } from './lbfgs';
import { paramCount } from './mlp-init';

/**
 * Runs `use` with the objective lbfgs minimises for this problem and network (sizes = [inputs, hidden..., outputs]):
 * fg(theta, grad) writes the full-batch gradient into grad and returns the loss. The wasm blocks live while `use`
 * runs and are released after it; nothing is allocated per evaluation.
 */
export function withMlpObjective<T>(
  kernels: Kernels, problem: MlpProblem, s: MlpSettings, sizes: readonly number[], use: (fg: ValueAndGradient) => T,
): T {
  const { wasm, arena } = kernels;
  const nLayers = sizes.length;
  const n = paramCount(sizes);
  const rows = problem.rows;
  const units = sizes.reduce((a, b) => a + b, 0);
  const mark = arena.mark();
  try {
    const sizesPtr = arena.alloc(nLayers * 4);
    const yPtr = arena.allocF64(problem.targets);
    const thetaPtr = arena.alloc(n * 8);
    const gradPtr = arena.alloc(n * 8);
    const velPtr = arena.alloc(n * 8);
    const unusedPtr = arena.alloc(n * 8);
    const dirPtr = arena.alloc(n * 8);
    const stPtr = arena.alloc(16 * 8);
    const actPtr = arena.alloc(rows * units * 8);
    const deltaPtr = arena.alloc(rows * units * 8);
    const maskPtr = arena.alloc(8);
    const ybPtr = arena.alloc(rows * problem.outputs * 8);
    const orderPtr = arena.alloc(rows * 4);
    // No allocation below: views stay attached.
    arena.i32(sizesPtr, nLayers).set(sizes);
    arena.i32(orderPtr, rows).set(Int32Array.from({ length: rows }, (_, i) => i));
    const theta = arena.f64(thetaPtr, n);
    const grad = arena.f64(gradPtr, n);
    const st = arena.f64(stPtr, 16);
    const vel = arena.f64(velPtr, n);
    const hidden = ACTIVATION_ID[s.activation];
    const output = ACTIVATION_ID[problem.output];
    const lossId = LOSS_ID[problem.loss];
    return use((x, g) => {
      theta.set(x);
      st.fill(0); // rate 0, momentum 0, no Nesterov, no hypergradient: the kernel's update is a no-op
      vel.fill(0);
      const acc = wasm.mlpEpoch(
        problem.xPtr, yPtr, orderPtr, rows, sizesPtr, nLayers, thetaPtr, gradPtr, velPtr, unusedPtr, dirPtr, stPtr,
        actPtr, deltaPtr, maskPtr, ybPtr, hidden, output, lossId, 0,
        rows, s.alpha, s.l1, 0, 0,
      );
      g.set(grad);
      return acc / rows;
    });
  } finally {
    arena.release(mark);
  }
}

/**
 * Trains from the seed's initial weights (or `initial`) by L-BFGS; onEpoch sees each iteration's loss, and `probe`
 * (search.pruner over epochs) the outputs on its rows after each iteration: an L-BFGS iteration is this solver's
 * epoch, as maxIter counts them.
 */
export function fitMlpLbfgs(
  kernels: Kernels, problem: MlpProblem, s: MlpSettings, seed: number, initial?: Float64Array, onEpoch?: EpochHook,
  probe?: MlpEpochProbe,
): MlpFit {
  const state = createMlpState(problem, { ...s, earlyStopping: false }, seed, initial);
  const result = withMlpObjective(kernels, problem, s, state.sizes, (fg) =>
    minimizeLbfgs(fg, state.theta, {
      maxIter: s.maxIter,
      maxFun: s.maxFun,
      gtol: s.tol,
      onIteration: (iteration, f, x) => {
        state.lossCurve.push(f);
        if (onEpoch && onEpoch(iteration, f, null) === false) return false;
        if (!probe) return undefined;
        return probe.report(iteration, outputsOfRows(kernels, probe.side, state.sizes, x, s.activation, problem.output));
      },
    }),
  );
  if (!Number.isFinite(result.f)) {
    throw new Error('MLP lbfgs: the loss is not finite at the initial weights; raise alpha or use another weightInit.');
  }
  state.theta = result.x;
  state.epoch = result.nIter;
  state.done = true;
  state.stopReason = result.reason === 'callback' ? 'callback' : 'converged';
  return { state, theta: result.x };
}
