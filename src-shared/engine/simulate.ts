import type { CancelSignal } from '../util/cancel'
import type { ParameterSet } from '../params/types'
import type { InputTrain, ProbeSpec, SimulationResult } from './types'
import { checkedRunTiming } from './timing'
import { excitatoryWeights } from './weights'
import { SpikeBuffer } from './spike-buffer'
import { DivergenceError, abortError } from './errors'
import { ProbeRecorder } from './probes'

export interface SimulateOptions {
  signal?: CancelSignal
  /** Called with the fraction done, about every 1% of the run. */
  onProgress?: (fraction: number) => void
  probes?: ProbeSpec
  /** A prebuilt E->E block for these parameters (workers cache it across runs). */
  weights?: Float64Array
  /** Checked between chunks with the spikes so far and the count of complete steps; true ends the run (early stopping). */
  stopWhen?: (spikes: SpikeBuffer, completeSteps: number) => boolean
}

/** Reversal potentials (mV) of the reference's receptor currents. */
const E_GABAA = -70
const E_GABAB = -90

/**
 * Event-driven exact engine for MODEL.md. Per step: detect spikes on v[i], reset in place, add the
 * spikers' rows to the carried postsynaptic sums, add this step's background input, compute the
 * currents from the post-reset v, Euler-update v and u, decay. Since every neuron shares each tau,
 * carrying S_r = sum_pre g_r[pre] W[pre][post] forward is the reference's dense product regrouped;
 * the E->I, I->E and I->I blocks are constant, so their sums are one number per population.
 */
