// Dense matrix products for the MLP's forward and backward passes. Pointers to f64 in linear memory; no allocation.
//
// Both kernels are register-blocked (4 rows of C x 4 columns in eight f64x2 accumulators, or 2 x 2 dot products), so a
// loaded row of B serves several rows of A; the matrices of one layer (batch x fan-in, fan-in x fan-out) stay in
// cache. Every element of C is summed over p in ascending order (no FMA), so results are deterministic and match a
// plain loop to rounding.

/**
 * C (m x n, row-major) = A B + bias, where A's element (i, p) sits at a + 8 (i sai + p sap) (sai = k, sap = 1 for a
 * row-major A; sai = 1, sap = m for its transpose) and B is row-major k x n. bias: n values added to every row, or 0.
 */
export function gemmNN(c: usize, a: usize, sai: i32, sap: i32, b: usize, bias: usize, m: i32, n: i32, k: i32): void {
  const n2 = n & ~1;
  const rowB = <usize>n << 3;
  const stepP = <usize>sap << 3;
  const stepI = <usize>sai << 3;
  let i = 0;
  for (; i + 4 <= m; i += 4) {
    const a0 = a + <usize>i * stepI;
    const a1 = a0 + stepI;
    const a2 = a1 + stepI;
    const a3 = a2 + stepI;
    const c0 = c + (<usize>i * <usize>n << 3);
    const c1 = c0 + rowB;
    const c2 = c1 + rowB;
    const c3 = c2 + rowB;
    // 4 rows x 4 columns: 8 accumulators, two loads of B and four of A per p for 16 flops.
    const n4 = n & ~3;
    for (let j = 0; j < n4; j += 4) {
      const jo = <usize>j << 3;
      const initL = bias != 0 ? v128.load(bias + jo) : f64x2.splat(0);
      const initH = bias != 0 ? v128.load(bias + jo + 16) : f64x2.splat(0);
      let s0 = initL;
      let s1 = initL;
      let s2 = initL;
      let s3 = initL;
      let t0 = initH;
      let t1 = initH;
      let t2 = initH;
      let t3 = initH;
      let bp = b + jo;
      let ao: usize = 0;
      for (let p = 0; p < k; p++) {
        const bl = v128.load(bp);
        const bh = v128.load(bp + 16);
        const x0 = f64x2.splat(load<f64>(a0 + ao));
        const x1 = f64x2.splat(load<f64>(a1 + ao));
        const x2 = f64x2.splat(load<f64>(a2 + ao));
        const x3 = f64x2.splat(load<f64>(a3 + ao));
        s0 = f64x2.add(s0, f64x2.mul(x0, bl));
        t0 = f64x2.add(t0, f64x2.mul(x0, bh));
        s1 = f64x2.add(s1, f64x2.mul(x1, bl));
        t1 = f64x2.add(t1, f64x2.mul(x1, bh));
        s2 = f64x2.add(s2, f64x2.mul(x2, bl));
        t2 = f64x2.add(t2, f64x2.mul(x2, bh));
        s3 = f64x2.add(s3, f64x2.mul(x3, bl));
        t3 = f64x2.add(t3, f64x2.mul(x3, bh));
        bp += rowB;
        ao += stepP;
      }
      v128.store(c0 + jo, s0);
      v128.store(c0 + jo + 16, t0);
      v128.store(c1 + jo, s1);
      v128.store(c1 + jo + 16, t1);
      v128.store(c2 + jo, s2);
      v128.store(c2 + jo + 16, t2);
      v128.store(c3 + jo, s3);
      v128.store(c3 + jo + 16, t3);
    }
    for (let j = n4; j < n2; j += 2) {
      const jo = <usize>j << 3;
      const init = bias != 0 ? v128.load(bias + jo) : f64x2.splat(0);
      let s0 = init;
      let s1 = init;
      let s2 = init;
      let s3 = init;
      let bp = b + jo;
      let ao: usize = 0;
      for (let p = 0; p < k; p++) {
        const bv = v128.load(bp);
        s0 = f64x2.add(s0, f64x2.mul(f64x2.splat(load<f64>(a0 + ao)), bv));
        s1 = f64x2.add(s1, f64x2.mul(f64x2.splat(load<f64>(a1 + ao)), bv));
        s2 = f64x2.add(s2, f64x2.mul(f64x2.splat(load<f64>(a2 + ao)), bv));
        s3 = f64x2.add(s3, f64x2.mul(f64x2.splat(load<f64>(a3 + ao)), bv));
        bp += rowB;
        ao += stepP;
      }
      v128.store(c0 + jo, s0);
      v128.store(c1 + jo, s1);
      v128.store(c2 + jo, s2);
      v128.store(c3 + jo, s3);
    }
    if (n2 < n) {
      const jo = <usize>n2 << 3;
      const init = bias != 0 ? load<f64>(bias + jo) : 0.0;
      let s0 = init;
      let s1 = init;
      let s2 = init;
      let s3 = init;
      let bp = b + jo;
      let ao: usize = 0;
      for (let p = 0; p < k; p++) {
        const bv = load<f64>(bp);
        s0 += load<f64>(a0 + ao) * bv;
        s1 += load<f64>(a1 + ao) * bv;
        s2 += load<f64>(a2 + ao) * bv;
        s3 += load<f64>(a3 + ao) * bv;
        bp += rowB;
        ao += stepP;
      }
      store<f64>(c0 + jo, s0);
      store<f64>(c1 + jo, s1);
      store<f64>(c2 + jo, s2);
      store<f64>(c3 + jo, s3);
    }
  }
  for (; i < m; i++) {
    const a0 = a + <usize>i * stepI;
    const c0 = c + (<usize>i * <usize>n << 3);
    for (let j = 0; j < n2; j += 2) {
      const jo = <usize>j << 3;
      let s0 = bias != 0 ? v128.load(bias + jo) : f64x2.splat(0);
      let bp = b + jo;
      let ao: usize = 0;
      for (let p = 0; p < k; p++) {
        s0 = f64x2.add(s0, f64x2.mul(f64x2.splat(load<f64>(a0 + ao)), v128.load(bp)));
        bp += rowB;
        ao += stepP;
      }
      v128.store(c0 + jo, s0);
    }
    if (n2 < n) {
      const jo = <usize>n2 << 3;
      let s0 = bias != 0 ? load<f64>(bias + jo) : 0.0;
      let bp = b + jo;
      let ao: usize = 0;
      for (let p = 0; p < k; p++) {
        s0 += load<f64>(a0 + ao) * load<f64>(bp);
        bp += rowB;
        ao += stepP;
      }
      store<f64>(c0 + jo, s0);
    }
  }
}

