/**
 * Guards for the domain objects that cross the IPC boundary. Parameter sets are checked by the
 * parameter schema itself (one source of truth), everything else here.
 */
import { arr, bool, custom, literal, num, obj, opt, PayloadError, record, str, union, type Guard } from './guards'
import type { ParameterSet } from '../params/types'
import { validateParameterSet } from '../params/validate'
import type { ConditionSpec, GifSettings, RunRequest } from '../experiment/types'

export const parameterSetGuard: Guard<ParameterSet> = custom('parameter set', (v, path) => {
  const r = validateParameterSet(v)
  if (!r.ok) throw new PayloadError(path, r.errors.map((e) => e.message).join('; '))
  return r.value
})

export const name = str({ max: 200, min: 1 })
export const orientationGuard = union(num({ min: 0, max: 359.999999 }), literal('random'))

export const conditionGuard: Guard<ConditionSpec> = obj({
  name,
  parameterSet: name,
  mu_exc: num({ min: 0, max: 10 }),
  mu_inh: num({ min: 0, max: 10 }),
  orientation: orientationGuard,
  seed: num({ min: 0, max: 4294967295, int: true }),
  repetitions: num({ min: 1, max: 10_000, int: true })
})

export const gifSettingsGuard: Guard<GifSettings> = obj({
  width: num({ min: 100, max: 4000, int: true }),
  height: num({ min: 100, max: 4000, int: true }),
  frames: num({ min: 1, max: 1000, int: true }),
  frame_ms: num({ min: 10, max: 10_000, int: true }),
  mode: literal('accumulate', 'sliding')
})

export const runIdGuard = str({ max: 300, min: 1 })

export const runRequestGuard: Guard<RunRequest> = obj({
  runId: runIdGuard,
  condition: name,
  rep: num({ min: 0, max: 100_000, int: true }),
  seed: num({ min: 0, max: 4294967295, int: true }),
  orientation: orientationGuard,
  inputMode: literal('exact', 'fast'),
  params: parameterSetGuard,
  earlyStop: opt(bool)
})

export const experimentGuard = obj({
  name: str({ max: 500 }),
  parameterSets: record(parameterSetGuard, { maxKeys: 200 }),
  conditions: arr(conditionGuard, { max: 1000 }),
  control: opt(name),
  gif: opt(gifSettingsGuard),
  earlyStop: opt(bool)
})

/** The renderer's part of a project: everything but the finished runs, which the main process holds. */
export const projectDocumentGuard = obj({
  name: str({ max: 500 }),
  parameterSets: record(parameterSetGuard, { maxKeys: 200 }),
  conditions: arr(conditionGuard, { max: 1000 }),
  control: opt(name),
  gif: opt(gifSettingsGuard),
  earlyStop: opt(bool),
  /** Free-form view state (selected tab, picked runs, zoom); bounded JSON. */
  view: custom('view state', (v, path) => {
    let text: string
    try {
      text = JSON.stringify(v ?? {})
    } catch {
      throw new PayloadError(path, 'view state must be plain JSON (no cycles or BigInt)')
    }
    if (text.length > 100_000) throw new PayloadError(path, `view state of ${text.length} bytes exceeds 100000`)
    if (v !== undefined && (typeof v !== 'object' || v === null || Array.isArray(v))) throw new PayloadError(path, 'expected an object')
    // The JSON copy, not the value: a Symbol, Date or typed array inside would not survive a save.
    return JSON.parse(text) as Record<string, unknown>
  })
})
