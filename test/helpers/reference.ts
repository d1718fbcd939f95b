import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import type { ParameterSet } from '../../src-shared/params/types'

const fixtures = fileURLToPath(new URL('../fixtures/reference/', import.meta.url))

export function readFixture<T = unknown>(name: string): T {
  return JSON.parse(readFileSync(fixtures + name, 'utf8')) as T
}

export interface ReferenceRaster {
  parameters: {
    Ne: number
    Ni: number
    seconds: number
    delta_T_ms: number
    mu_exc: number
    mu_inh: number
    seed: number
    orientation_deg: number
    yaml: Pick<ParameterSet, 'RS' | 'FS' | 'receptor_kinetics' | 'synaptic_weights' | 'external_input' | 'stimuli_input'>
  }
  first_steps: number
  step_index: number[]
  neuron_index: number[]
}

/**
 * The reference run's parameter set, built from the raster fixture's own record of its YAML
 * (independent of the app's schema defaults, so the two cross-check each other).
 */
export function referenceParameterSet(overrides: { mu_exc?: number; mu_inh?: number } = {}): ParameterSet {
  const r = readFixture<ReferenceRaster>('normal_first300ms_raster.json').parameters
  return {
    ...structuredClone(r.yaml),
    network: { Ne: r.Ne, Ni: r.Ni },
    simulation: { duration_s: r.seconds, dt_ms: r.delta_T_ms, seed: r.seed, input_mode: 'exact' },
    stimulus: { t_on_s: 1, t_off_s: 1.25, orientation_deg: r.orientation_deg },
    serotonin: { mu_exc: overrides.mu_exc ?? r.mu_exc, mu_inh: overrides.mu_inh ?? r.mu_inh },
    termination: { burst_threshold_hz: 100, threshold_hz: 12, window_steps: 5000, stride_steps: 500 }
  }
}
