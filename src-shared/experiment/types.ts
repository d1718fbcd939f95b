import type { InputMode, ParameterSet } from '../params/types'

/** One row of the conditions table: what varies between conditions of an experiment. */
export interface ConditionSpec {
  name: string
  /** Name of a parameter set of the experiment. */
  parameterSet: string
  mu_exc: number
  mu_inh: number
  /** Fixed orientation in degrees, or 'random' (numpy's randint(360) drawn from each run's seed). */
  orientation: number | 'random'
  /** Seed of repetition 0; repetition r uses seed + r, the same sequence in every condition (paired runs). */
  seed: number
  repetitions: number
}

export interface GifSettings {
  width: number
  height: number
  frames: number
  frame_ms: number
  mode: 'accumulate' | 'sliding'
}

export interface ExperimentSpec {
  name: string
  parameterSets: Record<string, ParameterSet>
  conditions: ConditionSpec[]
  /** Condition every other is compared with (Welch's t-test); defaults to the first with mu_exc = mu_inh = 1. */
  control?: string
  gif?: GifSettings
  /** Opt-in: every run ends once its termination time is decided (off keeps results reference-identical). */
  earlyStop?: boolean
}

/** One simulation to run: a condition's repetition with everything resolved. */
export interface RunRequest {
  runId: string
  condition: string
  rep: number
  seed: number
  orientation: number | 'random'
  inputMode: InputMode
  /** The full parameter set with the condition's serotonin, seed and orientation written in. */
  params: ParameterSet
  /** Stop once the termination time is decided (the experiment's early stopping); absent = run to the end. */
  earlyStop?: boolean
}
