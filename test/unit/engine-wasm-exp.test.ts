import { describe, expect, it } from 'vitest'
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

// The SIMD kernel's two-lane exp must equal V8's Math.exp bit for bit over the whole range,
// including the lanes it hands to the scalar code (|x| <= 0.5 ln2, x = 1, |x| >= 708, NaN).
// Builds a small harness around native/engine-kernel.c; needs Debian's clang and lld.
const haveClang = spawnSync('clang', ['--version']).status === 0 && spawnSync('wasm-ld', ['--version']).status === 0
if (!haveClang) console.warn('Two-lane exp check skipped: clang and wasm-ld are not installed (apt-get install clang lld).')

interface WasmApi {
  Memory: new (d: { initial: number }) => { buffer: ArrayBuffer }
  Module: new (bytes: Uint8Array) => object
  Instance: new (m: object, imports: object) => { exports: unknown }
}

describe.skipIf(!haveClang)('the SIMD kernel\'s exp', () => {
  it('equals Math.exp to the last bit, lane by lane', async () => {
    const { CLANG_ARGS } = (await import('../../scripts/build-wasm.mjs')) as { CLANG_ARGS: string[] }
    const dir = mkdtempSync(join(tmpdir(), 'exp-lanes-'))
    const kernel = fileURLToPath(new URL('../../native/engine-kernel.c', import.meta.url))
    writeFileSync(join(dir, 'h.c'), `#include "${kernel}"
void exp_many(double *x, double *out, int32_t n) {
  for (int32_t j = 0; j + 2 <= n; j += 2) wasm_v128_store(out + j, exp_f64x2(wasm_v128_load(x + j)));
}
`)
    const built = spawnSync('clang', [...CLANG_ARGS, '-msimd128', '-Wl,--export=exp_many', '-o', join(dir, 'h.wasm'), join(dir, 'h.c')], { encoding: 'utf8' })
    expect(built.stderr).toBe('')
    const n = 1 << 18
    const wasm = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly
    const memory = new wasm.Memory({ initial: 2 + Math.ceil((n * 16) / 65536) })
    const instance = new wasm.Instance(new wasm.Module(readFileSync(join(dir, 'h.wasm'))), { env: { memory, js_exp: Math.exp } })
    const exp = instance.exports as { exp_many(x: number, out: number, n: number): void }
    const base = 2 * 65536
    const x = new Float64Array(memory.buffer, base, n)
    const out = new Float64Array(memory.buffer, base + n * 8, n)
    // Deterministic spread: the neuron update's range, the reduction boundaries, the extremes.
    let seed = 12345
    const rand = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 4294967296)
    const ranges: [number, number][] = [[-1420, 1420], [-12, 12], [-2.2, 2.2], [0.34, 0.36], [-0.36, -0.34], [1.03, 1.05], [-1.05, -1.03], [-1e-7, 1e-7], [707, 710], [-710, -707]]
    for (let j = 0; j < n; j++) {
      const [lo, hi] = ranges[j % ranges.length]
      x[j] = lo + (hi - lo) * rand()
    }
    const special = [1, -1, 708, -708, 0.5 * Math.LN2, -0.5 * Math.LN2, 0, -0, NaN, Infinity, -Infinity, 2 ** -28, 709.78, -745.2]
    special.forEach((v, k) => (x[2 * k + 1] = v))
    exp.exp_many(base, base + n * 8, n)
    let mismatches = 0
    for (let j = 0; j < n; j++) if (!Object.is(out[j], Math.exp(x[j]))) mismatches++
    expect(mismatches).toBe(0)
  })
})
