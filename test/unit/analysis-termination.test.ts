import { describe, expect, it } from 'vitest'
import type { SpikeRaster } from '../../src-shared/engine/types'
import type { TerminationSettings } from '../../src-shared/params/types'
import { terminationTime, terminationTrace } from '../../src-shared/analysis/termination'

const DEFAULTS: TerminationSettings = { burst_threshold_hz: 100, threshold_hz: 12, window_steps: 5000, stride_steps: 500 }
const N = 50000
const S_OFF = 12500

/** Raster from [step, neuron] pairs, sorted by step then neuron as the engine records them. */
function raster(pairs: Array<[number, number]>, opts: Partial<SpikeRaster> = {}): SpikeRaster {
  const sorted = [...pairs].sort((a, b) => a[0] - b[0] || a[1] - b[1])
  return {
    Ne: 360,
    Ni: 90,
    dt_ms: 0.1,
    nSteps: N,
    steps: Uint32Array.from(sorted.map((p) => p[0])),
    neurons: Uint16Array.from(sorted.map((p) => p[1])),
    ...opts
  }
}

/** Spikes of `neuron` at from, from+every, ... below `to` (numpy slice f[from:to:every]). */
function train(neuron: number, from: number, to: number, every: number): Array<[number, number]> {
  const out: Array<[number, number]> = []
  for (let s = from; s < to; s += every) out.push([s, neuron])
  return out
}

function bump(): Array<[number, number]> {
  const out: Array<[number, number]> = []
  for (let j = 95; j <= 105; j++) out.push(...train(j, S_OFF, N - 1, 500))
  return out
}

// Expected values below come from running the notebook's calculate_instantaneous_firing_rate
// verbatim (numpy 2.4) on the same spikes as a dense 50000 x 450 matrix, firings[12500:, :360].
describe('terminationTime (reference cases)', () => {
  it('a 20 Hz bump that persists to the end gives the whole delay, 3.75 s', () => {
    expect(terminationTime(raster(bump()), S_OFF, DEFAULTS)).toBe(3.75)
  })

  it('a 25 Hz bump whose last spike is 1.96 s into the delay ends at the 2.0 s window', () => {
    // Window t=19500 still holds 7 spikes (14 Hz > 12); t=20000 holds 6 (12 Hz, not > 12).
    expect(terminationTime(raster(train(100, S_OFF, S_OFF + 20000, 400)), S_OFF, DEFAULTS)).toBe(2.0)
  })

  it('a burst above 100 Hz ends the bump at the first window that sees it, even while the bump persists', () => {
    // 100 spikes at 500 Hz in rows 9000..10980: window t=7000 sees 26 (52 Hz), t=7500 sees 51 (102 Hz).
    const pairs = [...bump(), ...train(7, S_OFF + 9000, S_OFF + 11000, 20)]
    expect(terminationTime(raster(pairs), S_OFF, DEFAULTS)).toBe(0.75)
  })

  it('the burst threshold is a setting: a 90 Hz burst passes at 100 Hz (animations) but not at 80 Hz (sweep)', () => {
    const pairs = [...bump(), ...train(7, S_OFF + 9000, S_OFF + 9900, 20)]
    expect(terminationTime(raster(pairs), S_OFF, DEFAULTS)).toBe(3.75)
    expect(terminationTime(raster(pairs), S_OFF, { ...DEFAULTS, burst_threshold_hz: 80 })).toBe(0.75)
  })

  it('no spikes: the first window decides, 0.25 s', () => {
    expect(terminationTime(raster([]), S_OFF, DEFAULTS)).toBe(0.25)
  })

  it('exactly 12 Hz (6 spikes per window) is not above the threshold', () => {
    expect(terminationTime(raster(train(3, S_OFF, N - 1, 834)), S_OFF, DEFAULTS)).toBe(0.25)
  })
})

describe('terminationTime (what counts)', () => {
  it('ignores inhibitory neurons, however fast they fire', () => {
    const pairs = [...train(360, S_OFF, N - 1, 10), ...train(449, S_OFF, N - 1, 10)]
    expect(terminationTime(raster(pairs), S_OFF, DEFAULTS)).toBe(0.25)
  })

  it('ignores spikes before s_off (the stimulus period)', () => {
    const pairs = train(100, 0, S_OFF, 10)
    expect(terminationTime(raster(pairs), S_OFF, DEFAULTS)).toBe(0.25)
    // The same train shifted to start at s_off is a burst in the first window.
    expect(terminationTime(raster(train(100, S_OFF, N - 1, 10)), S_OFF, DEFAULTS)).toBe(0.25)
    expect(terminationTime(raster(train(100, S_OFF, N - 1, 10)), S_OFF, { ...DEFAULTS, burst_threshold_hz: 1e9 })).toBe(3.75)
  })

  it('window rows are inclusive at both ends: t-half .. t+half', () => {
    // 7 spikes exactly on rows 0 and 5000 (and 5 between) make 14 Hz in the first window (t=2500) only if both ends count.
    const rows = [0, 1000, 2000, 2500, 3000, 4000, 5000]
    const r = raster(rows.map((x) => [S_OFF + x, 42] as [number, number]))
    const trace = terminationTrace(r, S_OFF, DEFAULTS)
    expect(trace.maxRateHz[0]).toBe(14)
    // At t=3000 (rows 500..5500) row 0 has left: 6 spikes, 12 Hz -> the bump ends there.
    expect(trace.maxRateHz[1]).toBe(12)
    expect(terminationTime(r, S_OFF, DEFAULTS)).toBe(0.3)
  })

  it('returns m / rowsPerSecond when the run is too short for any window, and 0 when s_off is past the end', () => {
    const r = raster([], { nSteps: S_OFF + 4000 })
    expect(terminationTime(r, S_OFF, DEFAULTS)).toBe(0.4)
    expect(terminationTime(raster([], { nSteps: 100 }), S_OFF, DEFAULTS)).toBe(0)
  })

  it('generalises rows per second to 1000 / dt_ms', () => {
    // dt = 0.5 ms: 2000 rows/s. Window 1000 rows (0.5 s), stride 100; a 20 Hz train (every 100 rows) lasts 3000 rows.
    const settings: TerminationSettings = { ...DEFAULTS, window_steps: 1000, stride_steps: 100 }
    const r = raster(train(5, 2500, 5500, 100), { dt_ms: 0.5, nSteps: 10000 })
    // rate = count * 2000 / 1000, so > 12 Hz needs 7 spikes in rows t-500..t+500. Train rows are 0, 100, ..., 2900:
    // t=2800 sees 2300..2900 (7 spikes), t=2900 sees 2400..2900 (6 spikes, 12 Hz) -> ends at 2900 rows = 1.45 s.
    const t = terminationTime(r, 2500, settings)
    expect(t).toBe(2900 / 2000)
    expect(t).toBe(naiveTerminationTime(r, 2500, settings))
  })

  it('rejects settings that would make the window meaningless, naming the parameter', () => {
    expect(() => terminationTime(raster([]), S_OFF, { ...DEFAULTS, window_steps: 0 })).toThrow(/termination\.window_steps/)
    expect(() => terminationTime(raster([]), S_OFF, { ...DEFAULTS, stride_steps: 2.5 })).toThrow(/termination\.stride_steps/)
    const unsorted: SpikeRaster = { ...raster([]), steps: Uint32Array.from([20000, 15000]), neurons: Uint16Array.from([1, 2]) }
    expect(() => terminationTime(unsorted, S_OFF, DEFAULTS)).toThrow(/not sorted/)
  })
})

