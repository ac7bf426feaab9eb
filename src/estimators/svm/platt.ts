/**
 * Platt scaling as libsvm does it (Lin, Lin and Weng's improved sigmoid fit; Wu, Lin and Weng's pairwise coupling):
 * sigmoid_train, sigmoid_predict and multiclass_probability, in libsvm's arithmetic order. Pure functions.
 */

/** Fits P(y=1|f) = 1 / (1 + exp(A f + B)) to decision values f and labels (> 0 positive) by Newton with line search. */
export function sigmoidTrain(dec: Float64Array, labels: Float64Array): { A: number; B: number } {
  const l = dec.length;
  let prior1 = 0;
  let prior0 = 0;
  for (let i = 0; i < l; i++) if (labels[i] > 0) prior1 += 1; else prior0 += 1;
  const maxIter = 100;
  const minStep = 1e-10;
  const sigma = 1e-12;
  const eps = 1e-5;
  const hiTarget = (prior1 + 1) / (prior1 + 2);
  const loTarget = 1 / (prior0 + 2);
  const t = new Float64Array(l);
  let A = 0;
  let B = Math.log((prior0 + 1) / (prior1 + 1));
  let fval = 0;
  for (let i = 0; i < l; i++) {
    t[i] = labels[i] > 0 ? hiTarget : loTarget;
    const fApB = dec[i] * A + B;
    fval += fApB >= 0 ? t[i] * fApB + Math.log(1 + Math.exp(-fApB)) : (t[i] - 1) * fApB + Math.log(1 + Math.exp(fApB));
  }
  for (let iter = 0; iter < maxIter; iter++) {
    let h11 = sigma;
    let h22 = sigma;
    let h21 = 0;
    let g1 = 0;
    let g2 = 0;
    for (let i = 0; i < l; i++) {
      const fApB = dec[i] * A + B;
      let p: number;
      let q: number;
      if (fApB >= 0) {
        p = Math.exp(-fApB) / (1 + Math.exp(-fApB));
        q = 1 / (1 + Math.exp(-fApB));
      } else {
        p = 1 / (1 + Math.exp(fApB));
        q = Math.exp(fApB) / (1 + Math.exp(fApB));
      }
      const d2 = p * q;
      h11 += dec[i] * dec[i] * d2;
      h22 += d2;
      h21 += dec[i] * d2;
      const d1 = t[i] - p;
      g1 += dec[i] * d1;
      g2 += d1;
    }
    if (Math.abs(g1) < eps && Math.abs(g2) < eps) break;
    const det = h11 * h22 - h21 * h21;
    const dA = -(h22 * g1 - h21 * g2) / det;
    const dB = -(-h21 * g1 + h11 * g2) / det;
    const gd = g1 * dA + g2 * dB;
    let stepsize = 1;
    while (stepsize >= minStep) {
      const newA = A + stepsize * dA;
      const newB = B + stepsize * dB;
      let newf = 0;
      for (let i = 0; i < l; i++) {
        const fApB = dec[i] * newA + newB;
        newf += fApB >= 0 ? t[i] * fApB + Math.log(1 + Math.exp(-fApB)) : (t[i] - 1) * fApB + Math.log(1 + Math.exp(fApB));
      }
      if (newf < fval + 0.0001 * stepsize * gd) {
        A = newA;
        B = newB;
        fval = newf;
        break;
      }
      stepsize = stepsize / 2;
    }
    if (stepsize < minStep) break;
  }
  return { A, B };
}

export function sigmoidPredict(dec: number, A: number, B: number): number {
  const fApB = dec * A + B;
  return fApB >= 0 ? Math.exp(-fApB) / (1 + Math.exp(-fApB)) : 1 / (1 + Math.exp(fApB));
}

/** Pairwise coupling (libsvm's multiclass_probability): r is k x k with r[i][j] + r[j][i] = 1; writes p (k). */
export function multiclassProbability(k: number, r: Float64Array, p: Float64Array): void {
  const maxIter = Math.max(100, k);
  const Q = new Float64Array(k * k);
  const Qp = new Float64Array(k);
  const eps = 0.005 / k;
  for (let t = 0; t < k; t++) {
    p[t] = 1 / k;
    Q[t * k + t] = 0;
    for (let j = 0; j < t; j++) {
      Q[t * k + t] += r[j * k + t] * r[j * k + t];
      Q[t * k + j] = Q[j * k + t];
    }
    for (let j = t + 1; j < k; j++) {
      Q[t * k + t] += r[j * k + t] * r[j * k + t];
      Q[t * k + j] = -r[j * k + t] * r[t * k + j];
    }
  }
  for (let iter = 0; iter < maxIter; iter++) {
    let pQp = 0;
    for (let t = 0; t < k; t++) {
      Qp[t] = 0;
      for (let j = 0; j < k; j++) Qp[t] += Q[t * k + j] * p[j];
      pQp += p[t] * Qp[t];
    }
    let maxError = 0;
    for (let t = 0; t < k; t++) {
      const error = Math.abs(Qp[t] - pQp);
      if (error > maxError) maxError = error;
    }
    if (maxError < eps) break;
    for (let t = 0; t < k; t++) {
      const diff = (-Qp[t] + pQp) / Q[t * k + t];
      p[t] += diff;
      pQp = (pQp + diff * (diff * Q[t * k + t] + 2 * Qp[t])) / (1 + diff) / (1 + diff);
      for (let j = 0; j < k; j++) {
        Qp[j] = (Qp[j] + diff * Q[t * k + j]) / (1 + diff);
        p[j] /= 1 + diff;
      }
    }
  }
}

/** Class probabilities of one row from its pairwise decision values (libsvm's predict_probability). */
export function coupledProbabilities(dec: Float64Array, decOff: number, k: number, probA: Float64Array, probB: Float64Array, out: Float64Array, outOff: number): void {
  const minProb = 1e-7;
  const r = new Float64Array(k * k);
  let p = 0;
  for (let i = 0; i < k; i++) {
    for (let j = i + 1; j < k; j++) {
      const v = Math.min(Math.max(sigmoidPredict(dec[decOff + p], probA[p], probB[p]), minProb), 1 - minProb);
      r[i * k + j] = v;
      r[j * k + i] = 1 - v;
      p++;
    }
  }
  const probs = new Float64Array(k);
  multiclassProbability(k, r, probs);
  out.set(probs, outOff);
}
