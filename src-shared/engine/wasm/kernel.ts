/**
 * One instance of the WebAssembly kernel (native/engine-kernel.c) with its own memory, and an
 * arena that carves aligned typed arrays out of that memory after the kernel's stack and data.
 * src-shared has no DOM or Node typings, so the few WebAssembly names used are declared here.
 */
import { decodeBase64 } from '../../project/base64'
import { KERNEL_WASM_BASE64 } from './kernel-binary'

const PAGE = 65536

interface WasmMemory {
  readonly buffer: ArrayBuffer
  grow(pages: number): number
}
interface WasmApi {
  Module: new (bytes: Uint8Array) => object
  Instance: new (module: object, imports: object) => { exports: unknown }
  Memory: new (desc: { initial: number }) => WasmMemory
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

let compiled: object | undefined

/** The kernel could not be set up here (no WebAssembly, or not enough memory for the network). */
export class KernelUnavailableError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'KernelUnavailableError'
  }
}

export class Kernel {
  readonly exports: KernelExports
  private readonly memory: WasmMemory
  private offset: number

  constructor() {
    const api = wasmApi()
    if (!api) throw new KernelUnavailableError('WebAssembly is not available here')
    compiled ??= new api.Module(decodeBase64(KERNEL_WASM_BASE64))
    // Two pages hold the kernel's stack and static data; the arena grows the memory as needed.
    this.memory = new api.Memory({ initial: 2 })
    this.exports = new api.Instance(compiled, { env: { memory: this.memory, js_exp: Math.exp } }).exports as KernelExports
    this.offset = this.exports.__heap_base.value
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
