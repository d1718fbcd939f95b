import type { InputMode, ParameterSet } from '../params/types'

/**
 * Everything the external input spike train depends on, and nothing else: conditions that
 * share an InputSpec (the notebook's four do) share one generated train.
 */
export interface InputSpec {
  Ne: number
  Ni: number
  dt_ms: number
  duration_s: number
  t_on_s: number
  t_off_s: number
  v_e: number
  v_i: number
  A: number
  eta: number
  seed: number
  /** A fixed orientation in degrees, or 'random' for numpy's randint(360) drawn from the seed first. */
  orientation: number | 'random'
  mode: InputMode
}

export function inputSpecOf(p: ParameterSet, orientation: number | 'random' = p.stimulus.orientation_deg): InputSpec {
  return {
    Ne: p.network.Ne,
    Ni: p.network.Ni,
    dt_ms: p.simulation.dt_ms,
    duration_s: p.simulation.duration_s,
    t_on_s: p.stimulus.t_on_s,
    t_off_s: p.stimulus.t_off_s,
    v_e: p.external_input.v_e,
    v_i: p.external_input.v_i,
    A: p.stimuli_input.A,
    eta: p.stimuli_input.eta,
    seed: p.simulation.seed,
    orientation,
    mode: p.simulation.input_mode
  }
}

/** A stable key: equal specs give equal keys (field order fixed by this function, not by the caller). */
export function inputKey(s: InputSpec): string {
  return [s.mode, s.seed, s.orientation, s.Ne, s.Ni, s.dt_ms, s.duration_s, s.t_on_s, s.t_off_s, s.v_e, s.v_i, s.A, s.eta].join('|')
}
