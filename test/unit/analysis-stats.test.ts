import { describe, expect, it } from 'vitest'
import { summaryStats, welchTTest, quantileSorted } from '../../src-shared/analysis/stats'
import { lnGamma, regularizedIncompleteBeta, studentTCdf, studentTTwoSidedP } from '../../src-shared/analysis/special-functions'

/** |a - b| <= tol * max(1, |b|). */
function close(a: number, b: number, tol: number): void {
  expect(Math.abs(a - b)).toBeLessThanOrEqual(tol * Math.max(1, Math.abs(b)))
}

describe('Welch t-test: R documentation example', () => {
  // R, ?t.test: `t.test(extra ~ group, data = sleep)` (Welch Two Sample t-test) prints
  // t = -1.8608, df = 17.776, p-value = 0.07939. More digits from scipy 1.17
  // stats.ttest_ind(g1, g2, equal_var=False): t = -1.8608134674868526, df = 17.776473516178488, p = 0.0793941401873583.
  const group1 = [0.7, -1.6, -0.2, -1.2, -0.1, 3.4, 3.7, 0.8, 0.0, 2.0]
  const group2 = [1.9, 0.8, 1.1, 0.1, -0.1, 4.4, 5.5, 1.6, 4.6, 3.4]

  it('matches the printed values', () => {
    const r = welchTTest(group1, group2)
    expect(r.t).toBeCloseTo(-1.8608, 4)
    expect(r.df).toBeCloseTo(17.776, 3)
    expect(r.p).toBeCloseTo(0.07939, 5)
    expect(r.n1).toBe(10)
    expect(r.n2).toBe(10)
    expect(r.mean1).toBeCloseTo(0.75, 12)
    expect(r.mean2).toBeCloseTo(2.33, 12)
  })

  it('matches scipy to ~1e-10', () => {
    const r = welchTTest(group1, group2)
    close(r.t, -1.8608134674868526, 1e-12)
    close(r.df, 17.776473516178488, 1e-12)
    close(r.p, 0.0793941401873583, 1e-10)
  })

  it('is antisymmetric in the groups and ignores NaN', () => {
    const r = welchTTest([...group2, NaN], [NaN, ...group1])
    close(r.t, 1.8608134674868526, 1e-12)
    close(r.p, 0.0793941401873583, 1e-10)
    expect(r.n1).toBe(10)
  })
})

describe('Welch t-test: edge cases', () => {
  it('is undefined (all NaN) with fewer than 2 values in a group', () => {
    const r = welchTTest([1], [1, 2, 3])
    expect(r.t).toBeNaN()
    expect(r.df).toBeNaN()
    expect(r.p).toBeNaN()
    expect(welchTTest([1, NaN], [1, 2, 3]).p).toBeNaN()
  })

  it('is undefined (all NaN) when both groups have zero variance, even with different means', () => {
    const r = welchTTest([2, 2, 2], [3, 3, 3, 3])
    expect(r.t).toBeNaN()
    expect(r.df).toBeNaN()
    expect(r.p).toBeNaN()
    expect(r.mean1).toBe(2)
    expect(r.mean2).toBe(3)
  })

  it('handles zero variance in one group: df = n - 1 of the other (scipy: t = -3.51631710477147, df = 3, p = 0.03902030417166911)', () => {
    const r = welchTTest([1, 1, 1, 1], [2, 3, 4, 5.5])
    close(r.t, -3.51631710477147, 1e-12)
    close(r.df, 3, 1e-12)
    close(r.p, 0.03902030417166911, 1e-10)
  })
})

