import { studentTTwoSidedP } from './special-functions'

/**
 * Descriptive statistics and Welch's t-test for comparing conditions (MODEL.md, "Other measures").
 * NaN values (e.g. an undefined decoded orientation) are left out and counted, never silently averaged.
 */

export interface SummaryStats {
  /** Values used (NaN excluded). */
  n: number
  /** Values left out because they were NaN. */
  nNaN: number
  mean: number
  /** Sample standard deviation (n - 1 in the denominator, numpy ddof=1); NaN for n < 2. */
  sd: number
  median: number
  /** 25th and 75th percentiles with numpy's default ('linear') interpolation. */
  q1: number
  q3: number
  min: number
  max: number
}

export interface WelchResult {
  t: number
  df: number
  /** Two-sided p-value. */
  p: number
  n1: number
  n2: number
  mean1: number
  mean2: number
}

function withoutNaN(values: ArrayLike<number>): number[] {
  const out: number[] = []
  for (let i = 0; i < values.length; i++) if (!Number.isNaN(values[i])) out.push(values[i])
  return out
}

function mean(xs: number[]): number {
  if (xs.length === 0) return NaN
  let s = 0
  for (const x of xs) s += x
  return s / xs.length
}

/** Sample variance (n - 1), two-pass for accuracy; NaN for n < 2. */
function sampleVariance(xs: number[], m: number): number {
  if (xs.length < 2) return NaN
  let ss = 0
  for (const x of xs) ss += (x - m) * (x - m)
  return ss / (xs.length - 1)
}

/**
 * numpy.quantile(method='linear') on sorted data, including numpy's two-sided lerp
 * (interpolates from the nearer end), so results match numpy to the last bit in most cases.
 */
export function quantileSorted(sorted: number[], q: number): number {
  const n = sorted.length
  if (n === 0) return NaN
  const h = (n - 1) * q
  const lo = Math.floor(h)
  if (lo >= n - 1) return sorted[n - 1]
  const frac = h - lo
  const a = sorted[lo]
  const b = sorted[lo + 1]
  const diff = b - a
  return frac >= 0.5 ? b - diff * (1 - frac) : a + diff * frac
}

export function summaryStats(values: ArrayLike<number>): SummaryStats {
  const xs = withoutNaN(values)
  const sorted = [...xs].sort((p, q) => p - q)
  const m = mean(xs)
  const n = xs.length
  return {
    n,
    nNaN: values.length - n,
    mean: m,
    sd: Math.sqrt(sampleVariance(xs, m)),
    median: quantileSorted(sorted, 0.5),
    q1: quantileSorted(sorted, 0.25),
    q3: quantileSorted(sorted, 0.75),
    min: n ? sorted[0] : NaN,
    max: n ? sorted[n - 1] : NaN
  }
}

/**
 * Welch's unequal-variance t-test of a against b (t > 0 when mean(a) > mean(b)), NaN values excluded.
 * Undefined (t, df and p all NaN) when either group has fewer than 2 values, or when both groups
 * have zero variance: the standard error is 0 and no t distribution applies, even if the means differ.
 */
export function welchTTest(a: ArrayLike<number>, b: ArrayLike<number>): WelchResult {
  const x = withoutNaN(a)
  const y = withoutNaN(b)
  const m1 = mean(x)
  const m2 = mean(y)
  const base = { n1: x.length, n2: y.length, mean1: m1, mean2: m2 }
  if (x.length < 2 || y.length < 2) return { t: NaN, df: NaN, p: NaN, ...base }
  const s1 = sampleVariance(x, m1) / x.length
  const s2 = sampleVariance(y, m2) / y.length
  const se2 = s1 + s2
  if (!(se2 > 0)) return { t: NaN, df: NaN, p: NaN, ...base }
  const t = (m1 - m2) / Math.sqrt(se2)
  const df = (se2 * se2) / ((s1 * s1) / (x.length - 1) + (s2 * s2) / (y.length - 1))
  return { t, df, p: studentTTwoSidedP(t, df), ...base }
}
