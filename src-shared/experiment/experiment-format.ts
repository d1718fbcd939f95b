/**
 * The vocabulary of experiment files: marker, version, keys and the limits of
 * every value. Limits mirror conditionGuard / gifSettingsGuard / experimentGuard
 * (src-shared/ipc/payloads.ts), so an experiment read from a file always passes
 * the IPC checks; a unit test holds the two in step.
 */
import type { NumberFieldSpec } from '../params/schema'

export const EXPERIMENT_FORMAT = 'serotonin-experiment'
export const EXPERIMENT_FORMAT_VERSION = 1

/** Experiment files are a few kilobytes; anything beyond this is not one. */
export const MAX_EXPERIMENT_FILE_CHARS = 1_000_000
export const MAX_PARAMETER_SETS = 200
export const MAX_CONDITIONS = 1000
export const MAX_NAME_CHARS = 200
export const MAX_EXPERIMENT_NAME_CHARS = 500
export const MAX_SEED = 4294967295

export const TOP_LEVEL_KEYS = ['format', 'version', 'name', 'parameter_sets', 'conditions', 'grid', 'control', 'gif', 'early_stop'] as const
export const CONDITION_KEYS = ['name', 'parameter_set', 'mu_exc', 'mu_inh', 'orientation', 'seed', 'repetitions'] as const
export const GIF_KEYS = ['width', 'height', 'frames', 'frame_ms', 'mode'] as const
export const GIF_MODES = ['accumulate', 'sliding'] as const
/** The set name conditions use when a file defines no parameter_sets. */
export const DEFAULT_SET_NAME = 'default'

function limit(label: string, unit: string, min: number, max: number, integer = false): NumberFieldSpec {
  return { kind: 'number', label, unit, description: label, default: min, min, max, integer }
}

export const CONDITION_NUMBERS = {
  mu_exc: limit('mu_exc', '', 0, 10),
  mu_inh: limit('mu_inh', '', 0, 10),
  orientation: limit('orientation', 'deg', 0, 359.999999),
  seed: limit('seed', '', 0, MAX_SEED, true),
  repetitions: limit('repetitions', '', 1, 10_000, true)
} as const

export const GIF_NUMBERS = {
  width: limit('gif.width', 'px', 100, 4000, true),
  height: limit('gif.height', 'px', 100, 4000, true),
  frames: limit('gif.frames', '', 1, 1000, true),
  frame_ms: limit('gif.frame_ms', 'ms', 10, 10_000, true)
} as const
