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
