/**
 * Grows one decision tree depth-first as scikit-learn 1.2.1's DepthFirstTreeBuilder with its BestSplitter does; the
 * per-feature split scans and the partitions run in wasm (assembly/tree/split.ts).
 *
 * Rules kept from scikit-learn: a node is a leaf when depth >= maxDepth, rows < minSamplesSplit, rows <
 * 2 * minSamplesLeaf or impurity <= EPSILON; else the best split over the features drawn, and the node stays a leaf
 * when there is none or its weighted impurity decrease + EPSILON < minImpurityDecrease. Children are pushed right
 * then left, so node ids are in preorder (left first), as scikit-learn's. Thresholds are midpoints of consecutive
 * distinct float32 values; a split replaces the best only when its proxy improvement is strictly larger.
 *
 * How ties break here (scikit-learn's feature order comes from its own random stream, which we cannot copy):
 * - within a feature, the smallest threshold wins (as scikit-learn);
 * - with every feature considered (maxFeatures = all), features are scanned in column order: among features with
 *   equal best proxies the lowest column wins. scikit-learn scans them in a random order, so on ties the structures
 *   may differ; without ties they agree (tests/node/estimators/tree/sklearn-structure.test.ts);
 * - with fewer features per split, the features are drawn as scikit-learn draws them (Fisher-Yates over the
 *   features not known to be constant, continuing past constant ones until one non-constant feature was seen) but
 *   from our generator, so which features a node sees differs from scikit-learn's run; the first drawn wins ties.
 */
import type { Kernels } from '../../worker/kernels';
import type { Presorted } from './presort';
import type { GrowSettings } from './settings';
import type { Rng } from '../../rng';
import { costComplexityPrune } from './prune';

const EPSILON = 2.220446049250313e-16;
const GINI = 0;
const SQUARED_ERROR = 2;
const ABSOLUTE_ERROR = 3;

/** A grown tree as node arrays (preorder; leaves have left = right = -1, feature = threshold = -2, as scikit-learn). */
export interface TreeArrays {
  feature: Int32Array;
  threshold: Float64Array;
  left: Int32Array;
  right: Int32Array;
  /** nodes x nOut: weighted class counts (classifiers, as scikit-learn 1.2's tree_.value) or the prediction. */
  value: Float64Array;
  impurity: Float64Array;
  nNodeSamples: Int32Array;
  weightedNNodeSamples: Float64Array;
  nOut: number;
}

export type TreeTarget = { kind: 'classifier'; yc: Int32Array; nClasses: number } | { kind: 'regressor'; y: Float64Array };

interface Split {
  feature: number;
  pos: number;
  threshold: number;
  impLeft: number;
  impRight: number;
  improvement: number;
}

/**
 * The wasm-side buffers of one trainer call: the fold's presorted orders and values, the targets, and scratch.
 * Allocated in the arena's per-task scratch (released by the worker after the task); nothing allocates while trees
 * grow, so the views taken here stay valid.
 */
export class TreeWorkspace {
  readonly n: number;
  readonly d: number;
  private readonly k: Kernels;
  private readonly nOut: number;
  private readonly ptr: {
    xcol: number; master: number; order: number; y: number; w: number; mask: number; tmp: number;
    total: number; left: number; right: number; out: number; work: number;
  };
  private readonly order: Int32Array;
  private readonly master: Int32Array;
  private readonly w: Float64Array;
  private readonly yc: Int32Array | null;
  private readonly y: Float64Array | null;
  private readonly total: Float64Array;
  private readonly leftBuf: Float64Array;
  private readonly rightBuf: Float64Array;
  private readonly outBuf: Float64Array;
  /** How many rows of the current tree are in `order` (rows of weight 0 are left out). */
  private m = 0;
  private totalW = 0;

