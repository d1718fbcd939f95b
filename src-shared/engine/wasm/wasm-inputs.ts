/**
 * The numpy-identical input rows (inputs-exact.ts) drawn by the WebAssembly kernel: the same
 * MT19937 words and the same integer comparisons (four neurons at a time in the SIMD build).
 * Tests compare both builds with numpy's vectors and with the TypeScript generator.
 */
import type { CancelSignal } from '../../util/cancel'
import type { InputTrain } from '../types'
import type { InputSpec } from '../input-spec'
import { planExactInputs } from '../inputs-exact'
import { CsrBuilder } from '../csr-builder'
import { abortError } from '../errors'
import { Kernel } from './kernel'

/** Rows per kernel call; cancel is checked between calls. */
const ROWS = 1000

/**
 * The high part of a threshold as an int32 the kernel compares with a>>5 (0 .. 2^27-1): clamping
 * to [-1, 2^27] keeps every comparison's outcome (hi is an integer, or NaN: never hit).
 */
function hiAsInt32(hi: Float64Array): Int32Array {
  return Int32Array.from(hi, (h) => (h >= 134217728 ? 134217728 : h >= 0 ? h : -1))
}

export function generateExactInputsWasm(spec: InputSpec, signal?: CancelSignal, opts: { simd?: boolean } = {}): InputTrain {
  const plan = planExactInputs(spec)
  const { N, nSteps: n } = plan
  const k = new Kernel(opts)
  const at = {
    mt: k.take(624 * 4),
    hiBg: k.take(N * 4),
    remBg: k.take(N * 8),
    hiSt: k.take(N * 4),
    remSt: k.take(N * 8),
    cols: k.take(ROWS * N * 2),
    ends: k.take(ROWS * 4)
  }
  const buf = k.buffer
  new Uint32Array(buf, at.mt, 624).set(plan.rng.mt)
  new Int32Array(buf, at.hiBg, N).set(hiAsInt32(plan.hiBg))
  new Float64Array(buf, at.remBg, N).set(plan.remBg)
  new Int32Array(buf, at.hiSt, N).set(hiAsInt32(plan.hiSt))
  new Float64Array(buf, at.remSt, N).set(plan.remSt)
  const cols = new Uint16Array(buf, at.cols, ROWS * N)
  const ends = new Uint32Array(buf, at.ends, ROWS)
  k.exports.bind_rng(at.mt, plan.rng.index)
  const out = new CsrBuilder(n, plan.expected)
  for (let row0 = 0; row0 < n; row0 += ROWS) {
    const row1 = Math.min(n, row0 + ROWS)
    k.exports.input_rows(row0, row1, N, plan.stimStart, plan.stimEnd, at.hiBg, at.remBg, at.hiSt, at.remSt, at.cols, at.ends)
    let q = 0
    for (let r = row0; r < row1; r++) {
      for (const end = ends[r - row0]; q < end; q++) out.push(cols[q])
      out.endRow(r)
    }
    if (signal?.aborted) throw abortError()
  }
  return { nSteps: n, nNeurons: N, rowStart: out.rowStart, cols: out.trimmedCols(), orientationDeg: plan.orientationDeg }
}
