import { spikesByNeuron } from '../archive/spikes-by-neuron'

export interface SpikeDifference {
  neuron: number
  /** The earliest step at which that neuron's spike trains differ. */
  step: number
  /** Whether the recorded run had a spike there and the rerun not, or the other way round. */
  recordedSpike: boolean
  rerunSpike: boolean
}

/**
 * The first place two rasters differ: over all neurons, the earliest step at which one neuron's
 * spike train differs (ties: the lowest neuron). Null when both hold the same spikes.
 */
export function firstSpikeDifference(
  recorded: { steps: Uint32Array; neurons: Uint16Array },
  rerun: { steps: Uint32Array; neurons: Uint16Array },
  nNeurons: number
): SpikeDifference | null {
  const a = spikesByNeuron(recorded.steps, recorded.neurons, nNeurons)
  const b = spikesByNeuron(rerun.steps, rerun.neurons, nNeurons)
  let best: SpikeDifference | null = null
  for (let n = 0; n < nNeurons; n++) {
    const la = a.offsets[n + 1] - a.offsets[n]
    const lb = b.offsets[n + 1] - b.offsets[n]
    let k = 0
    while (k < la && k < lb && a.steps[a.offsets[n] + k] === b.steps[b.offsets[n] + k]) k++
    if (k === la && k === lb) continue
    const sa = k < la ? a.steps[a.offsets[n] + k] : Infinity
    const sb = k < lb ? b.steps[b.offsets[n] + k] : Infinity
    const step = Math.min(sa, sb)
    if (best === null || step < best.step) best = { neuron: n, step, recordedSpike: sa === step, rerunSpike: sb === step }
  }
  return best
}
