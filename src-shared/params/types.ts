/**
 * The shape of one complete parameter set. The six first groups are the
 * reference study's six YAML files, key for key; the rest are the settings the
 * notebooks hard-coded. The schema in ./schema.ts gives each key its unit,
 * range, description and default.
 */
export interface NeuronParams {
  C: number
  k: number
  v_r: number
  v_t: number
  v_peak: number
  a: number
  b: number
  c: number
  d: number
  v: number
  u: number
}

export interface ReceptorKinetics {
  tau_ampa: number
  tau_nmda: number
  tau_gabaa: number
  tau_gabab: number
  g_ampa: number
  g_nmda: number
  g_gabaa: number
  g_gabab: number
}

export interface SynapticWeights {
  sigma: number
  j_ee: number
  j_ei: number
  j_ie: number
  j_ii: number
}

export interface ExternalInput {
  v_e: number
  v_i: number
  g_e_external: number
  g_i_external: number
}

export interface StimulusShape {
  A: number
  eta: number
}

export interface NetworkSize {
  Ne: number
  Ni: number
}

/** 'exact' reproduces numpy's legacy RandomState draw for draw; 'fast' is the same Bernoulli process drawn by geometric skips. */
export type InputMode = 'exact' | 'fast'

export interface SimulationSettings {
  duration_s: number
  dt_ms: number
  seed: number
  input_mode: InputMode
}

export interface StimulusTiming {
  t_on_s: number
  t_off_s: number
  orientation_deg: number
}

export interface SerotoninWeights {
  mu_exc: number
  mu_inh: number
}

export interface TerminationSettings {
  burst_threshold_hz: number
  threshold_hz: number
  window_steps: number
  stride_steps: number
}

export interface ParameterSet {
  RS: NeuronParams
  FS: NeuronParams
  receptor_kinetics: ReceptorKinetics
  synaptic_weights: SynapticWeights
  external_input: ExternalInput
  stimuli_input: StimulusShape
  network: NetworkSize
  simulation: SimulationSettings
  stimulus: StimulusTiming
  serotonin: SerotoninWeights
  termination: TerminationSettings
}

export type GroupName = keyof ParameterSet
