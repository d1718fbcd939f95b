/**
 * Special functions behind the Student t distribution, written out so the app needs no numeric
 * library: log-gamma (Lanczos) and the regularized incomplete beta function (continued fraction,
 * Numerical Recipes' betacf with the modified Lentz method).
 */

const LANCZOS_G = 7
const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
  12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7
]
const HALF_LOG_2PI = 0.5 * Math.log(2 * Math.PI)

/** ln Gamma(x) for x > 0 (relative error ~1e-15). */
export function lnGamma(x: number): number {
  if (!(x > 0)) return NaN
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - lnGamma(1 - x)
  const z = x - 1
  let a = LANCZOS[0]
  const t = z + LANCZOS_G + 0.5
  for (let i = 1; i < LANCZOS.length; i++) a += LANCZOS[i] / (z + i)
  return HALF_LOG_2PI + (z + 0.5) * Math.log(t) - t + Math.log(a)
}

/** I_x(a, b), the regularized incomplete beta function, for 0 <= x <= 1 and a, b > 0. */
export function regularizedIncompleteBeta(x: number, a: number, b: number): number {
  return incompleteBetaXY(x, 1 - x, a, b)
}

/**
 * I_x(a, b) given both x and y = 1 - x. Callers that can form y without cancellation (the t
 * distribution: y = t^2 / (df + t^2)) keep full precision when x is within 1e-6 of 1.
 */
export function incompleteBetaXY(x: number, y: number, a: number, b: number): number {
  if (!(a > 0) || !(b > 0) || !(x >= 0) || !(y >= 0) || x > 1 || y > 1) return NaN
  if (x === 0) return 0
  if (y === 0) return 1
  const logX = x > 0.5 ? Math.log1p(-y) : Math.log(x)
  const logY = y > 0.5 ? Math.log1p(-x) : Math.log(y)
  const front = Math.exp(lnInverseBeta(a, b) + a * logX + b * logY)
  // The continued fraction converges fast only on this side of the mean; use the symmetry otherwise.
  if (x < (a + 1) / (a + b + 2)) return (front * betaContinuedFraction(x, a, b)) / a
  return 1 - (front * betaContinuedFraction(y, b, a)) / b
}

/**
 * ln(Gamma(a+b) / (Gamma(a) Gamma(b))). For a large argument (the t distribution with large df has
 * a = df/2) the difference of two huge log-gammas would lose ~|lnGamma| * 1e-16 absolute; Stirling's
 * series for the ratio keeps it at rounding level.
 */
function lnInverseBeta(a: number, b: number): number {
  const big = Math.max(a, b)
  const small = Math.min(a, b)
  if (big < 100) return lnGamma(a + b) - lnGamma(a) - lnGamma(b)
  const lnRatio = (big - 0.5) * Math.log1p(small / big) + small * Math.log(big + small) - small + stirlingTail(big + small) - stirlingTail(big)
  return lnRatio - lnGamma(small)
}

/** lnGamma(x) - [(x - 1/2) ln x - x + ln(2 pi)/2]; the omitted term is below 1e-21 for x >= 100. */
function stirlingTail(x: number): number {
  const x2 = x * x
  return (1 / 12 - (1 / 360 - (1 / 1260 - 1 / (1680 * x2)) / x2) / x2) / x
}

const EPS = 1e-15
const TINY = 1e-300

function betaContinuedFraction(x: number, a: number, b: number): number {
  // Convergence takes O(sqrt(max(a, b))) terms (Numerical Recipes 6.4).
  const maxIter = 200 + 20 * Math.ceil(Math.sqrt(Math.max(a, b)))
  const qab = a + b
  const qap = a + 1
  const qam = a - 1
  let c = 1
  let d = 1 - (qab * x) / qap
  if (Math.abs(d) < TINY) d = TINY
  d = 1 / d
  let h = d
  for (let m = 1; m <= maxIter; m++) {
    const m2 = 2 * m
    let aa = (m * (b - m) * x) / ((qam + m2) * (a + m2))
    d = 1 + aa * d
    if (Math.abs(d) < TINY) d = TINY
    c = 1 + aa / c
    if (Math.abs(c) < TINY) c = TINY
    d = 1 / d
    h *= d * c
    aa = (-(a + m) * (qab + m) * x) / ((a + m2) * (qap + m2))
    d = 1 + aa * d
    if (Math.abs(d) < TINY) d = TINY
    c = 1 + aa / c
    if (Math.abs(c) < TINY) c = TINY
    d = 1 / d
    const del = d * c
    h *= del
    if (Math.abs(del - 1) < EPS) return h
  }
  // Not converged: better no number than a wrong one.
  return NaN
}

/**
 * Two-sided p-value P(|T| >= |t|) of Student's t with df degrees of freedom (df > 0, finite).
 * Relative accuracy ~1e-14 up to df = 1e4 (Welch df here is at most a few hundred); it degrades to
 * ~1e-10 by df = 1e6, where the continued fraction converges slowly and rounding noise dominates.
 */
export function studentTTwoSidedP(t: number, df: number): number {
  if (Number.isNaN(t) || !(df > 0) || !Number.isFinite(df)) return NaN
  if (!Number.isFinite(t)) return 0
  const t2 = t * t
  return incompleteBetaXY(df / (df + t2), t2 / (df + t2), df / 2, 0.5)
}

/** P(T <= t) of Student's t with df degrees of freedom. */
export function studentTCdf(t: number, df: number): number {
  const tail = studentTTwoSidedP(t, df) / 2
  return t >= 0 ? 1 - tail : tail
}
