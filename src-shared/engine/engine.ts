/**
 * Which implementation runs a simulation. The WebAssembly kernel and the TypeScript engine give
 * bit-identical spikes (tests compare both against the reference); the kernel is faster, the
 * TypeScript engine is the readable specification and the one that records probes.
 */
import type { InputTrain, SimulationResult } from './types'
import type { ParameterSet } from '../params/types'
import type { CancelSignal } from '../util/cancel'
import type { InputSpec } from './input-spec'
import { simulate, type SimulateOptions } from './simulate'
import { simulateWasm } from './wasm/wasm-simulate'
import { generateExactInputsWasm } from './wasm/wasm-inputs'
import { wasmAvailable } from './wasm/kernel'
import { generateExactInputs } from './inputs-exact'
import { generateFastInputs } from './inputs-fast'

export type EngineKind = 'wasm' | 'typescript'

export function defaultEngine(): EngineKind {
  return wasmAvailable() ? 'wasm' : 'typescript'
}

export function runSimulation(p: ParameterSet, inputs: InputTrain, opts: SimulateOptions & { engine?: EngineKind } = {}): SimulationResult {
  const engine = opts.engine ?? defaultEngine()
  return engine === 'wasm' && !opts.probes ? simulateWasm(p, inputs, opts) : simulate(p, inputs, opts)
}

export function makeInputs(spec: InputSpec, opts: { signal?: CancelSignal; engine?: EngineKind } = {}): InputTrain {
  if (spec.mode === 'fast') return generateFastInputs(spec)
  return (opts.engine ?? defaultEngine()) === 'wasm' ? generateExactInputsWasm(spec, opts.signal) : generateExactInputs(spec, opts.signal)
}