export function simulate(p: ParameterSet, inputs: InputTrain, opts: SimulateOptions = {}): SimulationResult {
  const { Ne, Ni } = p.network
  const N = Ne + Ni
  const timing = checkedRunTiming(p, inputs)
  const n = timing.nSteps
  const dt = p.simulation.dt_ms
  const W = opts.weights ?? excitatoryWeights(p.network, p.synaptic_weights)

  // Population-wide parameters held as scalars: no per-neuron parameter arrays in the hot loop.
  const rs = p.RS
  const fs = p.FS
  const rk = p.receptor_kinetics
  const sw = p.synaptic_weights
  // Every population-wide constant in a local, so the hot loops read registers, not objects.
  const { k: kE, v_r: vrE, v_t: vtE, C: CE, a: aE, b: bE, v_peak: peakE, c: cE, d: dE } = rs
  const { k: kI, v_r: vrI, v_t: vtI, C: CI, a: aI, b: bI, v_peak: peakI, c: cI, d: dI } = fs
  const gAmpa = rk.g_ampa
  const gNmda = rk.g_nmda
  const muE = p.serotonin.mu_exc
  const muI = p.serotonin.mu_inh
  const gEext = p.external_input.g_e_external
  const gIext = p.external_input.g_i_external

  const V = new Float64Array(N)
  const U = new Float64Array(N)
  V.fill(rs.v, 0, Ne).fill(fs.v, Ne)
  U.fill(rs.u, 0, Ne).fill(fs.u, Ne)
  const gbg = new Float64Array(N)
  // E->E sums per excitatory target; everything else is one number per target population.
  const sAmpaE = new Float64Array(Ne)
  const sNmdaE = new Float64Array(Ne)
  let sGabaaE = 0
  let sGababE = 0
  let sAmpaI = 0
  let sNmdaI = 0
  let sGabaaI = 0
  let sGababI = 0

  // Who fires at the next step is known as soon as its v is computed: two lists, swapped each
  // step, spare a separate scan of every neuron. Inhibitory spikes are consumed before refilling.
  let nextE = new Int32Array(Ne)
  let prevE = new Int32Array(Ne)
  const firedI = new Int32Array(Ni)
  let nNextE = 0
  let nNextI = 0
  for (let j = 0; j < Ne; j++) if (V[j] >= peakE) nextE[nNextE++] = j
  for (let j = Ne; j < N; j++) if (V[j] >= peakI) firedI[nNextI++] = j
  const expV = new Float64Array(N)
  const counts = new Uint32Array(N)
  const delayInputSum = new Float64Array(N)
  const delayStart = timing.delayStart
  const spikes = new SpikeBuffer(N * (p.simulation.duration_s * 20))
  const probes = opts.probes ? new ProbeRecorder(opts.probes, n, N) : undefined

  // Forward-Euler decay g - dt*g/tau written as g*(1 - dt/tau): one multiply instead of a
  // division per value; MODEL.md checked that this rounding variant leaves the spikes unchanged.
  const keepAmpa = 1 - dt / rk.tau_ampa
  const keepNmda = 1 - dt / rk.tau_nmda
  const keepGabaa = 1 - dt / rk.tau_gabaa
  const keepGabab = 1 - dt / rk.tau_gabab
  const rowStart = inputs.rowStart
  const cols = inputs.cols
  let stoppedEarlyAtStep: number | undefined
  const progressEvery = Math.max(1, Math.floor(n / 100))
  const lastStep = n - 1

  for (let i = 0; i < lastStep; i++) {
    // 1-2. Who fires on v[i] (found while v[i] was computed); reset in place, in index order.
    const nFiredE = nNextE
    const nFiredI = nNextI
    const firedE = nextE
    nextE = prevE
    prevE = firedE
    nNextE = 0
    nNextI = 0
    for (let f = 0; f < nFiredE; f++) {
      const j = firedE[f]
      V[j] = cE
      U[j] += dE
      spikes.push(i, j)
      counts[j]++
    }
    for (let f = 0; f < nFiredI; f++) {
      const j = firedI[f]
      V[j] = cI
      U[j] += dI
      spikes.push(i, j)
      counts[j]++
    }
    // 3. Presynaptic conductance increments, carried into the postsynaptic sums.
    for (let f = 0; f < nFiredE; f++) {
      const row = firedE[f] * Ne
      for (let post = 0; post < Ne; post++) {
        const w = W[row + post]
        sAmpaE[post] += gAmpa * w
        sNmdaE[post] += gNmda * w
      }
      sAmpaI += rk.g_ampa * sw.j_ei
      sNmdaI += rk.g_nmda * sw.j_ei
    }
    for (let f = 0; f < nFiredI; f++) {
      sGabaaE += rk.g_gabaa * sw.j_ie
      sGababE += rk.g_gabab * sw.j_ie
      sGabaaI += rk.g_gabaa * sw.j_ii
      sGababI += rk.g_gabab * sw.j_ii
    }
    // 4. This step's external input acts on this step's currents.
    for (let k = rowStart[i], end = rowStart[i + 1]; k < end; k++) {
      const j = cols[k]
      gbg[j] += j < Ne ? gEext : gIext
    }
    if (probes !== undefined && probes.due(i)) {
      probes.record(V, U, gbg, sAmpaE, sNmdaE, sGabaaE, sGababE, sAmpaI, sNmdaI, sGabaaI, sGababI, Ne)
    }
    // The magnesium-block exponentials first, in a tight loop of their own: the update loop below
    // then has no call in it and the JIT keeps its arithmetic in registers. Same values: V[j] is
    // not changed between here and its use.
    for (let j = 0; j < N; j++) expV[j] = Math.exp(0.062 * V[j])
    const inDelay = i >= delayStart
    // 5-7. Currents from the post-reset v, forward Euler, decay.
    for (let j = 0; j < Ne; j++) {
      const v = V[j]
      const u = U[j]
      const iSyn = -(
        sAmpaE[j] * (v - 0) +
        sNmdaE[j] * (v - 0) * (1 / (1 + 0.4202 * expV[j])) +
        sGabaaE * (v - E_GABAA) +
        sGababE * (v - E_GABAB)
      )
      const iBg = -gbg[j] * (v - 0)
      const input = muE * (iBg + iSyn)
      const vNext = v + (dt * (kE * (v - vrE) * (v - vtE) - u + input)) / CE
      V[j] = vNext
      // One test on the common path: below the peak and finite. Otherwise it fires, or diverged.
      if (!(vNext < peakE && vNext > -Infinity)) {
        if (vNext >= peakE && vNext < Infinity) nextE[nNextE++] = j
        else throw new DivergenceError(i, i * dt, j, 'excitatory', vNext)
      }
      U[j] = u + dt * aE * (bE * (v - vrE) - u)
      if (inDelay) delayInputSum[j] += input
      gbg[j] *= keepAmpa
      sAmpaE[j] *= keepAmpa
      sNmdaE[j] *= keepNmda
    }
    for (let j = Ne; j < N; j++) {
      const v = V[j]
      const u = U[j]
      const iSyn = -(
        sAmpaI * (v - 0) +
        sNmdaI * (v - 0) * (1 / (1 + 0.4202 * expV[j])) +
        sGabaaI * (v - E_GABAA) +
        sGababI * (v - E_GABAB)
      )
      const iBg = -gbg[j] * (v - 0)
      const input = muI * (iBg + iSyn)
      const vNext = v + (dt * (kI * (v - vrI) * (v - vtI) - u + input)) / CI
      V[j] = vNext
      if (!(vNext < peakI && vNext > -Infinity)) {
        if (vNext >= peakI && vNext < Infinity) firedI[nNextI++] = j
        else throw new DivergenceError(i, i * dt, j - Ne, 'inhibitory', vNext)
      }
      U[j] = u + dt * aI * (bI * (v - vrI) - u)
      if (inDelay) delayInputSum[j] += input
      gbg[j] *= keepAmpa
    }
    sGabaaE *= keepGabaa
    sGababE *= keepGabab
    sAmpaI *= keepAmpa
    sNmdaI *= keepNmda
    sGabaaI *= keepGabaa
    sGababI *= keepGabab

    if (i % progressEvery === 0) {
      if (opts.signal?.aborted) throw abortError()
      opts.onProgress?.(i / lastStep)
      if (opts.stopWhen?.(spikes, i)) {
        stoppedEarlyAtStep = i
        break
      }
    }
  }
  opts.onProgress?.(1)
  const { steps, neurons } = spikes.trimmed()
  return {
    Ne,
    Ni,
    dt_ms: dt,
    nSteps: n,
    steps,
    neurons,
    counts,
    delayInputSum,
    delaySteps: Math.max(0, lastStep - delayStart),
    probes: probes?.result(),
    ...(stoppedEarlyAtStep !== undefined ? { stoppedEarlyAtStep } : {})
  }
}
