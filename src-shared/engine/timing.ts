import type { ParameterSet } from '../params/types'

/**
 * Step counts derived the way the reference notebook derives them (Python int() truncates).
 * Kept in one place because off-by-one here silently shifts the stimulus and the delay.
 */
export interface RunTiming {
  /** n = int(duration*1000/dt): steps stored; the loop processes 0..n-2. */
  nSteps: number
  /** First stimulus row: int(t_on * n / duration). */
  stimStart: number
  /** First row after the stimulus: int(t_off * n / duration). */
  stimEnd: number
  /** First delay row for the measures: int(t_off * 1000 / dt). */
  delayStart: number
}

export function runTiming(p: ParameterSet): RunTiming {
  const { duration_s, dt_ms } = p.simulation
  const nSteps = Math.trunc((duration_s * 1000) / dt_ms)
  return {
    nSteps,
    stimStart: Math.trunc((p.stimulus.t_on_s * nSteps) / duration_s),
    stimEnd: Math.trunc((p.stimulus.t_off_s * nSteps) / duration_s),
    delayStart: Math.trunc((p.stimulus.t_off_s * 1000) / dt_ms)
  }
}

/** The run's timing, after checking the input train was made for these parameters. */
export function checkedRunTiming(p: ParameterSet, inputs: { nSteps: number; nNeurons: number }): RunTiming {
  const timing = runTiming(p)
  const N = p.network.Ne + p.network.Ni
  if (inputs.nSteps !== timing.nSteps || inputs.nNeurons !== N) {
    throw new Error(`Input train is ${inputs.nSteps} steps x ${inputs.nNeurons} neurons; the parameters need ${timing.nSteps} x ${N}`)
  }
  return timing
}
