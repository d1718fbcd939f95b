import type { ConditionSpec, ExperimentSpec, GifSettings } from './types'
import { defaultParameterSet } from '../params/schema'

/** The four conditions of the reference's animations notebook: seed 42, orientation 100, one run each. */
export function notebookConditions(parameterSet = 'default'): ConditionSpec[] {
  const c = (name: string, mu_exc: number, mu_inh: number): ConditionSpec => ({
    name, parameterSet, mu_exc, mu_inh, orientation: 100, seed: 42, repetitions: 1
  })
  return [
    c('normal', 1, 1),
    c('increased serotonin', 0.97, 1),
    c('slightly decreased serotonin', 1.01, 1.01),
    c('decreased serotonin', 1.02, 1.02)
  ]
}

/**
 * The reference's sweep: mu_exc 0.97..1.03 in seven steps, mu_inh 1, random orientation,
 * 30 repetitions with seeds 1001.. (the sweep notebook seeds repetition r with 1000 + r).
 */
export function sweepConditions(parameterSet = 'default', repetitions = 30): ConditionSpec[] {
  const out: ConditionSpec[] = []
  for (let k = 0; k < 7; k++) {
    const mu = Math.round((0.97 + 0.01 * k) * 100) / 100
    out.push({ name: `mu_exc ${mu.toFixed(2)}`, parameterSet, mu_exc: mu, mu_inh: 1, orientation: 'random', seed: 1001, repetitions })
  }
  return out
}

export const DEFAULT_GIF: GifSettings = { width: 1200, height: 600, frames: 50, frame_ms: 100, mode: 'accumulate' }

export function notebookExperiment(): ExperimentSpec {
  return {
    name: 'Animations notebook: four serotonin conditions',
    parameterSets: { default: defaultParameterSet() },
    conditions: notebookConditions(),
    control: 'normal',
    gif: { ...DEFAULT_GIF }
  }
}

export function sweepExperiment(repetitions = 30): ExperimentSpec {
  const params = defaultParameterSet()
  // The sweep notebook's burst threshold is 80 Hz (the animations notebook's is 100 Hz).
  params.termination.burst_threshold_hz = 80
  return {
    name: 'Serotonin sweep: mu_exc 0.97 to 1.03',
    parameterSets: { default: params },
    conditions: sweepConditions('default', repetitions),
    control: 'mu_exc 1.00'
  }
}
