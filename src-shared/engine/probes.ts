import type { ProbeSpec, ProbeTraces } from './types'

/**
 * Samples v, u and each receptor's current of chosen neurons every `every` steps, at the point of
 * the step where the reference computes its currents (after reset and this step's inputs).
 */
export class ProbeRecorder {
  private readonly neurons: number[]
  private readonly every: number
  private readonly traces: ProbeTraces
  private sample = 0

  constructor(spec: ProbeSpec, nSteps: number, nNeurons: number) {
    for (const j of spec.neurons) {
      if (!Number.isInteger(j) || j < 0 || j >= nNeurons) throw new RangeError(`probe neuron ${j} is not in 0..${nNeurons - 1}`)
    }
    if (!Number.isInteger(spec.every) || spec.every < 1) throw new RangeError(`probe interval ${spec.every} must be a whole number of steps >= 1`)
    this.neurons = spec.neurons.slice()
    this.every = spec.every
    const nSamples = Math.ceil((nSteps - 1) / spec.every)
    const size = nSamples * this.neurons.length
    this.traces = {
      neurons: this.neurons,
      every: spec.every,
      nSamples,
      v: new Float64Array(size),
      u: new Float64Array(size),
      I_ampa: new Float64Array(size),
      I_nmda: new Float64Array(size),
      I_gabaa: new Float64Array(size),
      I_gabab: new Float64Array(size),
      I_bg: new Float64Array(size)
    }
  }

  due(step: number): boolean {
    return step % this.every === 0
  }

  record(
    V: Float64Array, U: Float64Array, gbg: Float64Array, sAmpaE: Float64Array, sNmdaE: Float64Array,
    sGabaaE: number, sGababE: number, sAmpaI: number, sNmdaI: number, sGabaaI: number, sGababI: number, Ne: number
  ): void {
    const t = this.traces
    const base = this.sample * this.neurons.length
    for (let c = 0; c < this.neurons.length; c++) {
      const j = this.neurons[c]
      const v = V[j]
      const exc = j < Ne
      const o = base + c
      t.v[o] = v
      t.u[o] = U[j]
      t.I_ampa[o] = -(exc ? sAmpaE[j] : sAmpaI) * v
      t.I_nmda[o] = -(exc ? sNmdaE[j] : sNmdaI) * v * (1 / (1 + 0.4202 * Math.exp(0.062 * v)))
      t.I_gabaa[o] = -(exc ? sGabaaE : sGabaaI) * (v + 70)
      t.I_gabab[o] = -(exc ? sGababE : sGababI) * (v + 90)
      t.I_bg[o] = -gbg[j] * v
    }
    this.sample++
  }

  result(): ProbeTraces {
    return this.traces
  }
}
