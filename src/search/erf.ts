/**
 * erf / erfc and the standard normal CDF in double precision, for the truncated normals of TPE (JavaScript has no
 * erf). W. J. Cody's rational Chebyshev approximations (CALERF, "Rational Chebyshev approximations for the error
 * function", Math. Comp. 1969): x P(x^2)/Q(x^2) up to |x| = 0.46875, e^{-x^2} P(x)/Q(x) up to 4, and the asymptotic
 * form beyond, with e^{-x^2} split as e^{-t^2} e^{-(x-t)(x+t)} (t = x rounded down to 1/16) so it keeps full
 * precision. Relative error below 1e-15 against Python's math.erf/erfc (tests), a few exp() per call. The scaled
 * erfcx(x) = e^{x^2} erfc(x) is the same rational without its e^{-x^2} factor (CALERF's jint = 2).
 * Shared by TPE (truncated normals) and the GP (log expected improvement), so both read one erf.
 */
const A = [3.1611237438705655, 113.86415415105016, 377.485237685302, 3209.3775891384694, 0.18577770618460315];
const B = [23.601290952344122, 244.02463793444417, 1282.6165260773723, 2844.236833439171];
const C = [
  0.5641884969886701, 8.883149794388377, 66.11919063714163, 298.6351381974001, 881.952221241769, 1712.0476126340707,
  2051.0783778260716, 1230.3393547979972, 2.1531153547440383e-8,
];
const D = [15.744926110709835, 117.6939508913125, 537.1811018620099, 1621.3895745666903, 3290.7992357334597, 4362.619090143247, 3439.3676741437216, 1230.3393548037495];
const P = [0.30532663496123236, 0.36034489994980445, 0.12578172611122926, 0.016083785148742275, 0.0006587491615298378, 0.016315387137302097];
const Q = [2.568520192289822, 1.8729528499234604, 0.5279051029514285, 0.06051834131244132, 0.0023352049762686918];
const INV_SQRT_PI = 0.5641895835477563;
const [C0, C1, C2, C3, C4, C5, C6, C7, C8] = C;
const [D0, D1, D2, D3, D4, D5, D6, D7] = D;

/**
 * e^{-t^2} for t = k/16, k = 0..TABLE_SIZE-1: erfc is 0 beyond 26.543, so the split below never needs more. The
 * entries are the same Math.exp(-t * t) the split would compute, looked up instead of recomputed.
 */
const TABLE_SIZE = 26 * 16 + 10;
const EXP_MINUS_T2 = new Float64Array(TABLE_SIZE);
for (let k = 0; k < TABLE_SIZE; k++) EXP_MINUS_T2[k] = Math.exp(-(k / 16) * (k / 16));

/** e^{-y^2} without the rounding error of squaring y first (y >= 0). */
function expMinusSquare(y: number): number {
  const k = Math.trunc(y * 16);
  const t = k / 16;
  const head = k < TABLE_SIZE ? EXP_MINUS_T2[k] : Math.exp(-t * t);
  return head * Math.exp(-(y - t) * (y + t));
}

/** erfcx(|x|) = e^{y^2} erfc(y) for y = |x| > 0.46875. The Horner steps are written out: the same operations as a
 *  loop, in the same order. */
function erfcxTail(y: number): number {
  if (y <= 4) {
    let num = C8 * y;
    let den = y;
    num = (num + C0) * y;
    den = (den + D0) * y;
    num = (num + C1) * y;
    den = (den + D1) * y;
    num = (num + C2) * y;
    den = (den + D2) * y;
    num = (num + C3) * y;
    den = (den + D3) * y;
    num = (num + C4) * y;
    den = (den + D4) * y;
    num = (num + C5) * y;
    den = (den + D5) * y;
    num = (num + C6) * y;
    den = (den + D6) * y;
    return (num + C7) / (den + D7);
  }
  if (y >= 6.71e7) return INV_SQRT_PI / y;
  const w = 1 / (y * y);
  let num = P[5] * w;
  let den = w;
  for (let i = 0; i < 4; i++) {
    num = (num + P[i]) * w;
    den = (den + Q[i]) * w;
  }
  const r = (w * (num + P[4])) / (den + Q[4]);
  return (INV_SQRT_PI - r) / y;
}

/** erfc(|x|) for |x| > 0.46875. */
function erfcTail(y: number): number {
  if (y >= 26.543) return 0;
  return erfcxTail(y) * expMinusSquare(y);
}

/** erf(x) for |x| <= 0.46875. */
function erfCentral(x: number): number {
  const y = Math.abs(x);
  const w = y > 1.11e-16 ? y * y : 0;
  let num = A[4] * w;
  let den = w;
  for (let i = 0; i < 3; i++) {
    num = (num + A[i]) * w;
    den = (den + B[i]) * w;
  }
  return (x * (num + A[3])) / (den + B[3]);
}

export function erf(x: number): number {
  if (Number.isNaN(x)) return NaN;
  const y = Math.abs(x);
  if (y <= 0.46875) return erfCentral(x);
  const r = 0.5 - erfcTail(y) + 0.5;
  return x < 0 ? -r : r;
}

export function erfc(x: number): number {
  if (Number.isNaN(x)) return NaN;
  const y = Math.abs(x);
  if (y <= 0.46875) return 1 - erfCentral(x);
  const r = erfcTail(y);
  return x < 0 ? 2 - r : r;
}

/** Scaled complementary error function e^{x^2} erfc(x); finite for x above about -26.6 (Infinity below). */
export function erfcx(x: number): number {
  if (Number.isNaN(x)) return NaN;
  const y = Math.abs(x);
  if (y <= 0.46875) return Math.exp(x * x) * (1 - erfCentral(x));
  if (x > 0) return erfcxTail(y);
  if (x < -26.628) return Infinity;
  // e^{x^2} erfc(x) = 2 e^{x^2} - erfcx(|x|), e^{x^2} split as above so it keeps full precision.
  const t = Math.trunc(x * 16) / 16;
  const e = Math.exp(t * t) * Math.exp((x - t) * (x + t));
  return e + e - erfcxTail(y);
}

/** Standard normal CDF Phi(a), accurate in both tails (Optuna's _ndtr_single). */
export function ndtr(a: number): number {
  const x = a / Math.SQRT2;
  if (x < -Math.SQRT1_2) return 0.5 * erfc(-x);
  if (x < Math.SQRT1_2) return 0.5 + 0.5 * erf(x);
  return 1 - 0.5 * erfc(x);
}

/** log Phi(a), with Optuna 3.1's asymptotic series below -20. */
export function logNdtr(a: number): number {
  if (a > 6) return -ndtr(-a);
  if (a > -20) return Math.log(ndtr(a));
  const logLhs = -0.5 * a * a - Math.log(-a) - 0.5 * Math.log(2 * Math.PI);
  let last = 0;
  let rhs = 1;
  let numerator = 1;
  let denomFactor = 1;
  const denomCons = 1 / (a * a);
  let sign = 1;
  for (let i = 1; Math.abs(last - rhs) > Number.EPSILON && i < 1000; i++) {
    last = rhs;
    sign = -sign;
    denomFactor *= denomCons;
    numerator *= 2 * i - 1;
    rhs += sign * numerator * denomFactor;
  }
  return logLhs + Math.log(rhs);
}
