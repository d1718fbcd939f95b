/**
 * Data the engine produces and everything downstream (analysis, GIF frames,
 * project files) consumes. Typed arrays only, so results cross worker threads
 * as transferable buffers.
 */

/** Every spike of one run, sorted by step then neuron (the order the reference records them). */
export interface SpikeRaster {
  Ne: number
  Ni: number
  dt_ms: number
  /** Number of stored steps n = duration / dt; spikes can occur at steps 0..n-2. */
  nSteps: number
  steps: Uint32Array
  neurons: Uint16Array
}

/**
 * External (background + stimulus) input spikes in compressed sparse rows:
 * the neurons receiving an input spike at step i are cols[rowStart[i] .. rowStart[i+1]).
 */
export interface InputTrain {
  nSteps: number
  nNeurons: number
  rowStart: Uint32Array
  cols: Uint16Array
  /** Stimulus orientation used (drawn from the seed when the condition asks for a random one). */
  orientationDeg: number
}

export interface ProbeSpec {
  neurons: number[]
  /** Record every `every` steps. */
  every: number
}

/** Sampled traces of chosen neurons: one row per sample, one column per probed neuron. */
export interface ProbeTraces {
  neurons: number[]
  every: number
  nSamples: number
  v: Float64Array
  u: Float64Array
  I_ampa: Float64Array
  I_nmda: Float64Array
  I_gabaa: Float64Array
  I_gabab: Float64Array
  I_bg: Float64Array
}

/** The implementations that can run a simulation (all give bit-identical spikes). */
export type EngineKind = 'wasm-simd' | 'wasm' | 'typescript'

export interface SimulationResult extends SpikeRaster {
  /** Which implementation produced these spikes (provenance); set by runSimulation. */
  engine?: EngineKind
  /** Spikes per neuron over the whole run. */
  counts: Uint32Array
  /** Per neuron: sum over the delay steps (s_off .. n-2) of mu * (I_syn + I_bg), for the mean-input measure. */
  delayInputSum: Float64Array
  delaySteps: number
  probes?: ProbeTraces
  /** Set when SimulateOptions.stopWhen ended the run here: spikes and counts cover steps before it only. */
  stoppedEarlyAtStep?: number
}