  constructor(kernels: Kernels, pre: Presorted, private readonly target: TreeTarget) {
    this.k = kernels;
    const { n, d } = pre;
    this.n = n;
    this.d = d;
    this.nOut = target.kind === 'classifier' ? target.nClasses : 1;
    const a = kernels.arena;
    const nc = Math.max(1, this.nOut);
    this.ptr = {
      xcol: a.alloc(4 * n * d),
      master: a.alloc(4 * n * d),
      order: a.alloc(4 * n * d),
      y: a.alloc(8 * n),
      w: a.alloc(8 * n),
      mask: a.alloc(n),
      tmp: a.alloc(4 * n),
      total: a.alloc(8 * nc),
      left: a.alloc(8 * nc),
      right: a.alloc(8 * nc),
      out: a.alloc(32),
      work: a.alloc(32 * n),
    };
    const buf = a.memory.buffer;
    new Float32Array(buf, this.ptr.xcol, n * d).set(pre.xcol);
    this.master = new Int32Array(buf, this.ptr.master, n * d);
    this.master.set(pre.order);
    this.order = new Int32Array(buf, this.ptr.order, n * d);
    this.w = new Float64Array(buf, this.ptr.w, n);
    this.total = new Float64Array(buf, this.ptr.total, nc);
    this.leftBuf = new Float64Array(buf, this.ptr.left, nc);
    this.rightBuf = new Float64Array(buf, this.ptr.right, nc);
    this.outBuf = new Float64Array(buf, this.ptr.out, 4);
    if (target.kind === 'classifier') {
      this.yc = new Int32Array(buf, this.ptr.y, n);
      this.yc.set(target.yc);
      this.y = null;
    } else {
      this.y = new Float64Array(buf, this.ptr.y, n);
      this.y.set(target.y);
      this.yc = null;
    }
  }

  /**
   * Grows a tree on the rows with weight > 0 (`weights` per row, e.g. bootstrap counts; null = every row once).
   * `rng` draws the features of each split when settings.maxFeatures < features.
   */
  grow(weights: Float64Array | null, s: GrowSettings, rng: Rng): TreeArrays {
    this.setRows(weights);
    const tree = this.build(s, rng);
    return s.ccpAlpha > 0 ? costComplexityPrune(tree, s.ccpAlpha) : tree;
  }

  private setRows(weights: Float64Array | null): void {
    const { n, d, w, order, master } = this;
    if (!weights) {
      w.fill(1);
      order.set(master);
      this.m = n;
      this.totalW = n;
      return;
    }
    w.set(weights);
    let total = 0;
    for (let i = 0; i < n; i++) total += weights[i];
    this.totalW = total;
    this.m = this.k.wasm.treeCompact(this.ptr.master, this.ptr.order, n, d, this.ptr.w);
  }

  /** Node statistics straight from the rows of [start, end): class weights into `total`, or sums. */
  private nodeStats(start: number, end: number): { wn: number; sum: number; sq: number } {
    const { order, w } = this;
    let wn = 0;
    let sum = 0;
    let sq = 0;
    if (this.yc) {
      const yc = this.yc;
      this.total.fill(0);
      for (let i = start; i < end; i++) {
        const r = order[i];
        this.total[yc[r]] += w[r];
        wn += w[r];
      }
      return { wn, sum, sq };
    }
    const y = this.y!;
    for (let i = start; i < end; i++) {
      const r = order[i];
      const wr = w[r];
      wn += wr;
      sum += wr * y[r];
      sq += wr * y[r] * y[r];
    }
    return { wn, sum, sq };
  }