describe('Student t distribution', () => {
  it('matches standard table critical values', () => {
    // Two-sided 5% critical values: t(10) = 2.228, t(1) = 12.706, normal limit 1.96.
    expect(studentTTwoSidedP(2.228, 10)).toBeCloseTo(0.05, 4)
    expect(studentTTwoSidedP(12.706, 1)).toBeCloseTo(0.05, 5)
    expect(studentTTwoSidedP(1.96, 1e6)).toBeCloseTo(0.05, 4)
  })

  it('matches scipy 1.17 stats.t to ~1e-10', () => {
    // 2 * stats.t.sf(|t|, df) and stats.t.cdf(t, df).
    const cases: Array<[number, number, number, number]> = [
      [2.228, 10, 0.05001177181711132, 0.9749941140914443],
      [1.96, 1e6, 0.04999606758526985, 0.9750019662073651],
      [0.5, 3, 0.651447964848151, 0.6742760175759245],
      [3.0, 2.5, 0.07257609554903183, 0.9637119522254841],
      [12.706, 1, 0.05000080235813319, 0.9749995988209335],
      [-2.0, 7, 0.08561932856297605, 0.042809664281488025]
    ]
    for (const [t, df, p, cdf] of cases) {
      close(studentTTwoSidedP(t, df), p, 1e-10)
      close(studentTCdf(t, df), cdf, 1e-10)
    }
  })

  it('keeps ~1e-13 relative accuracy for moderately large df', () => {
    // mpmath 1.3 (50 digits): betainc(df/2, 1/2, 0, df/(df+t^2), regularized=True).
    const cases: Array<[number, number, number]> = [
      [1.96, 100, 0.05277890136622966],
      [1.96, 1000, 0.050273184955748715],
      [1.96, 10000, 0.05002352023183305]
    ]
    for (const [t, df, p] of cases) expect(Math.abs(studentTTwoSidedP(t, df) - p) / p).toBeLessThan(1e-13)
  })

  it('matches the closed forms for df = 1 (Cauchy) and df = 2', () => {
    for (const t of [0.1, 0.7, 1, 3, 25]) {
      close(studentTTwoSidedP(t, 1), 1 - (2 / Math.PI) * Math.atan(t), 1e-12)
      close(studentTTwoSidedP(t, 2), 1 - t / Math.sqrt(2 + t * t), 1e-12)
    }
  })

  it('has the right limits', () => {
    expect(studentTTwoSidedP(0, 5)).toBe(1)
    expect(studentTTwoSidedP(Infinity, 5)).toBe(0)
    expect(studentTCdf(-Infinity, 5)).toBe(0)
    expect(studentTCdf(0, 5)).toBe(0.5)
    expect(studentTTwoSidedP(NaN, 5)).toBeNaN()
    expect(studentTTwoSidedP(1, 0)).toBeNaN()
  })
})

describe('special functions', () => {
  it('lnGamma matches known values', () => {
    close(lnGamma(0.5), 0.5 * Math.log(Math.PI), 1e-14)
    close(lnGamma(1), 0, 1e-14)
    close(lnGamma(10), Math.log(362880), 1e-14)
    close(lnGamma(0.1), Math.log(9.513507698668732), 1e-13)
  })

  it('regularized incomplete beta matches scipy.special.betainc', () => {
    close(regularizedIncompleteBeta(0.3, 2.5, 0.5), 0.018927124071945658, 1e-10)
    close(regularizedIncompleteBeta(0.5, 0.5, 0.5), 0.5, 1e-12)
    close(regularizedIncompleteBeta(0.9, 10, 3), 0.889130022255, 1e-10)
    expect(regularizedIncompleteBeta(0, 2, 3)).toBe(0)
    expect(regularizedIncompleteBeta(1, 2, 3)).toBe(1)
    expect(regularizedIncompleteBeta(1.5, 2, 3)).toBeNaN()
  })
})

describe('summaryStats', () => {
  it('matches numpy (mean, std ddof=1, median, quantile 0.25/0.75) ignoring NaN', () => {
    // numpy 2.4 on [3.1, -2.5, 7.25, 0.0, 1.5, 4.75, 10.0, 2.2]:
    // mean 3.2874999999999996, std(ddof=1) 3.9930967216649575, median 2.6500000000000004, q1 1.125, q3 5.375.
    const s = summaryStats([3.1, NaN, -2.5, 7.25, 0.0, 1.5, NaN, 4.75, 10.0, 2.2])
    expect(s.n).toBe(8)
    expect(s.nNaN).toBe(2)
    close(s.mean, 3.2874999999999996, 1e-14)
    close(s.sd, 3.9930967216649575, 1e-14)
    expect(s.median).toBe(2.6500000000000004)
    expect(s.q1).toBe(1.125)
    expect(s.q3).toBe(5.375)
    expect(s.min).toBe(-2.5)
    expect(s.max).toBe(10)
  })

  it('uses linear interpolation between order statistics (numpy [5,1,4,2]: q1 1.75, median 3, q3 4.25)', () => {
    const s = summaryStats(new Float64Array([5, 1, 4, 2]))
    expect(s.q1).toBe(1.75)
    expect(s.median).toBe(3)
    expect(s.q3).toBe(4.25)
    close(s.sd, 1.8257418583505538, 1e-14)
  })

  it('reports n = 0 and NaN everywhere for all-NaN input, and NaN sd for a single value', () => {
    const empty = summaryStats([NaN, NaN])
    expect(empty.n).toBe(0)
    expect(empty.nNaN).toBe(2)
    for (const k of ['mean', 'sd', 'median', 'q1', 'q3', 'min', 'max'] as const) expect(empty[k]).toBeNaN()
    const one = summaryStats([4])
    expect(one.mean).toBe(4)
    expect(one.median).toBe(4)
    expect(one.q1).toBe(4)
    expect(one.sd).toBeNaN()
  })

  it('quantileSorted hits the ends exactly', () => {
    expect(quantileSorted([1, 2, 3], 0)).toBe(1)
    expect(quantileSorted([1, 2, 3], 1)).toBe(3)
  })
})
