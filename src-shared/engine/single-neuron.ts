/**
 * One isolated Izhikevich neuron under a constant injected current, for the parameter editor's
 * live preview. Same update as the network (MODEL.md, step i): spike check on v, reset, then
 * forward Euler from the post-reset v and u; only the input is a fixed current instead of
 * synaptic and background currents.
 */
import type { NeuronParams } from '../params/types'

export interface SingleNeuronTrace {
  /** Membrane potential per step (mV); a spike step holds v_peak so every spike draws to the same height. NaN after divergence. */
  v: Float64Array
  spikes: number
  /** True when v or u stopped being finite (the parameters blow the Euler step up). */
  diverged: boolean
}

export function singleNeuronSteps(durationMs: number, dtMs: number): number {
  if (!(durationMs > 0) || !(dtMs > 0) || !Number.isFinite(durationMs / dtMs)) return 0
  return Math.max(1, Math.floor(durationMs / dtMs + 1e-9))
}

/**
 * Simulates `durationMs` at step `dtMs` from the neuron's initial state (v, u) with `currentPA`
 * injected throughout. `out` is reused when it has exactly the right length (no allocation per call).
 */
export function simulateSingleNeuron(
  neuron: NeuronParams,
  currentPA: number,
  durationMs: number,
  dtMs: number,
  out?: Float64Array
): SingleNeuronTrace {
  const n = singleNeuronSteps(durationMs, dtMs)
  const trace = out && out.length === n ? out : new Float64Array(n)
  const { C, k, v_r, v_t, v_peak, a, b, c, d } = neuron
  const dt = dtMs
  let v = neuron.v
  let u = neuron.u
  let spikes = 0
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(v) || !Number.isFinite(u)) {
      trace.fill(NaN, i)
      return { v: trace, spikes, diverged: true }
    }
    if (v >= v_peak) {
      trace[i] = v_peak
      spikes++
      v = c
      u += d
    } else {
      trace[i] = v
    }
    const vNext = v + (dt * (k * (v - v_r) * (v - v_t) - u + currentPA)) / C
    u = u + dt * a * (b * (v - v_r) - u)
    v = vNext
  }
  return { v: trace, spikes, diverged: false }
}
