import { describe, expect, it } from 'vitest'
import type { SimulationResult } from '../../src-shared/engine/types'
import type { ParameterSet } from '../../src-shared/params/types'
import {
  RUN_MEASURES,
  compareToControl,
  inputPercentOfControl,
  percentOfControl,
  summarizeCondition,
  summarizeRun,
  type RunSummary
} from '../../src-shared/analysis/summary'

const RS = { C: 100, k: 3, v_r: -60, v_t: -50, v_peak: 50, a: 0.01, b: 5, c: -60, d: 400, v: -60, u: 0 }
const FS = { C: 20, k: 1, v_r: -55, v_t: -40, v_peak: 25, a: 0.15, b: 8, c: -55, d: 200, v: -55, u: 0 }

/** MODEL.md defaults (the reference's YAML files plus the notebook's hard-coded settings). */
function params(): ParameterSet {
  return {
    RS,
    FS,
    receptor_kinetics: { tau_ampa: 5, tau_nmda: 100, tau_gabaa: 6, tau_gabab: 150, g_ampa: 0.45, g_nmda: 0.4, g_gabaa: 0.3, g_gabab: 0.05 },
    synaptic_weights: { sigma: 14.4, j_ee: 1, j_ei: 0.3, j_ie: 0.25, j_ii: 0.55 },
    external_input: { v_e: 0.001, v_i: 0.012, g_e_external: 20, g_i_external: 7 },
    stimuli_input: { A: 100, eta: 1000 },
    network: { Ne: 360, Ni: 90 },
    simulation: { duration_s: 5, dt_ms: 0.1, seed: 42, input_mode: 'exact' },
    stimulus: { t_on_s: 1, t_off_s: 1.25, orientation_deg: 100 },
    serotonin: { mu_exc: 1, mu_inh: 1 },
    termination: { burst_threshold_hz: 100, threshold_hz: 12, window_steps: 5000, stride_steps: 500 }
  }
}

const N = 50000
const S_OFF = 12500 // int(1.25 * 1000 / 0.1)
const DELAY_STEPS = N - 1 - S_OFF // steps s_off .. n-2

/** A run whose excitatory neurons `bumpNeurons` fire every 500 steps from s_off (75 spikes, 20 Hz over 3.75 s). */
function result(bumpNeurons: number[]): SimulationResult {
  const pairs: Array<[number, number]> = []
  // Stimulus-period spikes: in the spike counts, not in the delay rates.
  for (let s = 10000; s < S_OFF; s += 100) pairs.push([s, 100])
  for (const j of bumpNeurons) for (let s = S_OFF; s < N - 1; s += 500) pairs.push([s, j])
  // Every inhibitory neuron fires every 1000 steps from step 0: 50 spikes, 37 of them at steps >= 12500.
  for (let j = 360; j < 450; j++) for (let s = 0; s < N - 1; s += 1000) pairs.push([s, j])
  pairs.sort((a, b) => a[0] - b[0] || a[1] - b[1])
  const counts = new Uint32Array(450)
  for (const [, j] of pairs) counts[j]++
  const delayInputSum = new Float64Array(450)
  for (let j = 0; j < 450; j++) delayInputSum[j] = j < 360 ? j * DELAY_STEPS : -2 * DELAY_STEPS
  return {
    Ne: 360,
    Ni: 90,
    dt_ms: 0.1,
    nSteps: N,
    steps: Uint32Array.from(pairs.map((p) => p[0])),
    neurons: Uint16Array.from(pairs.map((p) => p[1])),
    counts,
    delayInputSum,
    delaySteps: DELAY_STEPS
  }
}

const range = (a: number, b: number): number[] => Array.from({ length: b - a + 1 }, (_, k) => a + k)

