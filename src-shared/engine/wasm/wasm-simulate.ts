/**
 * The simulation step loop in WebAssembly (native/engine-kernel.c): the same expressions in the
 * same order as simulate.ts, with V8's own exp, so the spikes are bit-identical (the engine
 * tests compare both builds, scalar and SIMD, with the reference and with the dense algorithm).
 * Progress, cancellation, the spike store and divergence messages stay here, between chunks of
 * steps.
 */
import type { ParameterSet } from '../../params/types'
import type { InputTrain, SimulationResult } from '../types'
import type { SimulateOptions } from '../simulate'
import { checkedRunTiming } from '../timing'
import { excitatoryWeights } from '../weights'
import { SpikeBuffer } from '../spike-buffer'
import { DivergenceError, abortError } from '../errors'
import { Kernel, wasmAvailable, wasmSimdAvailable } from './kernel'

/** Indices of the kernel's parameter block P (must match the enum in native/engine-kernel.c). */
const P = {
  DT: 0, MU_E: 1, MU_I: 2,
  K_E: 3, VR_E: 4, VT_E: 5, C_E: 6, A_E: 7, B_E: 8, PEAK_E: 9, RESET_E: 10, D_E: 11,
  K_I: 12, VR_I: 13, VT_I: 14, C_I: 15, A_I: 16, B_I: 17, PEAK_I: 18, RESET_I: 19, D_I: 20,
  G_AMPA: 21, G_NMDA: 22, INC_AMPA_I: 23, INC_NMDA_I: 24, INC_GABAA_E: 25, INC_GABAB_E: 26, INC_GABAA_I: 27, INC_GABAB_I: 28,
  G_E_EXT: 29, G_I_EXT: 30, KEEP_AMPA: 31, KEEP_NMDA: 32, KEEP_GABAA: 33, KEEP_GABAB: 34,
  S_GABAA_E: 35, S_GABAB_E: 36, S_AMPA_I: 37, S_NMDA_I: 38, S_GABAA_I: 39, S_GABAB_I: 40,
  D_VALUE: 41,
  COUNT: 42
} as const
const Q = { NE: 0, NI: 1, DELAY_START: 2, N_NEXT_E: 3, N_NEXT_I: 4, N_SPIKES: 5, DIV_STEP: 6, DIV_NEURON: 7, DIV_POP: 8, COUNT: 9 } as const

/** Steps per kernel call: progress and cancel are checked between calls. */
const CHUNK = 500

export interface WasmSimulateOptions extends SimulateOptions {
  /** Use the SIMD build where the runtime has SIMD (default true); false forces the scalar one. */
  simd?: boolean
}

/**
 * One kernel per build, reused run after run (a thread runs one simulation at a time, and a run
 * never yields): a fresh instance would cost a new memory grown page by page and its garbage.
 */
const kernels: { simd?: Kernel; scalar?: Kernel } = {}

function kernelFor(wantSimd: boolean): Kernel {
  // Decided anew each run, as a new instance would: the runtime's WebAssembly and SIMD support.
  if (!wasmAvailable()) return new Kernel()
  const k = wantSimd && wasmSimdAvailable() ? (kernels.simd ??= new Kernel({ simd: true })) : (kernels.scalar ??= new Kernel({ simd: false }))
  k.reset()
  return k
}

