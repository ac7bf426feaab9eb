import { describe, it, expect } from 'vitest';
import { decisionValues, groupClasses, ovrDecision, voteOvo, weightedC } from '../../../src/estimators/svm/ovo';
import { numpyVar, pairwiseSum } from '../../../src/estimators/svm/params';
import { numericGamma } from '../../../src/estimators/svm/fit-inputs';
import { multiclassProbability, sigmoidPredict, sigmoidTrain } from '../../../src/estimators/svm/platt';
import { kernelJs } from '../../../src/estimators/svm/kernel-js';

/** Pure SVM logic: one-vs-one votes and their ties, libsvm's class grouping, class weights, gamma, Platt scaling. */
describe('one-vs-one vote (libsvm predict_values)', () => {
  const votes = new Int32Array(3);
  it('pair (i, j) votes i only for a decision value > 0; a three-way tie goes to the first class', () => {
    // pairs (0,1), (0,2), (1,2): 0 beats 1, 2 beats 0, 1 beats 2 -> one vote each -> class 0.
    expect(voteOvo(Float64Array.of(1, -1, 1), 0, 3, votes)).toBe(0);
    expect(Array.from(votes)).toEqual([1, 1, 1]);
    // A decision value of exactly 0 votes for j: (0,1) -> 1, (0,2) -> 2, (1,2) -> 2.
    expect(voteOvo(Float64Array.of(0, 0, 0), 0, 3, votes)).toBe(2);
    expect(Array.from(votes)).toEqual([0, 1, 2]);
  });
  it('a two-way tie goes to the smaller class index', () => {
    // 4 classes, pairs (0,1) (0,2) (0,3) (1,2) (1,3) (2,3) won by 1, 0, 3, 1, 3, 2: classes 1 and 3 tie at two votes.
    const v4 = new Int32Array(4);
    expect(voteOvo(Float64Array.of(-1, 1, -1, 1, -1, 1), 0, 4, v4)).toBe(1);
    expect(Array.from(v4)).toEqual([1, 2, 1, 2]);
  });
  it("scikit-learn's ovr shape breaks the tie by confidence (breakTies)", () => {
    // The three-way tie above, with class 1's wins the most confident: ovr argmax is 1, the vote says 0.
    const dec = Float64Array.of(0.1, -0.2, 3);
    expect(voteOvo(dec, 0, 3, votes)).toBe(0);
    const ovr = new Float64Array(3);
    ovrDecision(dec, 0, 3, ovr, 0);
    expect(ovr.indexOf(Math.max(...ovr))).toBe(1);
    // votes stay the integer part: confidences are squashed into (-1/3, 1/3).
    for (const v of ovr) expect(Math.abs(v - Math.round(v))).toBeLessThan(1 / 3);
    // A decision value of 0 counts as a vote for i in the ovr shape (dec < 0 is the "j" prediction).
    ovrDecision(Float64Array.of(0), 0, 2, ovr, 0);
    expect(ovr[0]).toBe(1);
    expect(ovr[1]).toBe(0);
  });
});

describe('class grouping and weights', () => {
  it('labels sorted, rows grouped by class in their original order (svm_group_classes as scikit-learn patched it)', () => {
    const g = groupClasses(Float64Array.of(5, 2, 5, 9, 2, 2));
    expect(Array.from(g.labels)).toEqual([2, 5, 9]);
    expect(Array.from(g.count)).toEqual([3, 2, 1]);
    expect(Array.from(g.start)).toEqual([0, 3, 5]);
    expect(Array.from(g.perm)).toEqual([1, 4, 5, 0, 2, 3]);
  });
  it("classWeight 'balanced' scales C by n / (k * count) of the training rows", () => {
    expect(Array.from(weightedC(2, Int32Array.of(2, 6), 'balanced'))).toEqual([2 * (8 / 4), 2 * (8 / 12)]);
    expect(Array.from(weightedC(2, Int32Array.of(2, 6), null))).toEqual([2, 2]);
  });
  it('decision values sum each pair over its two classes\' support vectors only', () => {
    // 3 classes, one SV each; K row = [1, 10, 100]; sv_coef rows: (k-1) x 3.
    const nSV = Int32Array.of(1, 1, 1);
    // pair (0,1): coef of class 0 in row 0 (j-1 = 0), of class 1 in row 0 (i = 0).
    // pair (0,2): class 0 in row 1, class 2 in row 0. pair (1,2): class 1 in row 1, class 2 in row 1.
    const svCoef = Float64Array.of(/* row 0 */ 1, 2, 3, /* row 1 */ 4, 5, 6);
    const dec = decisionValues(Float64Array.of(1, 10, 100), 1, nSV, svCoef, Float64Array.of(0.5, 0, 0));
    expect(Array.from(dec)).toEqual([1 * 1 + 2 * 10 - 0.5, 4 * 1 + 3 * 100, 5 * 10 + 6 * 100]);
  });
});

