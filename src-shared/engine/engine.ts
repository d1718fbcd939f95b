/**
 * Which implementation runs a simulation. The WebAssembly kernel and the TypeScript engine give
 * bit-identical spikes (tests compare both against the reference); the kernel is faster, the
 * TypeScript engine is the readable specification and the one that records probes.
 */
import type { EngineKind, InputTrain, SimulationResult } from './types'
import type { ParameterSet } from '../params/types'
import type { CancelSignal } from '../util/cancel'
import type { InputSpec } from './input-spec'
import { simulate, type SimulateOptions } from './simulate'
import { simulateWasm } from './wasm/wasm-simulate'
import { generateExactInputsWasm } from './wasm/wasm-inputs'
import { KernelUnavailableError, wasmAvailable } from './wasm/kernel'
import { generateExactInputs } from './inputs-exact'
import { generateFastInputs } from './inputs-fast'

export type { EngineKind }

export function defaultEngine(): EngineKind {
  return wasmAvailable() ? 'wasm' : 'typescript'
}

export function runSimulation(p: ParameterSet, inputs: InputTrain, opts: SimulateOptions & { engine?: EngineKind } = {}): SimulationResult {
  const engine = opts.engine ?? defaultEngine()
  if (engine === 'wasm' && !opts.probes) {
    try {
      return { ...simulateWasm(p, inputs, opts), engine: 'wasm' }
    } catch (err) {
      // Set-up failures (too large for the kernel's 32-bit memory) fall back to the TypeScript engine.
      if (!(err instanceof KernelUnavailableError)) throw err
    }
  }
  return { ...simulate(p, inputs, opts), engine: 'typescript' }
}

export function makeInputs(spec: InputSpec, opts: { signal?: CancelSignal; engine?: EngineKind } = {}): InputTrain {
  if (spec.mode === 'fast') return generateFastInputs(spec)
  if ((opts.engine ?? defaultEngine()) === 'wasm') {
    try {
      return generateExactInputsWasm(spec, opts.signal)
    } catch (err) {
      if (!(err instanceof KernelUnavailableError)) throw err
    }
  }
  return generateExactInputs(spec, opts.signal)
}
