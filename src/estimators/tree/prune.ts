/**
 * Minimal cost-complexity pruning (scikit-learn 1.2.1's `ccp_alpha`, Breiman et al. ch. 3). With R(t) = weight share
 * of node t x its impurity and R(T_t) the sum over the leaves of t's subtree, the weakest link is the internal node
 * with the smallest effective alpha g(t) = (R(t) - R(T_t)) / (leaves(T_t) - 1) (the lowest node id on ties, as
 * scikit-learn scans); it is cut to a leaf while g(t) <= ccpAlpha. The pruned tree keeps the surviving nodes in
 * preorder. Pure.
 */
import type { TreeArrays } from './grow';

/** The subtree that survives pruning at `alpha`. */
export function costComplexityPrune(tree: TreeArrays, alpha: number): TreeArrays {
  const keepAsLeaf = weakestLinks(tree, (g) => g > alpha).leafAt;
  return rebuild(tree, keepAsLeaf);
}

/**
 * scikit-learn's cost_complexity_pruning_path: the effective alphas at which nodes are cut (starting at 0) and the
 * total leaf impurity (sum of R over the leaves) after each cut.
 */
export function pruningPath(tree: TreeArrays): { ccpAlphas: number[]; impurities: number[] } {
  const { path } = weakestLinks(tree, () => false);
  return path;
}

function weakestLinks(tree: TreeArrays, stop: (g: number) => boolean) {
  const n = tree.left.length;
  const total = tree.weightedNNodeSamples[0];
  const rNode = new Float64Array(n);
  const rBranch = new Float64Array(n);
  const nLeaves = new Int32Array(n);
  const parent = new Int32Array(n).fill(-1);
  const candidate = new Uint8Array(n);
  const inSubtree = new Uint8Array(n).fill(1);
  const leafAt = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    rNode[i] = (tree.weightedNNodeSamples[i] * tree.impurity[i]) / total;
    if (tree.left[i] >= 0) {
      parent[tree.left[i]] = i;
      parent[tree.right[i]] = i;
      candidate[i] = 1;
    } else leafAt[i] = 1;
  }
  for (let i = 0; i < n; i++) {
    if (tree.left[i] >= 0) continue;
    for (let c = i; c !== -1; c = parent[c]) {
      rBranch[c] += rNode[i];
      nLeaves[c] += 1;
    }
  }
  const ccpAlphas = [0];
  const impurities = [rBranch[0]];
  while (candidate[0]) {
    let g = Number.MAX_VALUE;
    let at = -1;
    for (let i = 0; i < n; i++) {
      if (!candidate[i]) continue;
      const a = (rNode[i] - rBranch[i]) / (nLeaves[i] - 1);
      if (a < g) {
        g = a;
        at = i;
      }
    }
    if (stop(g)) break;
    const stack = [at];
    while (stack.length > 0) {
      const i = stack.pop()!;
      if (!inSubtree[i]) continue;
      candidate[i] = 0;
      leafAt[i] = 0;
      inSubtree[i] = 0;
      if (tree.left[i] >= 0) stack.push(tree.left[i], tree.right[i]);
    }
    leafAt[at] = 1;
    inSubtree[at] = 1;
    const pruned = nLeaves[at] - 1;
    nLeaves[at] = 0;
    const diff = rNode[at] - rBranch[at];
    rBranch[at] = rNode[at];
    for (let c = parent[at]; c !== -1; c = parent[c]) {
      nLeaves[c] -= pruned;
      rBranch[c] += diff;
    }
    ccpAlphas.push(g);
    impurities.push(rBranch[0]);
  }
  return { leafAt, path: { ccpAlphas, impurities } };
}

/** The nodes reachable from the root, stopping at `leafAt`, in preorder (left first). */
function rebuild(tree: TreeArrays, leafAt: Uint8Array): TreeArrays {
  const keep: number[] = [];
  const stack = [0];
  while (stack.length > 0) {
    const i = stack.pop()!;
    keep.push(i);
    if (!leafAt[i]) stack.push(tree.right[i], tree.left[i]);
  }
  if (keep.length === tree.left.length) return tree;
  const m = keep.length;
  const newId = new Int32Array(tree.left.length).fill(-1);
  keep.forEach((old, i) => (newId[old] = i));
  const k = tree.nOut;
  const out: TreeArrays = {
    feature: new Int32Array(m),
    threshold: new Float64Array(m),
    left: new Int32Array(m),
    right: new Int32Array(m),
    value: new Float64Array(m * k),
    impurity: new Float64Array(m),
    nNodeSamples: new Int32Array(m),
    weightedNNodeSamples: new Float64Array(m),
    nOut: k,
  };
  keep.forEach((old, i) => {
    const leaf = leafAt[old] === 1;
    out.feature[i] = leaf ? -2 : tree.feature[old];
    out.threshold[i] = leaf ? -2 : tree.threshold[old];
    out.left[i] = leaf ? -1 : newId[tree.left[old]];
    out.right[i] = leaf ? -1 : newId[tree.right[old]];
    out.value.set(tree.value.subarray(old * k, old * k + k), i * k);
    out.impurity[i] = tree.impurity[old];
    out.nNodeSamples[i] = tree.nNodeSamples[old];
    out.weightedNNodeSamples[i] = tree.weightedNNodeSamples[old];
  });
  return out;
}