describe('summarizeRun', () => {
  it('computes every measure of a hand-built run with a persistent bump at 100 degrees', () => {
    const s = summarizeRun(result(range(95, 105)), params(), 100)
    expect(s.termination_time_s).toBe(3.75)
    expect(s.exc_rate_hz).toBeCloseTo((11 * 20) / 360, 12)
    expect(s.inh_rate_hz).toBeCloseTo(37 / 3.75, 12)
    expect(s.bump_rate_hz).toBeCloseTo((11 * 20) / 31, 12)
    expect(s.decoded_reference_deg).toBe(100)
    expect(s.decoded_vector_deg).toBeCloseTo(100, 9)
    expect(s.decode_error_reference_deg).toBe(0)
    expect(s.decode_error_vector_deg).toBeLessThan(1e-9)
    expect(s.exc_spikes).toBe(11 * 75 + 25)
    expect(s.inh_spikes).toBe(90 * 50)
    expect(s.mean_delay_input_exc).toBeCloseTo(179.5, 10)
    expect(s.mean_delay_input_inh).toBe(-2)
    expect(s.mean_delay_input_stim_neuron).toBe(100)
    expect(Object.keys(s).sort()).toEqual([...RUN_MEASURES].sort())
    // Plain data: survives a JSON round trip unchanged (no NaN here).
    expect(JSON.parse(JSON.stringify(s))).toEqual(s)
  })

  it('uses the orientation passed in (the one the condition drew), and shows the two decoders apart at the seam', () => {
    const p = params() // orientation_deg stays 100: it must not be used
    const s = summarizeRun(result([...range(355, 359), ...range(0, 5)]), p, 0)
    expect(s.bump_rate_hz).toBeCloseTo((11 * 20) / 31, 12)
    expect(s.mean_delay_input_stim_neuron).toBe(0)
    expect(s.decode_error_vector_deg).toBeLessThan(1e-9)
    // Linear mean of 355..359 and 0..5 (equal rates): (1785 + 15) / 11 = 163.6 degrees for a bump at 0.
    expect(s.decoded_reference_deg).toBeCloseTo(1800 / 11, 10)
    expect(s.decode_error_reference_deg).toBeCloseTo(1800 / 11, 10)
  })

  it('reports NaN decodes when no excitatory neuron fires in the delay, and the first-window termination', () => {
    const s = summarizeRun(result([]), params(), 100)
    expect(s.termination_time_s).toBe(0.25)
    expect(s.decoded_reference_deg).toBeNaN()
    expect(s.decoded_vector_deg).toBeNaN()
    expect(s.decode_error_vector_deg).toBeNaN()
    expect(s.exc_rate_hz).toBe(0)
  })

  it('refuses parameters whose dt differs from the run', () => {
    const p = params()
    p.simulation.dt_ms = 0.05
    expect(() => summarizeRun(result([]), p, 100)).toThrow(/simulation\.dt_ms/)
  })
})

/** RunSummaries whose every measure takes the given values (one per run). */
function runs(values: number[]): RunSummary[] {
  return values.map((v) => Object.fromEntries(RUN_MEASURES.map((k) => [k, v])) as unknown as RunSummary)
}

describe('condition statistics', () => {
  // R's sleep data (see analysis-stats.test.ts): Welch t = -1.8608, df = 17.776, p = 0.07939.
  const group1 = [0.7, -1.6, -0.2, -1.2, -0.1, 3.4, 3.7, 0.8, 0.0, 2.0]
  const group2 = [1.9, 0.8, 1.1, 0.1, -0.1, 4.4, 5.5, 1.6, 4.6, 3.4]

  it('summarizeCondition gives stats for every measure', () => {
    const stats = summarizeCondition(runs(group1))
    expect(Object.keys(stats).sort()).toEqual([...RUN_MEASURES].sort())
    expect(stats.termination_time_s.n).toBe(10)
    expect(stats.bump_rate_hz.mean).toBeCloseTo(0.75, 12)
    expect(stats.exc_spikes.median).toBeCloseTo(0.35, 12) // numpy.median(group1) = 0.35
  })

  it('compareToControl runs Welch per measure, condition first', () => {
    const cmp = compareToControl(runs(group1), runs(group2))
    for (const k of RUN_MEASURES) {
      expect(cmp[k].t).toBeCloseTo(-1.8608, 4)
      expect(cmp[k].df).toBeCloseTo(17.776, 3)
      expect(cmp[k].p).toBeCloseTo(0.07939, 5)
    }
  })

  it('NaN runs are left out per measure', () => {
    const withNaN = runs([...group1, 0])
    withNaN[10].decoded_vector_deg = NaN
    const stats = summarizeCondition(withNaN)
    expect(stats.decoded_vector_deg.n).toBe(10)
    expect(stats.decoded_vector_deg.nNaN).toBe(1)
    expect(stats.exc_rate_hz.n).toBe(11)
  })

  it('percentOfControl handles negative currents and a zero control', () => {
    expect(percentOfControl(-50, -100)).toBe(50)
    expect(percentOfControl(120, 100)).toBe(120)
    expect(percentOfControl(1, 0)).toBeNaN()
    const pct = inputPercentOfControl(runs([-3, -5]), runs([-8, -8]))
    expect(pct.mean_delay_input_exc).toBe(50)
    expect(Object.keys(pct).sort()).toEqual(['mean_delay_input_exc', 'mean_delay_input_inh', 'mean_delay_input_stim_neuron'])
  })
})
