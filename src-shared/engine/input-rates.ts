import { preferredAngle } from './weights'
import type { InputSpec } from './input-spec'

/**
 * Per-neuron Bernoulli thresholds rate*dt for the two phases (background, stimulus), computed
 * with the reference's exact float64 expression order: deg2rad each angle separately, then subtract.
 */
export interface PhaseThresholds {
  nSteps: number
  stimStart: number
  stimEnd: number
  background: Float64Array
  stimulus: Float64Array
}

const DEG2RAD = Math.PI / 180

export function stimulusRate(spec: InputSpec, i: number, orientationDeg: number): number {
  const angle = preferredAngle(i, spec.Ne)
  return spec.v_e * (1 + spec.A * Math.exp(spec.eta * (Math.cos(angle * DEG2RAD - orientationDeg * DEG2RAD) - 1)))
}

export function phaseThresholds(spec: InputSpec, orientationDeg: number): PhaseThresholds {
  const N = spec.Ne + spec.Ni
  const nSteps = Math.trunc((spec.duration_s * 1000) / spec.dt_ms)
  const background = new Float64Array(N)
  const stimulus = new Float64Array(N)
  for (let j = 0; j < N; j++) {
    const rate = j < spec.Ne ? spec.v_e : spec.v_i
    background[j] = rate * spec.dt_ms
    stimulus[j] = j < spec.Ne ? stimulusRate(spec, j, orientationDeg) * spec.dt_ms : background[j]
  }
  return {
    nSteps,
    stimStart: Math.trunc((spec.t_on_s * nSteps) / spec.duration_s),
    stimEnd: Math.trunc((spec.t_off_s * nSteps) / spec.duration_s),
    background,
    stimulus
  }
}
