import type { CancelSignal } from '../util/cancel'
import { MT19937, temper } from '../rng/mt19937'
import type { InputTrain } from './types'
import type { InputSpec } from './input-spec'
import { phaseThresholds } from './input-rates'
import { CsrBuilder } from './csr-builder'
import { abortError } from './errors'

const TWO26 = 67108864

/**
 * numpy-identical input: `np.random.seed(seed); [randint(360)]; rand(n, N) < rate*dt`, drawn row by
 * row and never stored as a matrix. U < thr is decided on integers: with T = thr*2^53 split as
 * H*2^26 + R, a uniform built from words (a, b) is below thr iff (a>>5) < H, or (a>>5) == H and
 * (b>>6) < R. So only the first word of each pair is tempered, the second almost never.
 */
export interface ExactInputPlan {
  rng: MT19937
  orientationDeg: number
  nSteps: number
  N: number
  stimStart: number
  stimEnd: number
  hiBg: Float64Array
  remBg: Float64Array
  hiSt: Float64Array
  remSt: Float64Array
  /** Expected number of input spikes, to size the output once. */
  expected: number
}

/** Seeds the generator, draws a random orientation if asked, and splits every threshold. */
export function planExactInputs(spec: InputSpec): ExactInputPlan {
  const rng = new MT19937(spec.seed)
  const orientationDeg = spec.orientation === 'random' ? rng.randint(360) : spec.orientation
  const th = phaseThresholds(spec, orientationDeg)
  const N = spec.Ne + spec.Ni
  const n = th.nSteps
  const hiBg = new Float64Array(N)
  const remBg = new Float64Array(N)
  const hiSt = new Float64Array(N)
  const remSt = new Float64Array(N)
  let expected = 0
  for (let j = 0; j < N; j++) {
    splitThreshold(th.background[j], hiBg, remBg, j)
    splitThreshold(th.stimulus[j], hiSt, remSt, j)
    expected += th.background[j] * n + (th.stimulus[j] - th.background[j]) * (th.stimEnd - th.stimStart)
  }
  return { rng, orientationDeg, nSteps: n, N, stimStart: th.stimStart, stimEnd: th.stimEnd, hiBg, remBg, hiSt, remSt, expected: expected * 1.2 + 256 }
}

export function generateExactInputs(spec: InputSpec, signal?: CancelSignal): InputTrain {
  const { rng, orientationDeg, nSteps: n, N, hiBg, remBg, hiSt, remSt, expected, ...th } = planExactInputs(spec)
  const out = new CsrBuilder(n, expected)
  const mt = rng.mt
  let idx = rng.index
  for (let row = 0; row < n; row++) {
    const stim = row >= th.stimStart && row < th.stimEnd
    const hi = stim ? hiSt : hiBg
    const rem = stim ? remSt : remBg
    for (let j = 0; j < N; j++) {
      if (idx >= 624) {
        rng.twist()
        idx = 0
      }
      const ah = temper(mt[idx]) >>> 5
      const h = hi[j]
      if (ah < h) {
        out.push(j)
      } else if (ah === h) {
        // The pair (a, b) may straddle a twist: fetch b from the next block then.
        if (idx + 1 >= 624) {
          rng.twist()
          idx = -1
        }
        if (temper(mt[idx + 1]) >>> 6 < rem[j]) out.push(j)
        idx += 2
        continue
      }
      idx += 2
      if (idx > 624) {
        // a was the last word of a block, so b is the first word of the next one.
        rng.twist()
        idx = 1
      }
    }
    out.endRow(row)
    if ((row & 4095) === 0 && signal?.aborted) throw abortError()
  }
  rng.index = idx
  return { nSteps: n, nNeurons: N, rowStart: out.rowStart, cols: out.trimmedCols(), orientationDeg }
}

function splitThreshold(thr: number, hi: Float64Array, rem: Float64Array, j: number): void {
  const T = thr * 9007199254740992
  const h = Math.floor(T / TWO26)
  hi[j] = h
  rem[j] = T - h * TWO26
}

