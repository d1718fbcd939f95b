/**
 * Where a kernel run's time goes, per phase, for both builds (scalar and SIMD), side by side:
 *   KERNEL_PROFILE=1 npx vitest run --config vitest.bench.config.ts bench/kernel-profile
 * Builds the kernels with -DKERNEL_PROFILE (clang and lld needed), whose timers call
 * performance.now() six times a step: the phases add up to a little more than an unprofiled run.
 */
import { describe, it, vi } from 'vitest'
import { inputSpecOf } from '../src-shared/engine/input-spec'
import { excitatoryWeights } from '../src-shared/engine/weights'
import { referenceParameterSet } from '../test/helpers/reference'

const enabled = process.env.KERNEL_PROFILE === '1'
if (!enabled) console.warn('Kernel profile skipped: set KERNEL_PROFILE=1 (needs clang and lld).')

vi.mock('../src-shared/engine/wasm/kernel-binary', async () => {
  if (process.env.KERNEL_PROFILE !== '1') return vi.importActual('../src-shared/engine/wasm/kernel-binary')
  const { compileKernel } = (await import('../scripts/build-wasm.mjs')) as { compileKernel(o: { simd?: boolean; profile?: boolean }): Buffer }
  return {
    KERNEL_WASM_BASE64: compileKernel({ profile: true }).toString('base64'),
    KERNEL_SIMD_WASM_BASE64: compileKernel({ simd: true, profile: true }).toString('base64')
  }
})

interface Instance { exports: Record<string, unknown>; buffer: () => ArrayBuffer }
const PHASES = ['reset, record, swap lists', 'E->E row adds', 'background input adds', 'exp(0.062 v)', 'E update', 'I update']

describe.skipIf(!enabled)('kernel profile', () => {
  it('prints per-phase medians for the normal and decreased conditions', async () => {
    const { simulateWasm } = await import('../src-shared/engine/wasm/wasm-simulate')
    const { generateExactInputsWasm } = await import('../src-shared/engine/wasm/wasm-inputs')
    // The profiling kernels import now(); keep each instance's memory to read its timers.
    const api = (globalThis as unknown as { WebAssembly: unknown }).WebAssembly as { Instance: new (m: object, i: { env: Record<string, unknown> }) => { exports: Record<string, unknown> } }
    const Original = api.Instance
    const made: Instance[] = []
    ;(api as { Instance: unknown }).Instance = function (m: object, imports: { env: Record<string, unknown> }) {
      const inst = new Original(m, { env: { ...imports.env, now: () => performance.now() } })
      const memory = imports.env.memory as { buffer: ArrayBuffer }
      made.push({ exports: inst.exports, buffer: () => memory.buffer })
      return inst
    }
    const reps = 5
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1]
    for (const [name, mu] of [['normal', 1], ['decreased serotonin', 1.02]] as const) {
      const p = referenceParameterSet({ mu_exc: mu, mu_inh: mu })
      const weights = excitatoryWeights(p.network, p.synaptic_weights)
      const rows: Record<string, { inputs: number[]; run: number[]; phases: number[][] }> = {}
      for (let r = 0; r <= reps; r++) {
        for (const simd of [false, true]) {
          const key = simd ? 'SIMD' : 'scalar'
          rows[key] ??= { inputs: [], run: [], phases: PHASES.map(() => []) }
          let t = performance.now()
          const inputs = generateExactInputsWasm(inputSpecOf(p), undefined, { simd })
          const tInputs = performance.now() - t
          const first = made.length
          t = performance.now()
          simulateWasm(p, inputs, { weights, simd })
          const tRun = performance.now() - t
          if (r === 0) continue // warm-up
          rows[key].inputs.push(tInputs)
          rows[key].run.push(tRun)
          const inst = made[first]
          const prof = new Float64Array(inst.buffer(), (inst.exports.prof_ptr as () => number)(), PHASES.length)
          PHASES.forEach((_, k) => rows[key].phases[k].push(prof[k]))
        }
      }
      console.log(`${name} (medians of ${reps}, ms):`)
      for (const [key, row] of Object.entries(rows)) {
        const phases = PHASES.map((ph, k) => `${ph} ${median(row.phases[k]).toFixed(0)}`).join(' · ')
        console.log(`  ${key.padEnd(6)} inputs ${median(row.inputs).toFixed(0)} · run ${median(row.run).toFixed(0)} = ${phases}`)
      }
    }
  })
})
