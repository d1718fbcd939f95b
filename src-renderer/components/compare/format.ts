/**
 * How numbers read in the Compare view, worded as the headless runner's table words them:
 * undefined values (NaN: no runs, no spread for a t-test) read "n/a", never "NaN"; a dash marks
 * what does not apply (the control row's test against itself).
 */
import type { SummaryStats } from '../../../src-shared/analysis'

export const DASH = '—'
export const NA = 'n/a'

export function fmt(x: number, digits: number): string {
  return Number.isFinite(x) ? x.toFixed(digits) : NA
}

/** "mean ± sd"; just the mean when sd is undefined (one run). */
export function fmtMeanSd(s: SummaryStats, digits: number): string {
  if (s.n === 0) return NA
  return Number.isFinite(s.sd) ? `${fmt(s.mean, digits)} ± ${fmt(s.sd, digits)}` : fmt(s.mean, digits)
}

export function fmtRange(a: number, b: number, digits: number): string {
  return Number.isFinite(a) && Number.isFinite(b) ? `${a.toFixed(digits)}–${b.toFixed(digits)}` : NA
}

/** Three decimals, switching to scientific notation below 0.001 so tiny p values stay readable. */
export function fmtP(p: number): string {
  if (!Number.isFinite(p)) return NA
  if (p === 0) return '0'
  return p < 0.001 ? p.toExponential(1) : p.toFixed(3)
}

/** n, plus how many runs had no value (e.g. no decodable orientation). */
export function fmtN(s: SummaryStats): string {
  return s.nNaN > 0 ? `${s.n} (+${s.nNaN} undefined)` : `${s.n}`
}
