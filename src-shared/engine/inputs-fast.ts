import { MT19937 } from '../rng/mt19937'
import type { InputTrain } from './types'
import type { InputSpec } from './input-spec'
import { phaseThresholds } from './input-rates'

/**
 * 'fast' input mode: the same Bernoulli process (each neuron, each step, probability rate*dt) drawn
 * by geometric skips between successive input spikes instead of one uniform per neuron per step.
 * About 10^4 draws per run instead of 2*10^7. Statistically identical, NOT numpy-identical: the
 * spikes differ from the reference's for the same seed.
 */
export function generateFastInputs(spec: InputSpec): InputTrain {
  const rng = new MT19937(spec.seed)
  const orientationDeg = spec.orientation === 'random' ? rng.randint(360) : spec.orientation
  const th = phaseThresholds(spec, orientationDeg)
  const N = spec.Ne + spec.Ni
  const n = th.nSteps
  const segments: Array<[number, number, Float64Array]> = [
    [0, th.stimStart, th.background],
    [th.stimStart, th.stimEnd, th.stimulus],
    [th.stimEnd, n, th.background]
  ]
  let evSteps = new Uint32Array(1024)
  let evCols = new Uint16Array(1024)
  let count = 0
  const perRow = new Uint32Array(n + 1)
  for (let j = 0; j < N; j++) {
    for (const [from, to, thr] of segments) {
      const p = thr[j]
      if (!(p > 0) || from >= to) continue
      // Skips are memoryless, so restarting at each segment boundary keeps the process exact.
      const logQ = p >= 1 ? -Infinity : Math.log1p(-p)
      let step = from - 1
      for (;;) {
        const skip = p >= 1 ? 0 : Math.floor(Math.log(1 - rng.nextDouble()) / logQ)
        step += 1 + skip
        if (step >= to) break
        if (count === evSteps.length) {
          const s = new Uint32Array(count * 2)
          s.set(evSteps)
          evSteps = s
          const c = new Uint16Array(count * 2)
          c.set(evCols)
          evCols = c
        }
        evSteps[count] = step
        evCols[count++] = j
        perRow[step + 1]++
      }
    }
  }
  // Counting sort by step; neurons were visited in index order, so rows come out sorted by neuron.
  for (let r = 0; r < n; r++) perRow[r + 1] += perRow[r]
  const rowStart = perRow.slice()
  const fill = perRow.slice(0, n)
  const cols = new Uint16Array(count)
  for (let e = 0; e < count; e++) cols[fill[evSteps[e]]++] = evCols[e]
  return { nSteps: n, nNeurons: N, rowStart, cols, orientationDeg }
}
