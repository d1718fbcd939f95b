import { describe, expect, it } from 'vitest'
import { spawnSync } from 'node:child_process'
import { KERNEL_SIMD_WASM_BASE64, KERNEL_WASM_BASE64 } from '../../src-shared/engine/wasm/kernel-binary'

// The committed kernel must be what native/engine-kernel.c compiles to, so the C source stays
// the truth. Needs Debian's clang and lld; machines without them skip, and say so.
const clang = spawnSync('clang', ['--version'], { encoding: 'utf8' })
const haveClang = clang.status === 0 && spawnSync('wasm-ld', ['--version']).status === 0
if (!haveClang) console.warn('Kernel rebuild check skipped: clang and wasm-ld are not installed (apt-get install clang lld).')

describe.skipIf(!haveClang)('the committed WebAssembly kernels', () => {
  it('equal fresh builds of native/engine-kernel.c, scalar and SIMD', async () => {
    const { compileKernel } = (await import('../../scripts/build-wasm.mjs')) as { compileKernel(o?: { simd?: boolean }): Buffer }
    expect(compileKernel().toString('base64')).toBe(KERNEL_WASM_BASE64)
    expect(compileKernel({ simd: true }).toString('base64')).toBe(KERNEL_SIMD_WASM_BASE64)
  })
})
