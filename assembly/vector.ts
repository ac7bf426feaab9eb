// Small SIMD vector helpers shared by the kernels (inlined at each use; not wasm exports: assembly/index.ts does not
// re-export this file). Summation orders are fixed here, so every kernel that uses them rounds the same way.

@inline export function f64At(base: usize, i: i32): f64 {
  return load<f64>(base + (<usize>i << 3));
}

@inline export function setF64(base: usize, i: i32, v: f64): void {
  store<f64>(base + (<usize>i << 3), v);
}

/** sum_f a[f] b[f] over d contiguous f64: four lanes per step into two accumulators (hides add latency). */
@inline export function dot(a: usize, b: usize, d: i32): f64 {
  const quads = d & ~3;
  let acc0 = f64x2.splat(0);
  let acc1 = f64x2.splat(0);
  let f = 0;
  for (; f < quads; f += 4) {
    const off = <usize>f << 3;
    acc0 = f64x2.add(acc0, f64x2.mul(v128.load(a + off), v128.load(b + off)));
    acc1 = f64x2.add(acc1, f64x2.mul(v128.load(a + off, 16), v128.load(b + off, 16)));
  }
  const acc = f64x2.add(acc0, acc1);
  let s = f64x2.extract_lane(acc, 0) + f64x2.extract_lane(acc, 1);
  for (; f < d; f++) s += f64At(a, f) * f64At(b, f);
  return s;
}

/** sum_f (a[f] - b[f])^2, exact difference form (identical rows give exactly 0), same lane order as `dot`. */
@inline export function sqDist(a: usize, b: usize, d: i32): f64 {
  const quads = d & ~3;
  let acc0 = f64x2.splat(0);
  let acc1 = f64x2.splat(0);
  let f = 0;
  for (; f < quads; f += 4) {
    const off = <usize>f << 3;
    const d0 = f64x2.sub(v128.load(a + off), v128.load(b + off));
    const d1 = f64x2.sub(v128.load(a + off, 16), v128.load(b + off, 16));
    acc0 = f64x2.add(acc0, f64x2.mul(d0, d0));
    acc1 = f64x2.add(acc1, f64x2.mul(d1, d1));
  }
  const acc = f64x2.add(acc0, acc1);
  let s = f64x2.extract_lane(acc, 0) + f64x2.extract_lane(acc, 1);
  for (; f < d; f++) {
    const diff = f64At(a, f) - f64At(b, f);
    s += diff * diff;
  }
  return s;
}

/** dst[f] += src[f] * scale for f < d. */
@inline export function axpy(dst: usize, src: usize, scale: f64, d: i32): void {
  const pairs = d & ~1;
  const s = f64x2.splat(scale);
  let f = 0;
  for (; f < pairs; f += 2) {
    const off = <usize>f << 3;
    v128.store(dst + off, f64x2.add(v128.load(dst + off), f64x2.mul(v128.load(src + off), s)));
  }
  if (f < d) setF64(dst, f, f64At(dst, f) + f64At(src, f) * scale);
}

/** Four dot products out[k] = w_k . x (k = 0..3) in one pass over x: each is summed exactly as `dot(w_k, x, d)`
 *  (same accumulators, same lane order, same tail), so grouping rows never changes a result; x is loaded once. */
@inline export function dot4(w0: usize, w1: usize, w2: usize, w3: usize, x: usize, d: i32, out: usize): void {
  const quads = d & ~3;
  let a0 = f64x2.splat(0);
  let b0 = f64x2.splat(0);
  let a1 = f64x2.splat(0);
  let b1 = f64x2.splat(0);
  let a2 = f64x2.splat(0);
  let b2 = f64x2.splat(0);
  let a3 = f64x2.splat(0);
  let b3 = f64x2.splat(0);
  let f = 0;
  for (; f < quads; f += 4) {
    const off = <usize>f << 3;
    const xa = v128.load(x + off);
    const xb = v128.load(x + off, 16);
    a0 = f64x2.add(a0, f64x2.mul(v128.load(w0 + off), xa));
    b0 = f64x2.add(b0, f64x2.mul(v128.load(w0 + off, 16), xb));
    a1 = f64x2.add(a1, f64x2.mul(v128.load(w1 + off), xa));
    b1 = f64x2.add(b1, f64x2.mul(v128.load(w1 + off, 16), xb));
    a2 = f64x2.add(a2, f64x2.mul(v128.load(w2 + off), xa));
    b2 = f64x2.add(b2, f64x2.mul(v128.load(w2 + off, 16), xb));
    a3 = f64x2.add(a3, f64x2.mul(v128.load(w3 + off), xa));
    b3 = f64x2.add(b3, f64x2.mul(v128.load(w3 + off, 16), xb));
  }
  const c0 = f64x2.add(a0, b0);
  const c1 = f64x2.add(a1, b1);
  const c2 = f64x2.add(a2, b2);
  const c3 = f64x2.add(a3, b3);
  let s0 = f64x2.extract_lane(c0, 0) + f64x2.extract_lane(c0, 1);
  let s1 = f64x2.extract_lane(c1, 0) + f64x2.extract_lane(c1, 1);
  let s2 = f64x2.extract_lane(c2, 0) + f64x2.extract_lane(c2, 1);
  let s3 = f64x2.extract_lane(c3, 0) + f64x2.extract_lane(c3, 1);
  for (; f < d; f++) {
    const xf = f64At(x, f);
    s0 += f64At(w0, f) * xf;
    s1 += f64At(w1, f) * xf;
    s2 += f64At(w2, f) * xf;
    s3 += f64At(w3, f) * xf;
  }
  setF64(out, 0, s0);
  setF64(out, 1, s1);
  setF64(out, 2, s2);
  setF64(out, 3, s3);
}

/** w_k[f] += x[f] * c_k for k = 0..3 and f < d, each rounded exactly as `axpy(w_k, x, c_k, d)`; x is loaded once. */
@inline export function axpy4(
  w0: usize, w1: usize, w2: usize, w3: usize, x: usize, c0: f64, c1: f64, c2: f64, c3: f64, d: i32,
): void {
  const pairs = d & ~1;
  const s0 = f64x2.splat(c0);
  const s1 = f64x2.splat(c1);
  const s2 = f64x2.splat(c2);
  const s3 = f64x2.splat(c3);
  let f = 0;
  for (; f < pairs; f += 2) {
    const off = <usize>f << 3;
    const xv = v128.load(x + off);
    v128.store(w0 + off, f64x2.add(v128.load(w0 + off), f64x2.mul(xv, s0)));
    v128.store(w1 + off, f64x2.add(v128.load(w1 + off), f64x2.mul(xv, s1)));
    v128.store(w2 + off, f64x2.add(v128.load(w2 + off), f64x2.mul(xv, s2)));
    v128.store(w3 + off, f64x2.add(v128.load(w3 + off), f64x2.mul(xv, s3)));
  }
  if (f < d) {
    const xf = f64At(x, f);
    setF64(w0, f, f64At(w0, f) + xf * c0);
    setF64(w1, f, f64At(w1, f) + xf * c1);
    setF64(w2, f, f64At(w2, f) + xf * c2);
    setF64(w3, f, f64At(w3, f) + xf * c3);
  }
}

/** a[f] *= c for f < d. */
@inline export function scal(a: usize, c: f64, d: i32): void {
  const pairs = d & ~1;
  const s = f64x2.splat(c);
  let f = 0;
  for (; f < pairs; f += 2) {
    const off = <usize>f << 3;
    v128.store(a + off, f64x2.mul(v128.load(a + off), s));
  }
  if (f < d) setF64(a, f, f64At(a, f) * c);
}
