import type { CancelSignal } from '../util/cancel'
import type { InputTrain } from './types'
import type { InputSpec } from './input-spec'
import { generateExactInputs } from './inputs-exact'
import { generateFastInputs } from './inputs-fast'

/** The TypeScript generators (the reference implementation); engine.ts picks the fastest one. */
export function generateInputs(spec: InputSpec, signal?: CancelSignal): InputTrain {
  return spec.mode === 'fast' ? generateFastInputs(spec) : generateExactInputs(spec, signal)
}

/** Per-neuron input counts, optionally restricted to rows [from, to). */
export function inputCounts(train: InputTrain, from = 0, to = train.nSteps): Uint32Array {
  const counts = new Uint32Array(train.nNeurons)
  for (let k = train.rowStart[from]; k < train.rowStart[to]; k++) counts[train.cols[k]]++
  return counts
}
