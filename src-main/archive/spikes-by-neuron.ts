/** Spikes regrouped per neuron (a counting sort that keeps each neuron's spikes in time order). */
export interface SpikesByNeuron {
  /** offsets[i]..offsets[i+1] are neuron i's entries in `steps`; length nNeurons + 1. */
  offsets: Uint32Array
  steps: Uint32Array
}

export function spikesByNeuron(steps: Uint32Array, neurons: Uint16Array, nNeurons: number): SpikesByNeuron {
  const offsets = new Uint32Array(nNeurons + 1)
  for (let k = 0; k < neurons.length; k++) {
    const n = neurons[k]
    if (n >= nNeurons) throw new Error(`Spike ${k} names neuron ${n}, but the network has ${nNeurons} neurons.`)
    offsets[n + 1]++
  }
  for (let i = 0; i < nNeurons; i++) offsets[i + 1] += offsets[i]
  const fill = offsets.slice(0, nNeurons)
  const out = new Uint32Array(steps.length)
  for (let k = 0; k < steps.length; k++) out[fill[neurons[k]]++] = steps[k]
  return { offsets, steps: out }
}