  private build(s: GrowSettings, rng: Rng): TreeArrays {
    const { d, n } = this;
    const feature: number[] = [];
    const threshold: number[] = [];
    const left: number[] = [];
    const right: number[] = [];
    const value: number[] = [];
    const impurity: number[] = [];
    const nNodeSamples: number[] = [];
    const weighted: number[] = [];
    const features = Int32Array.from({ length: d }, (_, i) => i);
    const constant = new Int32Array(d);
    // Stack entries: start, end, depth, parent, isLeft, impurity, nConstant.
    const stack: number[][] = [[0, this.m, 0, -1, 0, NaN, 0]];
    const mae = s.criterion === ABSOLUTE_ERROR;
    while (stack.length > 0) {
      const [start, end, depth, parent, isLeft, parentImp, nConst] = stack.pop()!;
      const count = end - start;
      const st = this.nodeStats(start, end);
      let nodeMedian = NaN;
      let nodeImp = parentImp;
      if (mae) {
        this.k.wasm.treeNodeMae(this.ptr.order + 4 * start, count, this.ptr.y, this.ptr.w, this.ptr.work, this.ptr.out);
        nodeMedian = this.outBuf[0];
        if (parent < 0) nodeImp = this.outBuf[1];
      } else if (parent < 0) {
        nodeImp = this.yc
          ? this.k.wasm.treeClassImpurity(this.ptr.total, this.nOut, st.wn, s.criterion)
          : st.sq / st.wn - (st.sum / st.wn) * (st.sum / st.wn);
      }
      let leaf = depth >= s.maxDepth || count < s.minSamplesSplit || count < 2 * s.minSamplesLeaf || nodeImp <= EPSILON;
      let split: Split | null = null;
      let childConst = nConst;
      if (!leaf) {
        const found = this.findSplit(start, end, st, nodeImp, s, rng, features, constant, nConst);
        split = found.split;
        childConst = found.nConst;
        leaf = split === null || split.improvement + EPSILON < s.minImpurityDecrease;
      }
      const id = feature.length;
      if (parent >= 0) (isLeft ? left : right)[parent] = id;
      feature.push(leaf ? -2 : split!.feature);
      threshold.push(leaf ? -2 : split!.threshold);
      left.push(-1);
      right.push(-1);
      impurity.push(nodeImp);
      nNodeSamples.push(count);
      weighted.push(st.wn);
      if (this.yc) for (let c = 0; c < this.nOut; c++) value.push(this.total[c]);
      else value.push(mae ? nodeMedian : st.sum / st.wn);
      if (!leaf && split) {
        const seg = this.ptr.order + 4 * (split.feature * n + start);
        this.k.wasm.treePartition(this.ptr.order, n, d, start, end, seg, split.pos, this.ptr.mask, this.ptr.tmp);
        const mid = start + split.pos;
        stack.push([mid, end, depth + 1, id, 0, split.impRight, childConst]);
        stack.push([start, mid, depth + 1, id, 1, split.impLeft, childConst]);
      }
    }
    return {
      feature: Int32Array.from(feature),
      threshold: Float64Array.from(threshold),
      left: Int32Array.from(left),
      right: Int32Array.from(right),
      value: Float64Array.from(value),
      impurity: Float64Array.from(impurity),
      nNodeSamples: Int32Array.from(nNodeSamples),
      weightedNNodeSamples: Float64Array.from(weighted),
      nOut: this.nOut,
    };
  }

  /** One feature's best split into outBuf: -1 constant, 0 none, 1 found. */
  private scan(f: number, start: number, count: number, st: { wn: number; sum: number }, s: GrowSettings): number {
    const p = this.ptr;
    const xcol = p.xcol + 4 * f * this.n;
    const seg = p.order + 4 * (f * this.n + start);
    const kw = this.k.wasm;
    if (this.yc) return kw.treeSplitClf(xcol, seg, count, p.y, p.w, this.nOut, s.criterion, s.minSamplesLeaf, p.total, p.left, p.out);
    if (s.criterion === SQUARED_ERROR) return kw.treeSplitMse(xcol, seg, count, p.y, p.w, s.minSamplesLeaf, st.sum, st.wn, p.out);
    return kw.treeSplitMae(xcol, seg, count, p.y, p.w, s.minSamplesLeaf, p.work, p.out);
  }

