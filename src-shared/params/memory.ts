/**
 * A pre-flight estimate of the typed arrays one run needs, so an absurd
 * parameter set is refused with a figure instead of crashing a worker.
 */
import type { ParameterSet } from './types'
import { stepCount, stimulusStepRange } from './timing'

export const MAX_RUN_MEMORY_BYTES = 2 * 1024 ** 3

/**
 * Mean firing rate assumed for the spike storage estimate. The reference's
 * normal condition averages a few Hz; 50 Hz leaves room for the runaway
 * high-mu conditions without refusing large but sane networks.
 */
export const ESTIMATE_MEAN_RATE_HZ = 50

/** Float64 state per neuron: v, u, mu, per-neuron constants, four S_r, four presynaptic g_r, g_bg, sums, probes. */
const STATE_DOUBLES_PER_NEURON = 32
/** One spike in the raster: Uint32 step + Uint16 neuron. */
const BYTES_PER_SPIKE = 6
/** One input spike in the CSR input train: Uint16 column. */
const BYTES_PER_INPUT_SPIKE = 2
/** Above this many excitatory neurons the stimulus sum is bounded instead of summed exactly. */
const EXACT_STIMULUS_SUM_LIMIT = 100_000

export interface RunMemoryEstimate {
  /** Dense E->E weights, Ne * Ne float64. */
  weights: number
  state: number
  /** CSR external input train: row starts plus one column per expected input spike. */
  inputTrain: number
  /** Spike raster at ESTIMATE_MEAN_RATE_HZ. */
  spikes: number
  total: number
}

type MemoryInputs = Pick<ParameterSet, 'network' | 'simulation' | 'external_input' | 'stimuli_input' | 'stimulus'>

function expectedInputSpikes(p: MemoryInputs, n: number): number {
  const { Ne, Ni } = p.network
  const dt = p.simulation.dt_ms
  const pe = Math.min(1, p.external_input.v_e * dt)
  const pi = Math.min(1, p.external_input.v_i * dt)
  let total = n * (Ne * pe + Ni * pi)
  const [s0, s1] = stimulusStepRange(p.stimulus.t_on_s, p.stimulus.t_off_s, p.simulation.duration_s, dt)
  const stimSteps = Math.max(0, Math.min(n, s1) - Math.max(0, s0))
  if (stimSteps > 0) {
    const { A, eta } = p.stimuli_input
    let extra = 0
    if (Ne <= EXACT_STIMULUS_SUM_LIMIT) {
      const ts = p.stimulus.orientation_deg * (Math.PI / 180)
      for (let i = 0; i < Ne; i++) {
        const ti = (i / Ne) * 360 * (Math.PI / 180)
        const rate = p.external_input.v_e * (1 + A * Math.exp(eta * (Math.cos(ti - ts) - 1)))
        extra += Math.min(1, rate * dt) - pe
      }
    } else {
      extra = Ne * (Math.min(1, p.external_input.v_e * (1 + A) * dt) - pe)
    }
    total += stimSteps * extra
  }
  return total
}

export function estimateRunMemory(p: MemoryInputs): RunMemoryEstimate {
  const { Ne, Ni } = p.network
  const N = Ne + Ni
  const n = Math.max(0, stepCount(p.simulation.duration_s, p.simulation.dt_ms))
  const weights = Ne * Ne * 8
  const state = N * STATE_DOUBLES_PER_NEURON * 8
  const inputTrain = (n + 1) * 4 + Math.ceil(expectedInputSpikes(p, n)) * BYTES_PER_INPUT_SPIKE
  const spikes = Math.ceil(N * p.simulation.duration_s * ESTIMATE_MEAN_RATE_HZ) * BYTES_PER_SPIKE
  return { weights, state, inputTrain, spikes, total: weights + state + inputTrain + spikes }
}

export function estimateRunMemoryBytes(p: MemoryInputs): number {
  return estimateRunMemory(p).total
}

/** Binary units, as operating systems report memory: "2.00 GiB". */
export function formatBytes(bytes: number): string {
  const units = ['bytes', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB']
  let x = bytes
  let u = 0
  while (x >= 1024 && u < units.length - 1) {
    x /= 1024
    u++
  }
  return u === 0 ? `${Math.round(x)} bytes` : `${x.toFixed(2)} ${units[u]}`
}