describe("gamma 'scale' and 'auto'", () => {
  it("numpy's pairwise summation: exact on small blocks, the same halving above 128 values", () => {
    const a = Float64Array.from({ length: 1000 }, (_, i) => 1 / (i + 1));
    let plain = 0;
    for (const v of a) plain += v;
    expect(Math.abs(pairwiseSum(a, 0, 1000) - plain)).toBeLessThan(1e-12);
    expect(pairwiseSum(Float64Array.of(1, 2, 3), 0, 3)).toBe(6);
  });
  it("'scale' = 1 / (cols * var of every value), 1 for constant rows; 'auto' = 1 / cols", () => {
    const v = Float64Array.of(1, 2, 3, 4, 5, 6);
    expect(numpyVar(v)).toBeCloseTo(35 / 12, 14);
    expect(numericGamma('scale', numpyVar(v), 3)).toBeCloseTo(1 / (3 * (35 / 12)), 14);
    expect(numericGamma('scale', 0, 3)).toBe(1);
    expect(numericGamma('auto', 123, 4)).toBe(0.25);
    expect(numericGamma(0.5, 123, 4)).toBe(0.5);
  });
});

describe('kernels (k_function)', () => {
  const a = Float64Array.of(1, 2);
  const b = Float64Array.of(3, -1);
  it('linear, poly, rbf, sigmoid', () => {
    expect(kernelJs(a, 0, b, 0, 2, { kind: 0, gamma: 0, coef0: 0, degree: 3 })).toBe(1);
    expect(kernelJs(a, 0, b, 0, 2, { kind: 1, gamma: 0.5, coef0: 1, degree: 3 })).toBe(1.5 ** 3);
    expect(kernelJs(a, 0, b, 0, 2, { kind: 2, gamma: 0.1, coef0: 0, degree: 3 })).toBe(Math.exp(-0.1 * 13));
    expect(kernelJs(a, 0, b, 0, 2, { kind: 3, gamma: 0.5, coef0: 1, degree: 3 })).toBe(Math.tanh(1.5));
  });
});

describe('Platt scaling (libsvm sigmoid_train, multiclass_probability)', () => {
  it('fits a decreasing sigmoid to well separated decision values', () => {
    const dec = Float64Array.from({ length: 40 }, (_, i) => (i < 20 ? 1 + i / 20 : -1 - (i - 20) / 20));
    const labels = Float64Array.from({ length: 40 }, (_, i) => (i < 20 ? 1 : -1));
    const { A, B } = sigmoidTrain(dec, labels);
    expect(A).toBeLessThan(0);
    expect(Math.abs(B)).toBeLessThan(0.5);
    expect(sigmoidPredict(2, A, B)).toBeGreaterThan(0.9);
    expect(sigmoidPredict(-2, A, B)).toBeLessThan(0.1);
  });
  it('couples pairwise probabilities into a distribution that agrees with them', () => {
    const k = 3;
    // Class 0 beats 1 and 2 at 0.8; 1 beats 2 at 0.6.
    const r = new Float64Array(k * k);
    const set = (i: number, j: number, v: number) => {
      r[i * k + j] = v;
      r[j * k + i] = 1 - v;
    };
    set(0, 1, 0.8);
    set(0, 2, 0.8);
    set(1, 2, 0.6);
    const p = new Float64Array(k);
    multiclassProbability(k, r, p);
    expect(p[0] + p[1] + p[2]).toBeCloseTo(1, 6);
    expect(p[0]).toBeGreaterThan(p[1]);
    expect(p[1]).toBeGreaterThan(p[2]);
    // Two classes: the coupling returns the pairwise probability itself.
    const p2 = new Float64Array(2);
    multiclassProbability(2, Float64Array.of(0, 0.7, 0.3, 0), p2);
    expect(p2[0]).toBeCloseTo(0.7, 3);
  });
});
