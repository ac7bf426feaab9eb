/** Exports of assembly/tree/split.ts (pointers and lengths are plain numbers in wasm32). Contracts are documented there. */
export interface TreeKernels {
  /** Gini (criterion 0) or entropy in bits (1) of class weights. */
  treeClassImpurity(counts: number, nClasses: number, wn: number, criterion: number): number;
  /** Best split of one feature of a classifier node: -1 constant feature, 0 none, 1 written to out (proxy, pos, threshold). */
  treeSplitClf(
    xcol: number, seg: number, count: number, yc: number, w: number, nClasses: number, criterion: number, minLeaf: number,
    total: number, left: number, out: number,
  ): number;
  /** Same for a squared-error regression node. */
  treeSplitMse(xcol: number, seg: number, count: number, y: number, w: number, minLeaf: number, sumTotal: number, wTotal: number, out: number): number;
  /** Same for an absolute-error regression node (work: 4 * count f64). */
  treeSplitMae(xcol: number, seg: number, count: number, y: number, w: number, minLeaf: number, work: number, out: number): number;
  /** Weighted median, mean absolute deviation and weight of a node's rows into out (work: 2 * count f64). */
  treeNodeMae(seg: number, count: number, y: number, w: number, work: number, out: number): void;
  /** Stable partition of every feature's segment [start, end): the first pos rows of seg go left. */
  treePartition(order: number, n: number, d: number, start: number, end: number, seg: number, pos: number, mask: number, tmp: number): void;
  /** Copies the presorted rows of weight != 0 into order; returns how many per feature. */
  treeCompact(master: number, order: number, n: number, d: number, w: number): number;
  /** Leaf index of each row (x f64 row-major) in one tree. */
  treeApply(x: number, rows: number, cols: number, feature: number, threshold: number, left: number, right: number, out: number): void;
}