  private findSplit(
    start: number, end: number, st: { wn: number; sum: number; sq: number }, nodeImp: number, s: GrowSettings, rng: Rng,
    features: Int32Array, constant: Int32Array, nKnown: number,
  ): { split: Split | null; nConst: number } {
    const count = end - start;
    const d = this.d;
    let bestProxy = -Infinity;
    let bestF = -1;
    let bestPos = 0;
    let bestThr = 0;
    const consider = (f: number): boolean => {
      const r = this.scan(f, start, count, st, s);
      if (r === 1 && this.outBuf[0] > bestProxy) {
        bestProxy = this.outBuf[0];
        bestF = f;
        bestPos = this.outBuf[1];
        bestThr = this.outBuf[2];
      }
      return r !== -1;
    };
    let nTotal = nKnown;
    if (s.maxFeatures >= d) {
      // Every feature, in column order (ties: lowest column). Constant features are an O(1) test in the scan.
      for (let f = 0; f < d; f++) consider(f);
    } else {
      // scikit-learn's Fisher-Yates draw (see the module comment), from our generator.
      let fi = d;
      let visited = 0;
      let found = 0;
      let drawn = 0;
      while (fi > nTotal && (visited < s.maxFeatures || visited <= found + drawn)) {
        visited++;
        let fj = drawn + rng.int(fi - found - drawn);
        if (fj < nKnown) {
          swap(features, drawn, fj);
          drawn++;
          continue;
        }
        fj += found;
        if (!consider(features[fj])) {
          swap(features, fj, nTotal);
          found++;
          nTotal++;
          continue;
        }
        fi--;
        swap(features, fi, fj);
      }
      features.set(constant.subarray(0, nKnown), 0);
      constant.set(features.subarray(nKnown, nKnown + found), nKnown);
    }
    if (bestF < 0) return { split: null, nConst: nTotal };
    const { impLeft, impRight, wl } = this.children(bestF, start, count, bestPos, st, s);
    const wn = st.wn;
    const wr = wn - wl;
    const improvement = (wn / this.totalW) * (nodeImp - (wr / wn) * impRight - (wl / wn) * impLeft);
    return { split: { feature: bestF, pos: bestPos, threshold: bestThr, impLeft, impRight, improvement }, nConst: nTotal };
  }

  /** Impurities of the two children of a split, as scikit-learn's children_impurity computes them. */
  private children(f: number, start: number, count: number, pos: number, st: { wn: number; sum: number; sq: number }, s: GrowSettings) {
    const { order, w, n } = this;
    const base = f * n + start;
    let wl = 0;
    if (this.yc) {
      const yc = this.yc;
      this.leftBuf.fill(0);
      for (let i = 0; i < pos; i++) {
        const r = order[base + i];
        this.leftBuf[yc[r]] += w[r];
        wl += w[r];
      }
      for (let c = 0; c < this.nOut; c++) this.rightBuf[c] = this.total[c] - this.leftBuf[c];
      const kw = this.k.wasm;
      return {
        impLeft: kw.treeClassImpurity(this.ptr.left, this.nOut, wl, s.criterion === GINI ? 0 : 1),
        impRight: kw.treeClassImpurity(this.ptr.right, this.nOut, st.wn - wl, s.criterion === GINI ? 0 : 1),
        wl,
      };
    }
    const y = this.y!;
    if (s.criterion === ABSOLUTE_ERROR) {
      const p = this.ptr;
      const seg = p.order + 4 * base;
      this.k.wasm.treeNodeMae(seg, pos, p.y, p.w, p.work, p.out);
      const impLeft = this.outBuf[1];
      wl = this.outBuf[2];
      this.k.wasm.treeNodeMae(seg + 4 * pos, count - pos, p.y, p.w, p.work, p.out);
      return { impLeft, impRight: this.outBuf[1], wl };
    }
    let sl = 0;
    let ql = 0;
    for (let i = 0; i < pos; i++) {
      const r = order[base + i];
      wl += w[r];
      sl += w[r] * y[r];
      ql += w[r] * y[r] * y[r];
    }
    const wr = st.wn - wl;
    const sr = st.sum - sl;
    const qr = st.sq - ql;
    return { impLeft: ql / wl - (sl / wl) * (sl / wl), impRight: qr / wr - (sr / wr) * (sr / wr), wl };
  }
}

function swap(a: Int32Array, i: number, j: number): void {
  const t = a[i];
  a[i] = a[j];
  a[j] = t;
}
