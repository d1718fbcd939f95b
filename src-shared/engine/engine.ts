/**
 * Which implementation runs a simulation. The WebAssembly kernel (SIMD build, or its scalar
 * build where the runtime has no SIMD) and the TypeScript engine give bit-identical spikes
 * (tests compare all three against the reference); the kernel is faster, the TypeScript engine
 * is the readable specification and the one that records probes. Results say which one ran.
 */
import type { EngineKind, InputTrain, SimulationResult } from './types'
import type { ParameterSet } from '../params/types'
import type { CancelSignal } from '../util/cancel'
import type { InputSpec } from './input-spec'
import { simulate, type SimulateOptions } from './simulate'
import { simulateWasm } from './wasm/wasm-simulate'
import { generateExactInputsWasm } from './wasm/wasm-inputs'
import { KernelUnavailableError, wasmAvailable, wasmSimdAvailable } from './wasm/kernel'
import { generateExactInputs } from './inputs-exact'
import { generateFastInputs } from './inputs-fast'

export type { EngineKind }

export function defaultEngine(): EngineKind {
  return wasmSimdAvailable() ? 'wasm-simd' : wasmAvailable() ? 'wasm' : 'typescript'
}

function isKernel(engine: EngineKind): boolean {
  return engine === 'wasm-simd' || engine === 'wasm'
}

/** 'wasm-simd' runs the scalar kernel where SIMD is missing; the result's engine says which ran. */
export function runSimulation(p: ParameterSet, inputs: InputTrain, opts: SimulateOptions & { engine?: EngineKind } = {}): SimulationResult {
  const engine = opts.engine ?? defaultEngine()
  if (isKernel(engine) && !opts.probes) {
    try {
      return simulateWasm(p, inputs, { ...opts, simd: engine === 'wasm-simd' })
    } catch (err) {
      // Set-up failures (too large for the kernel's 32-bit memory) fall back to the TypeScript engine.
      if (!(err instanceof KernelUnavailableError)) throw err
    }
  }
  return { ...simulate(p, inputs, opts), engine: 'typescript' }
}

export function makeInputs(spec: InputSpec, opts: { signal?: CancelSignal; engine?: EngineKind } = {}): InputTrain {
  if (spec.mode === 'fast') return generateFastInputs(spec)
  const engine = opts.engine ?? defaultEngine()
  if (isKernel(engine)) {
    try {
      return generateExactInputsWasm(spec, opts.signal, { simd: engine === 'wasm-simd' })
    } catch (err) {
      if (!(err instanceof KernelUnavailableError)) throw err
    }
  }
  return generateExactInputs(spec, opts.signal)
}
