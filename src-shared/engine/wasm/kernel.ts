/**
 * One instance of the WebAssembly kernel (native/engine-kernel.c) with its own memory, and an
 * arena that carves aligned typed arrays out of that memory after the kernel's stack and data.
 * Two builds of the same source: SIMD where the runtime validates a SIMD probe (current Node,
 * Electron and browsers), scalar elsewhere; both give the same doubles.
 * src-shared has no DOM or Node typings, so the few WebAssembly names used are declared here.
 */
import { decodeBase64 } from '../../project/base64'
import { KERNEL_SIMD_WASM_BASE64, KERNEL_WASM_BASE64 } from './kernel-binary'

const PAGE = 65536

interface WasmMemory {
  readonly buffer: ArrayBuffer
  grow(pages: number): number
}
interface WasmApi {
  Module: new (bytes: Uint8Array) => object
  Instance: new (module: object, imports: object) => { exports: unknown }
  Memory: new (desc: { initial: number }) => WasmMemory
  validate(bytes: Uint8Array): boolean
}

export interface KernelExports {
  bind(...pointers: number[]): void
  run_steps(i0: number, i1: number): number
  bind_rng(state: number, index: number): void
  rng_index(): number
  input_rows(row0: number, row1: number, N: number, stimStart: number, stimEnd: number, hiBg: number, remBg: number, hiSt: number, remSt: number, outCols: number, outEnds: number): number
  __heap_base: { value: number }
}

function wasmApi(): WasmApi | undefined {
  return (globalThis as unknown as { WebAssembly?: WasmApi }).WebAssembly
}

/** True where WebAssembly is available (Node, worker threads, Electron). */
export function wasmAvailable(): boolean {
  return wasmApi() !== undefined
}

/** (func (result v128) i32.const 0 i8x16.splat i8x16.popcnt): valid only where SIMD is. */
const SIMD_PROBE = new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0, 1, 5, 1, 96, 0, 1, 123, 3, 2, 1, 0, 10, 10, 1, 8, 0, 65, 0, 253, 15, 253, 98, 11])

/** True where the SIMD build of the kernel can run (WebAssembly with fixed-width SIMD). */
export function wasmSimdAvailable(): boolean {
  const api = wasmApi()
  try {
    return api !== undefined && api.validate(SIMD_PROBE)
  } catch {
    return false
  }
}

const compiled: { scalar?: object; simd?: object } = {}

/** The kernel could not be set up here (no WebAssembly, or not enough memory for the network). */
export class KernelUnavailableError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'KernelUnavailableError'
  }
}

export class Kernel {
  readonly exports: KernelExports
  /** Which build runs: the SIMD one unless it was not asked for or the runtime lacks SIMD. */
  readonly simd: boolean
  private readonly memory: WasmMemory
  private readonly heapBase: number
  private offset: number

  constructor(opts: { simd?: boolean } = {}) {
    const api = wasmApi()
    if (!api) throw new KernelUnavailableError('WebAssembly is not available here')
    this.simd = (opts.simd ?? true) && wasmSimdAvailable()
    const module = this.simd
      ? (compiled.simd ??= new api.Module(decodeBase64(KERNEL_SIMD_WASM_BASE64)))
      : (compiled.scalar ??= new api.Module(decodeBase64(KERNEL_WASM_BASE64)))
    // Two pages hold the kernel's stack and static data; the arena grows the memory as needed.
    this.memory = new api.Memory({ initial: 2 })
    this.exports = new api.Instance(module, { env: { memory: this.memory, js_exp: Math.exp } }).exports as KernelExports
    this.heapBase = this.exports.__heap_base.value
    this.offset = this.heapBase
  }

  /**
   * Frees every block and zeroes the memory they used, so the next run starts from the same
   * state a new instance has, without a new memory and its page-by-page growth.
   */
  reset(): void {
    new Uint8Array(this.memory.buffer, this.heapBase, this.offset - this.heapBase).fill(0)
    this.offset = this.heapBase
  }

  /** Reserves `bytes` (8-byte aligned) and returns the offset. Growing detaches earlier views. */
  take(bytes: number): number {
    const at = (this.offset + 7) & ~7
    this.offset = at + bytes
    const needed = Math.ceil(this.offset / PAGE) - this.memory.buffer.byteLength / PAGE
    if (needed > 0) {
      try {
        this.memory.grow(needed)
      } catch (err) {
        throw new KernelUnavailableError(`the kernel's memory cannot grow to ${this.offset} bytes (${err instanceof Error ? err.message : String(err)})`)
      }
    }
    return at
  }

  get buffer(): ArrayBuffer {
    return this.memory.buffer
  }
}