/**
 * Literal port of the reference function on a dense rows x Ne matrix (generalised to dt and stride),
 * used as the oracle for the sliding-window implementation.
 */
function naiveTerminationTime(r: SpikeRaster, s_off: number, s: TerminationSettings): number {
  const m = Math.max(0, r.nSteps - s_off)
  const F = new Uint8Array(m * r.Ne)
  for (let k = 0; k < r.steps.length; k++) {
    if (r.steps[k] >= s_off && r.neurons[k] < r.Ne) F[(r.steps[k] - s_off) * r.Ne + r.neurons[k]] = 1
  }
  const rps = 1000 / r.dt_ms
  const half = Math.floor(s.window_steps / 2)
  for (let t = half; t < m - half; t += s.stride_steps) {
    let anyBurst = false
    let anyAbove = false
    for (let j = 0; j < r.Ne; j++) {
      let c = 0
      for (let row = t - half; row <= t + half; row++) c += F[row * r.Ne + j]
      const rate = (c * rps) / s.window_steps
      if (rate > s.burst_threshold_hz) anyBurst = true
      if (rate > s.threshold_hz) anyAbove = true
    }
    if (anyBurst) return t / rps
    if (anyAbove) continue
    return t / rps
  }
  return m / rps
}

describe('terminationTime agrees with a literal dense port on random rasters', () => {
  // Small deterministic LCG so the cases are reproducible without the engine.
  function lcg(seed: number): () => number {
    let x = seed >>> 0
    return () => {
      x = (Math.imul(x, 1664525) + 1013904223) >>> 0
      return x / 4294967296
    }
  }

  it('matches for 200 random rasters with varied windows, strides, thresholds and bump lifetimes', () => {
    const rand = lcg(12345)
    let decided = 0
    for (let c = 0; c < 200; c++) {
      const Ne = 12
      const Ni = 4
      const nSteps = 3000
      const s_off = Math.floor(rand() * 800)
      const window = 50 + Math.floor(rand() * 400)
      const stride = 1 + Math.floor(rand() * 300)
      const lifetime = s_off + Math.floor(rand() * (nSteps - s_off))
      const pRate = rand() * 0.03
      const pairs: Array<[number, number]> = []
      for (let step = 0; step < nSteps - 1; step++) {
        for (let j = 0; j < Ne + Ni; j++) {
          const p = step < lifetime ? pRate : pRate * 0.1
          if (rand() < p) pairs.push([step, j])
        }
      }
      const r = raster(pairs, { Ne, Ni, nSteps, dt_ms: 0.1 })
      const s: TerminationSettings = { burst_threshold_hz: 150 + rand() * 300, threshold_hz: 10 + rand() * 60, window_steps: window, stride_steps: stride }
      const expected = naiveTerminationTime(r, s_off, s)
      expect(terminationTime(r, s_off, s)).toBe(expected)
      expect(terminationTrace(r, s_off, s).terminationTime_s).toBe(expected)
      if (expected < (nSteps - s_off) / 10000) decided++
    }
    // Guard against a generator that never exercises the early exits.
    expect(decided).toBeGreaterThan(50)
  })
})

describe('terminationTrace', () => {
  it('lists every window centre and its highest rate, continuing past the decisive window', () => {
    const trace = terminationTrace(raster(train(100, S_OFF, S_OFF + 20000, 400)), S_OFF, DEFAULTS)
    // t = 2500, 3000, ..., 34500 (t < 37500 - 2500).
    expect(trace.t_s.length).toBe(65)
    expect(trace.t_s[0]).toBe(0.25)
    expect(trace.t_s[64]).toBe(3.45)
    expect(trace.terminationTime_s).toBe(2.0)
    const at = (sec: number): number => trace.maxRateHz[trace.t_s.indexOf(sec)]
    expect(at(1.95)).toBe(14)
    expect(at(2.0)).toBe(12)
    expect(at(3.0)).toBe(0)
  })
})