/** Dot product of two contiguous rows of length k: two f64x2 lanes over even p, odd p, then the tail. */
@inline function dotRows(x: usize, y: usize, k: i32): f64 {
  const k2 = k & ~1;
  let s = f64x2.splat(0);
  for (let p = 0; p < k2; p += 2) {
    const o = <usize>p << 3;
    s = f64x2.add(s, f64x2.mul(v128.load(x + o), v128.load(y + o)));
  }
  let r = f64x2.extract_lane(s, 0) + f64x2.extract_lane(s, 1);
  if (k2 < k) r += load<f64>(x + (<usize>k2 << 3)) * load<f64>(y + (<usize>k2 << 3));
  return r;
}

/**
 * C (m x n, row-major) = A B^T with A row-major m x k and B row-major n x k: C[i, j] = A_i . B_j (the backward pass's
 * delta W^T). Blocks of 2 rows of A x 2 rows of B share each loaded vector.
 */
export function gemmNT(c: usize, a: usize, b: usize, m: i32, n: i32, k: i32): void {
  const rowA = <usize>k << 3;
  const k2 = k & ~1;
  let i = 0;
  for (; i + 2 <= m; i += 2) {
    const x0 = a + <usize>i * rowA;
    const x1 = x0 + rowA;
    const c0 = c + (<usize>i * <usize>n << 3);
    const c1 = c0 + (<usize>n << 3);
    let j = 0;
    for (; j + 2 <= n; j += 2) {
      const y0 = b + <usize>j * rowA;
      const y1 = y0 + rowA;
      let s00 = f64x2.splat(0);
      let s01 = f64x2.splat(0);
      let s10 = f64x2.splat(0);
      let s11 = f64x2.splat(0);
      for (let p = 0; p < k2; p += 2) {
        const o = <usize>p << 3;
        const u0 = v128.load(x0 + o);
        const u1 = v128.load(x1 + o);
        const v0 = v128.load(y0 + o);
        const v1 = v128.load(y1 + o);
        s00 = f64x2.add(s00, f64x2.mul(u0, v0));
        s01 = f64x2.add(s01, f64x2.mul(u0, v1));
        s10 = f64x2.add(s10, f64x2.mul(u1, v0));
        s11 = f64x2.add(s11, f64x2.mul(u1, v1));
      }
      let r00 = f64x2.extract_lane(s00, 0) + f64x2.extract_lane(s00, 1);
      let r01 = f64x2.extract_lane(s01, 0) + f64x2.extract_lane(s01, 1);
      let r10 = f64x2.extract_lane(s10, 0) + f64x2.extract_lane(s10, 1);
      let r11 = f64x2.extract_lane(s11, 0) + f64x2.extract_lane(s11, 1);
      if (k2 < k) {
        const o = <usize>k2 << 3;
        const u0 = load<f64>(x0 + o);
        const u1 = load<f64>(x1 + o);
        const v0 = load<f64>(y0 + o);
        const v1 = load<f64>(y1 + o);
        r00 += u0 * v0;
        r01 += u0 * v1;
        r10 += u1 * v0;
        r11 += u1 * v1;
      }
      const jo = <usize>j << 3;
      store<f64>(c0 + jo, r00);
      store<f64>(c0 + jo + 8, r01);
      store<f64>(c1 + jo, r10);
      store<f64>(c1 + jo + 8, r11);
    }
    for (; j < n; j++) {
      const y0 = b + <usize>j * rowA;
      store<f64>(c0 + (<usize>j << 3), dotRows(x0, y0, k));
      store<f64>(c1 + (<usize>j << 3), dotRows(x1, y0, k));
    }
  }
  for (; i < m; i++) {
    const x0 = a + <usize>i * rowA;
    const c0 = c + (<usize>i * <usize>n << 3);
    for (let j = 0; j < n; j++) store<f64>(c0 + (<usize>j << 3), dotRows(x0, b + <usize>j * rowA, k));
  }
}