/** The result says which build ran: engine 'wasm-simd' or 'wasm'. */
export function simulateWasm(p: ParameterSet, inputs: InputTrain, opts: WasmSimulateOptions = {}): SimulationResult {
  if (opts.probes) throw new Error('Probes are recorded by the TypeScript engine (simulate)')
  const { Ne, Ni } = p.network
  const N = Ne + Ni
  const timing = checkedRunTiming(p, inputs)
  const n = timing.nSteps
  const arena = kernelFor(opts.simd ?? true)
  const kernel = arena.exports

  const cap = CHUNK * N
  const at = {
    P: arena.take(P.COUNT * 8),
    Q: arena.take(Q.COUNT * 4),
    V: arena.take(N * 8),
    U: arena.take(N * 8),
    gbg: arena.take(N * 8),
    sAmpaE: arena.take(Ne * 8),
    sNmdaE: arena.take(Ne * 8),
    W: arena.take(Ne * Ne * 8),
    expV: arena.take(N * 8),
    delayInputSum: arena.take(N * 8),
    nextE: arena.take(Ne * 4),
    prevE: arena.take(Ne * 4),
    firedI: arena.take(Math.max(1, Ni) * 4),
    rowStart: arena.take((n + 1) * 4),
    cols: arena.take(Math.max(1, inputs.cols.length) * 2),
    counts: arena.take(N * 4),
    spikeSteps: arena.take(cap * 4),
    spikeNeurons: arena.take(cap * 2)
  }
  // Views are made after every take: growing the memory detaches earlier views.
  const buf = arena.buffer
  const f64 = (off: number, len: number) => new Float64Array(buf, off, len)
  const i32 = (off: number, len: number) => new Int32Array(buf, off, len)
  const PB = f64(at.P, P.COUNT)
  const QB = i32(at.Q, Q.COUNT)
  const V = f64(at.V, N)
  const U = f64(at.U, N)
  V.fill(p.RS.v, 0, Ne).fill(p.FS.v, Ne)
  U.fill(p.RS.u, 0, Ne).fill(p.FS.u, Ne)
  f64(at.W, Ne * Ne).set(opts.weights ?? excitatoryWeights(p.network, p.synaptic_weights))
  new Uint32Array(buf, at.rowStart, n + 1).set(inputs.rowStart)
  new Uint16Array(buf, at.cols, inputs.cols.length).set(inputs.cols)

  const rs = p.RS
  const fs = p.FS
  const rk = p.receptor_kinetics
  const sw = p.synaptic_weights
  const dt = p.simulation.dt_ms
  const set = (index: number, value: number): void => void (PB[index] = value)
  set(P.DT, dt)
  set(P.MU_E, p.serotonin.mu_exc)
  set(P.MU_I, p.serotonin.mu_inh)
  const neuron = (base: number, x: ParameterSet['RS']) => {
    ;[x.k, x.v_r, x.v_t, x.C, x.a, x.b, x.v_peak, x.c, x.d].forEach((value, k) => set(base + k, value))
  }
  neuron(P.K_E, rs)
  neuron(P.K_I, fs)
  set(P.G_AMPA, rk.g_ampa)
  set(P.G_NMDA, rk.g_nmda)
  // The same products simulate.ts forms at every spike.
  set(P.INC_AMPA_I, rk.g_ampa * sw.j_ei)
  set(P.INC_NMDA_I, rk.g_nmda * sw.j_ei)
  set(P.INC_GABAA_E, rk.g_gabaa * sw.j_ie)
  set(P.INC_GABAB_E, rk.g_gabab * sw.j_ie)
  set(P.INC_GABAA_I, rk.g_gabaa * sw.j_ii)
  set(P.INC_GABAB_I, rk.g_gabab * sw.j_ii)
  set(P.G_E_EXT, p.external_input.g_e_external)
  set(P.G_I_EXT, p.external_input.g_i_external)
  set(P.KEEP_AMPA, 1 - dt / rk.tau_ampa)
  set(P.KEEP_NMDA, 1 - dt / rk.tau_nmda)
  set(P.KEEP_GABAA, 1 - dt / rk.tau_gabaa)
  set(P.KEEP_GABAB, 1 - dt / rk.tau_gabab)
  QB[Q.NE] = Ne
  QB[Q.NI] = Ni
  QB[Q.DELAY_START] = timing.delayStart
  // Who fires at step 0, from the initial potentials.
  const nextE = i32(at.nextE, Ne)
  const firedI = i32(at.firedI, Math.max(1, Ni))
  let nE = 0
  let nI = 0
  for (let j = 0; j < Ne; j++) if (V[j] >= rs.v_peak) nextE[nE++] = j
  for (let j = Ne; j < N; j++) if (V[j] >= fs.v_peak) firedI[nI++] = j
  QB[Q.N_NEXT_E] = nE
  QB[Q.N_NEXT_I] = nI
  kernel.bind(at.P, at.Q, at.V, at.U, at.gbg, at.sAmpaE, at.sNmdaE, at.W, at.expV, at.delayInputSum, at.nextE, at.prevE, at.firedI, at.rowStart, at.cols, at.counts, at.spikeSteps, at.spikeNeurons)

  const spikes = new SpikeBuffer(N * (p.simulation.duration_s * 20))
  const chunkSteps = new Uint32Array(buf, at.spikeSteps, cap)
  const chunkNeurons = new Uint16Array(buf, at.spikeNeurons, cap)
  const lastStep = n - 1
  opts.onProgress?.(0)
  let stoppedEarlyAtStep: number | undefined
  for (let i0 = 0; i0 < lastStep; i0 += CHUNK) {
    const i1 = Math.min(lastStep, i0 + CHUNK)
    QB[Q.N_SPIKES] = 0
    const status = kernel.run_steps(i0, i1)
    spikes.append(chunkSteps, chunkNeurons, QB[Q.N_SPIKES])
    if (status !== 0) {
      const step = QB[Q.DIV_STEP]
      throw new DivergenceError(step, step * dt, QB[Q.DIV_NEURON], QB[Q.DIV_POP] === 0 ? 'excitatory' : 'inhibitory', PB[P.D_VALUE])
    }
    if (opts.signal?.aborted) throw abortError()
    opts.onProgress?.(i1 / lastStep)
    if (opts.stopWhen?.(spikes, i1 - 1)) {
      stoppedEarlyAtStep = i1 - 1
      break
    }
  }
  const trimmed = spikes.trimmed()
  return {
    Ne,
    Ni,
    dt_ms: dt,
    nSteps: n,
    steps: trimmed.steps,
    neurons: trimmed.neurons,
    counts: new Uint32Array(buf, at.counts, N).slice(),
    delayInputSum: f64(at.delayInputSum, N).slice(),
    delaySteps: Math.max(0, lastStep - timing.delayStart),
    engine: arena.simd ? 'wasm-simd' : 'wasm',
    ...(stoppedEarlyAtStep !== undefined ? { stoppedEarlyAtStep } : {})
  }
}
