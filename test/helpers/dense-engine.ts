/**
 * The reference algorithm written the slow, obvious way (tests only): one conductance per
 * presynaptic neuron and receptor, a dense (Ne+Ni)^2 weight matrix, and S = g . W recomputed
 * every step. O(N^2) per step, so only for small networks or one-off golden runs. The
 * event-driven engine must give the same spikes.
 */
import type { ParameterSet } from '../../src-shared/params/types'
import type { InputTrain } from '../../src-shared/engine/types'
import { runTiming } from '../../src-shared/engine/timing'

export function denseWeights(p: ParameterSet): Float64Array {
  const { Ne, Ni } = p.network
  const N = Ne + Ni
  const w = p.synaptic_weights
  const W = new Float64Array(N * N)
  for (let i = 0; i < Ne; i++) {
    for (let j = 0; j < Ne; j++) {
      const ai = (i / Ne) * 360
      const aj = (j / Ne) * 360
      const diff = Math.max(ai, aj) - Math.min(ai, aj)
      const d = Math.min(diff, 360 - diff)
      W[i * N + j] = w.j_ee * Math.exp(-(d ** 2) / w.sigma ** 2)
    }
    for (let j = 0; j < Ni; j++) W[i * N + Ne + j] = w.j_ei
  }
  for (let i = 0; i < Ni; i++) {
    for (let j = 0; j < Ne; j++) W[(Ne + i) * N + j] = w.j_ie
    for (let j = 0; j < Ni; j++) W[(Ne + i) * N + Ne + j] = w.j_ii
  }
  return W
}

export function denseSimulate(p: ParameterSet, inputs: InputTrain): Array<[number, number]> {
  const { Ne, Ni } = p.network
  const N = Ne + Ni
  const n = runTiming(p).nSteps
  const dt = p.simulation.dt_ms
  const rk = p.receptor_kinetics
  const W = denseWeights(p)
  const pop = (j: number) => (j < Ne ? p.RS : p.FS)
  const mu = (j: number) => (j < Ne ? p.serotonin.mu_exc : p.serotonin.mu_inh)
  const v = new Float64Array(N).map((_, j) => pop(j).v)
  const u = new Float64Array(N).map((_, j) => pop(j).u)
  const g = { ampa: new Float64Array(N), nmda: new Float64Array(N), gabaa: new Float64Array(N), gabab: new Float64Array(N) }
  const gbg = new Float64Array(N)
  const spikes: Array<[number, number]> = []
  for (let i = 0; i < n - 1; i++) {
    for (let j = 0; j < N; j++) {
      if (v[j] >= pop(j).v_peak) {
        spikes.push([i, j])
        v[j] = pop(j).c
        u[j] += pop(j).d
        if (j < Ne) {
          g.ampa[j] += rk.g_ampa
          g.nmda[j] += rk.g_nmda
        } else {
          g.gabaa[j] += rk.g_gabaa
          g.gabab[j] += rk.g_gabab
        }
      }
    }
    for (let k = inputs.rowStart[i]; k < inputs.rowStart[i + 1]; k++) {
      const j = inputs.cols[k]
      gbg[j] += j < Ne ? p.external_input.g_e_external : p.external_input.g_i_external
    }
    for (let j = 0; j < N; j++) {
      let sA = 0, sN = 0, sGA = 0, sGB = 0
      for (let pre = 0; pre < N; pre++) {
        const w = W[pre * N + j]
        sA += g.ampa[pre] * w
        sN += g.nmda[pre] * w
        sGA += g.gabaa[pre] * w
        sGB += g.gabab[pre] * w
      }
      const x = v[j]
      const c = pop(j)
      const B = 1 / (1 + 0.4202 * Math.exp(0.062 * x))
      const iSyn = -(sA * (x - 0) + sN * (x - 0) * B + sGA * (x + 70) + sGB * (x + 90))
      const iBg = -gbg[j] * (x - 0)
      v[j] = x + (dt * (c.k * (x - c.v_r) * (x - c.v_t) - u[j] + mu(j) * (iBg + iSyn))) / c.C
      u[j] = u[j] + dt * c.a * (c.b * (x - c.v_r) - u[j])
    }
    for (let j = 0; j < N; j++) {
      g.ampa[j] = g.ampa[j] - (dt * g.ampa[j]) / rk.tau_ampa
      g.nmda[j] = g.nmda[j] - (dt * g.nmda[j]) / rk.tau_nmda
      g.gabaa[j] = g.gabaa[j] - (dt * g.gabaa[j]) / rk.tau_gabaa
      g.gabab[j] = g.gabab[j] - (dt * g.gabab[j]) / rk.tau_gabab
      gbg[j] = gbg[j] - (dt * gbg[j]) / rk.tau_ampa
    }
  }
  return spikes
}
