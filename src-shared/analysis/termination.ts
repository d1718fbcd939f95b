import type { SpikeRaster } from '../engine/types'
import type { TerminationSettings } from '../params/types'

/**
 * Termination time: how long the bump outlives the stimulus (MODEL.md, "Termination time").
 * Reproduces the reference notebook's `calculate_instantaneous_firing_rate` decision for decision,
 * but with a sliding window over the sorted spike list instead of a dense rows x neurons matrix.
 */

/** Per-window trace for plotting: window centres (s after the stimulus ends) and the highest excitatory rate in each. */
export interface TerminationTrace {
  t_s: Float64Array
  maxRateHz: Float64Array
  /** Same value terminationTime() returns for the same inputs. */
  terminationTime_s: number
}

/**
 * Rows per second of the raster. The reference hard-codes 10000 (dt = 0.1 ms);
 * 1000 / 0.1 is exactly 10000 in float64, so the default case stays bit-identical.
 */
export function rowsPerSecond(dt_ms: number): number {
  return 1000 / dt_ms
}

/**
 * Seconds after `s_off` at which the bump is judged to end. Returns m / rowsPerSecond
 * (3.75 s by default) when it survives every window.
 */
export function terminationTime(raster: SpikeRaster, s_off: number, settings: TerminationSettings): number {
  let result = NaN
  const m = walkWindows(raster, s_off, settings, (t, rate, rps) => {
    const verdict = judgeWindow(rate, settings)
    if (verdict === 'continue') return true
    result = t / rps
    return false
  })
  return Number.isNaN(result) ? m / rowsPerSecond(raster.dt_ms) : result
}

/** Every window's highest excitatory rate (not stopping at the decisive window), for plotting next to the raster. */
export function terminationTrace(raster: SpikeRaster, s_off: number, settings: TerminationSettings): TerminationTrace {
  const times: number[] = []
  const rates: number[] = []
  let decided = NaN
  const m = walkWindows(raster, s_off, settings, (t, rate, rps) => {
    times.push(t / rps)
    rates.push(rate)
    if (Number.isNaN(decided) && judgeWindow(rate, settings) === 'stop') decided = t / rps
    return true
  })
  return {
    t_s: Float64Array.from(times),
    maxRateHz: Float64Array.from(rates),
    terminationTime_s: Number.isNaN(decided) ? m / rowsPerSecond(raster.dt_ms) : decided
  }
}

/**
 * The reference's branch order: a burst above the burst threshold ends the bump at once; any neuron
 * above the threshold keeps it alive; otherwise it has ended. Comparing only the window's maximum is
 * equivalent to numpy's `any(rate > x)` because count -> count * rps / window is monotone in float64.
 */
function judgeWindow(maxRate: number, settings: TerminationSettings): 'stop' | 'continue' {
  if (maxRate > settings.burst_threshold_hz) return 'stop'
  if (maxRate > settings.threshold_hz) return 'continue'
  return 'stop'
}

/**
 * Walks windows t = half, half+stride, ... while t < m - half (rows relative to s_off), each covering
 * rows t-half .. t+half inclusive, and hands the visitor the highest excitatory rate in Hz.
 * Returns m, the number of rows after s_off. The visitor returns false to stop early.
 */
function walkWindows(
  raster: SpikeRaster,
  s_off: number,
  settings: TerminationSettings,
  visit: (t: number, maxRateHz: number, rps: number) => boolean
): number {
  checkSettings(settings, s_off)
  const { Ne, nSteps, steps, neurons } = raster
  const window = settings.window_steps
  const stride = settings.stride_steps
  const half = Math.floor(window / 2)
  const rps = rowsPerSecond(raster.dt_ms)
  // numpy's firings[s_off:] is empty (m = 0) when s_off lies beyond the run.
  const m = Math.max(0, nSteps - s_off)
  const nSpikes = steps.length
  assertSortedBySteps(steps)

  const counts = new Int32Array(Ne)
  let enter = lowerBound(steps, s_off)
  let leave = enter
  for (let t = half; t < m - half; t += stride) {
    const first = s_off + t - half
    const last = s_off + t + half
    // Add before removing, so `leave` never overtakes `enter` when stride > window.
    while (enter < nSpikes && steps[enter] <= last) {
      const n = neurons[enter]
      if (n < Ne) counts[n]++
      enter++
    }
    while (leave < enter && steps[leave] < first) {
      const n = neurons[leave]
      if (n < Ne) counts[n]--
      leave++
    }
    let maxCount = 0
    for (let i = 0; i < Ne; i++) if (counts[i] > maxCount) maxCount = counts[i]
    // Same expression order as the reference (total_spikes * 10000 / window_size).
    const rate = (maxCount * rps) / window
    if (!visit(t, rate, rps)) break
  }
  return m
}

function checkSettings(s: TerminationSettings, s_off: number): void {
  const whole = (name: string, v: number): void => {
    if (!Number.isInteger(v) || v < 1) {
      throw new Error(`termination.${name} must be a whole number of steps, at least 1 (got ${v}).`)
    }
  }
  whole('window_steps', s.window_steps)
  whole('stride_steps', s.stride_steps)
  for (const key of ['burst_threshold_hz', 'threshold_hz'] as const) {
    if (!Number.isFinite(s[key])) throw new Error(`termination.${key} must be a finite rate in Hz (got ${s[key]}).`)
  }
  if (!Number.isInteger(s_off) || s_off < 0) {
    throw new Error(`The first delay step (s_off) must be a whole number >= 0 (got ${s_off}); check stimulus.t_off_s and simulation.dt_ms.`)
  }
}

function assertSortedBySteps(steps: Uint32Array): void {
  for (let i = 1; i < steps.length; i++) {
    if (steps[i] < steps[i - 1]) {
      throw new Error(`Spike raster is not sorted by step (spike ${i} at step ${steps[i]} follows step ${steps[i - 1]}); the termination time needs spikes in time order.`)
    }
  }
}

/** Index of the first spike at step >= `step` (steps sorted ascending). */
export function lowerBound(steps: Uint32Array, step: number): number {
  let lo = 0
  let hi = steps.length
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if (steps[mid] < step) lo = mid + 1
    else hi = mid
  }
  return lo
}
