/**
 * Prediction from grown trees: leaves reached (in wasm for a fold's test rows, in plain TypeScript on the main
 * thread for result.model), class probabilities (a leaf's class weights normalised) and regression values.
 * Several trees live in flat node arrays with `offsets` (tree t's nodes are offsets[t]..offsets[t+1]-1, and its
 * left/right indices count from its own first node).
 */
import type { Kernels } from '../../worker/kernels';
import type { FoldSide } from '../types';
import type { Matrix } from '../../types';
import type { TreeArrays } from './grow';

/** Flat node arrays of one or more trees. */
export interface Forest {
  feature: Int32Array;
  threshold: Float64Array;
  left: Int32Array;
  right: Int32Array;
  value: Float64Array;
  /** nTrees + 1 node offsets. */
  offsets: Int32Array;
  nOut: number;
}

/** Concatenates trees into flat arrays (each tree's child indices stay local). */
export function flatten(trees: readonly TreeArrays[], nOut: number): Forest & { impurity: Float64Array; nNodeSamples: Int32Array } {
  const offsets = new Int32Array(trees.length + 1);
  trees.forEach((t, i) => (offsets[i + 1] = offsets[i] + t.left.length));
  const m = offsets[trees.length];
  const f: Forest & { impurity: Float64Array; nNodeSamples: Int32Array } = {
    feature: new Int32Array(m),
    threshold: new Float64Array(m),
    left: new Int32Array(m),
    right: new Int32Array(m),
    value: new Float64Array(m * nOut),
    impurity: new Float64Array(m),
    nNodeSamples: new Int32Array(m),
    offsets,
    nOut,
  };
  trees.forEach((t, i) => {
    const o = offsets[i];
    f.feature.set(t.feature, o);
    f.threshold.set(t.threshold, o);
    f.left.set(t.left, o);
    f.right.set(t.right, o);
    f.value.set(t.value, o * nOut);
    f.impurity.set(t.impurity, o);
    f.nNodeSamples.set(t.nNodeSamples, o);
  });
  return f;
}

/** Leaf (global node index) of every row for every tree: out[t * rows + r]. Main-thread version of treeApply. */
export function applyForest(f: Forest, X: Matrix): Int32Array {
  const nTrees = f.offsets.length - 1;
  const out = new Int32Array(nTrees * X.rows);
  for (let t = 0; t < nTrees; t++) {
    const o = f.offsets[t];
    for (let r = 0; r < X.rows; r++) {
      let node = 0;
      while (f.left[o + node] >= 0) {
        // scikit-learn compares the float32 value with the float64 threshold.
        const v = Math.fround(X.values[r * X.cols + f.feature[o + node]]);
        node = v <= f.threshold[o + node] ? f.left[o + node] : f.right[o + node];
      }
      out[t * X.rows + r] = o + node;
    }
  }
  return out;
}

/** The same on a fold's rows in wasm memory (the arena's per-task scratch holds the copied trees). */
export function applyForestWasm(k: Kernels, f: Forest, side: FoldSide): Int32Array {
  const a = k.arena;
  const m = f.left.length;
  const nTrees = f.offsets.length - 1;
  const mark = a.mark();
  const pf = a.alloc(4 * m);
  const pt = a.alloc(8 * m);
  const pl = a.alloc(4 * m);
  const pr = a.alloc(4 * m);
  const po = a.alloc(4 * side.rows);
  a.i32(pf, m).set(f.feature);
  a.f64(pt, m).set(f.threshold);
  a.i32(pl, m).set(f.left);
  a.i32(pr, m).set(f.right);
  const out = new Int32Array(nTrees * side.rows);
  for (let t = 0; t < nTrees; t++) {
    const o = f.offsets[t];
    k.wasm.treeApply(side.ptr, side.rows, side.cols, pf + 4 * o, pt + 8 * o, pl + 4 * o, pr + 4 * o, po);
    const leaves = a.i32(po, side.rows);
    for (let r = 0; r < side.rows; r++) out[t * side.rows + r] = o + leaves[r];
  }
  a.release(mark);
  return out;
}

/** Mean over trees of each leaf's normalised class weights (soft voting), and the argmax labels. */
export function voteProba(f: Forest, leaves: Int32Array, rows: number, classes: Float64Array): { yPred: Float64Array; proba: Float64Array } {
  const k = classes.length;
  const nTrees = f.offsets.length - 1;
  const proba = new Float64Array(rows * k);
  for (let t = 0; t < nTrees; t++) {
    for (let r = 0; r < rows; r++) {
      const leaf = leaves[t * rows + r];
      let s = 0;
      for (let c = 0; c < k; c++) s += f.value[leaf * k + c];
      for (let c = 0; c < k; c++) proba[r * k + c] += f.value[leaf * k + c] / s;
    }
  }
  const yPred = new Float64Array(rows);
  for (let r = 0; r < rows; r++) {
    let best = 0;
    for (let c = 0; c < k; c++) {
      proba[r * k + c] /= nTrees;
      if (proba[r * k + c] > proba[r * k + best]) best = c;
    }
    yPred[r] = classes[best];
  }
  return { yPred, proba };
}

/** Mean over trees of the leaves' values. */
export function meanValue(f: Forest, leaves: Int32Array, rows: number): Float64Array {
  const nTrees = f.offsets.length - 1;
  const y = new Float64Array(rows);
  for (let t = 0; t < nTrees; t++) for (let r = 0; r < rows; r++) y[r] += f.value[leaves[t * rows + r]];
  for (let r = 0; r < rows; r++) y[r] /= nTrees;
  return y;
}

/**
 * scikit-learn's feature_importances_ of one tree: each split's weighted impurity decrease summed per feature,
 * over the root's weight, normalised to sum 1 (all zeros for a single leaf).
 */
export function treeImportances(t: TreeArrays, d: number): Float64Array {
  const imp = new Float64Array(d);
  const w = t.weightedNNodeSamples;
  for (let i = 0; i < t.left.length; i++) {
    const l = t.left[i];
    if (l < 0) continue;
    const r = t.right[i];
    imp[t.feature[i]] += w[i] * t.impurity[i] - w[l] * t.impurity[l] - w[r] * t.impurity[r];
  }
  let sum = 0;
  for (let f = 0; f < d; f++) sum += (imp[f] /= w[0]);
  if (sum > 0) for (let f = 0; f < d; f++) imp[f] /= sum;
  return imp;
}

/** A forest's importances: the mean over trees with more than one node, normalised (scikit-learn 1.2). */
export function forestImportances(trees: readonly TreeArrays[], d: number): Float64Array {
  const out = new Float64Array(d);
  let used = 0;
  for (const t of trees) {
    if (t.left.length <= 1) continue;
    const imp = treeImportances(t, d);
    for (let f = 0; f < d; f++) out[f] += imp[f];
    used++;
  }
  if (used === 0) return out;
  let sum = 0;
  for (let f = 0; f < d; f++) sum += (out[f] /= used);
  if (sum > 0) for (let f = 0; f < d; f++) out[f] /= sum;
  return out;
}
