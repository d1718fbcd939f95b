/**
 * Validation of parameter sets against PARAMETER_SCHEMA: types, ranges,
 * integers, enums, cross-field rules that are certainly wrong, and the memory
 * a run would need. Soft issues (legal but probably unintended) are reported
 * separately by parameterWarnings().
 */
import type { GroupName, ParameterSet } from './types'
import {
  GROUP_NAMES,
  PARAMETER_SCHEMA,
  describeRange,
  fieldKeys,
  getFieldSpec,
  isGroupName,
  isInRange,
  type EnumFieldSpec,
  type FieldSpec,
  type NumberFieldSpec
} from './schema'
import type { ParamError, ParamWarning } from './errors'
import { closestName } from './suggest'
import { isWholeStepCount, postStimulusSteps, stepCount, stimulusStepRange } from './timing'
import { MAX_RUN_MEMORY_BYTES, estimateRunMemory, formatBytes } from './memory'

export { MAX_RUN_MEMORY_BYTES, estimateRunMemory, estimateRunMemoryBytes, formatBytes } from './memory'

export type ValidationResult = { ok: true; value: ParameterSet } | { ok: false; errors: ParamError[] }
export type GroupValidationResult<G extends GroupName> = { ok: true; value: ParameterSet[G] } | { ok: false; errors: ParamError[] }

export function isPlainMapping(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false
  const proto = Object.getPrototypeOf(value)
  return proto === Object.prototype || proto === null
}

function quoteText(s: string): string {
  return JSON.stringify(s.length > 40 ? `${s.slice(0, 37)}...` : s)
}

/** How a wrong value is named in a message: "the text "abc"", "a list", ... */
export function describeValue(value: unknown): string {
  if (value === null || value === undefined) return 'an empty value'
  if (typeof value === 'string') return `the text ${quoteText(value)}`
  if (typeof value === 'boolean') return `the yes/no value ${value}`
  if (typeof value === 'number') return String(value)
  if (Array.isArray(value)) return 'a list'
  if (typeof value === 'object') return 'a group of values'
  return `a value of type ${typeof value}`
}

function checkNumber(group: string, key: string, spec: NumberFieldSpec, value: unknown): ParamError | null {
  const path = `${group}.${key}`
  const range = describeRange(spec)
  const fail = (code: ParamError['code'], message: string): ParamError => ({ group, key, value, code, message })
  if (value === null || value === undefined) return fail('type', `${path} has no value: expected a number, ${range}`)
  if (typeof value === 'boolean') return fail('type', `${path} = ${value} is a yes/no value, not a number (${range})`)
  if (typeof value === 'string') {
    const looksNumeric = value.trim() !== '' && Number.isFinite(Number(value))
    return looksNumeric
      ? fail('type', `${path} = ${quoteText(value)} is text, not a number: remove the quotes`)
      : fail('type', `${path} = ${quoteText(value)} is text, not a number (${range})`)
  }
  if (Array.isArray(value)) return fail('type', `${path} is a list, not a single number (${range})`)
  if (typeof value === 'object') return fail('type', `${path} is a group of values, not a number: check its indentation`)
  if (typeof value !== 'number') return fail('type', `${path} is ${describeValue(value)}, not a number`)
  if (Number.isNaN(value)) return fail('not-finite', `${path} is NaN (not a number): it must be a finite number, ${range}`)
  if (!Number.isFinite(value)) {
    return fail('not-finite', `${path} = ${value > 0 ? 'infinity' : '-infinity'} is not a finite number: it must be ${range}`)
  }
  if (!isInRange(spec, value)) return fail('range', `${path} = ${value} is out of range: must be ${range}`)
  if (spec.integer && !Number.isInteger(value)) return fail('integer', `${path} = ${value} must be a whole number (${range})`)
  return null
}

function listOptions(options: readonly string[]): string {
  const quoted = options.map((o) => `'${o}'`)
  return quoted.length <= 1 ? quoted.join('') : `${quoted.slice(0, -1).join(', ')} or ${quoted[quoted.length - 1]}`
}

function checkEnum(group: string, key: string, spec: EnumFieldSpec, value: unknown): ParamError | null {
  const path = `${group}.${key}`
  if (typeof value !== 'string') {
    return { group, key, value, code: 'type', message: `${path} must be ${listOptions(spec.options)}, not ${describeValue(value)}` }
  }
  if (spec.options.includes(value)) return null
  const guess = closestName(value, spec.options)
  const hint = guess ? `; did you mean '${guess}'?` : ''
  return { group, key, value, code: 'enum', message: `${path} = ${quoteText(value)} is not an option: must be ${listOptions(spec.options)}${hint}` }
}

function unknownGroupError(group: string, value: unknown): ParamError {
  const guess = closestName(group, GROUP_NAMES)
  const message = guess
    ? `Unknown parameter group '${group}': did you mean '${guess}'?`
    : `Unknown parameter group '${group}' (the groups are ${GROUP_NAMES.join(', ')})`
  return { group, key: '', value, code: 'unknown-group', message }
}

function unknownKeyError(group: GroupName, key: string, value: unknown): ParamError {
  const known = fieldKeys(group)
  const guess = closestName(key, known)
  const message = guess
    ? `${group} has no parameter '${key}': did you mean '${guess}'?`
    : `${group} has no parameter '${key}' (its parameters are ${known.join(', ')})`
  return { group, key, value, code: 'unknown-key', message }
}

/** Checks one value for inline form validation; null when it is acceptable on its own. */
export function validateField(group: string, key: string, value: unknown): ParamError | null {
  if (!isGroupName(group)) return unknownGroupError(group, value)
  const spec = getFieldSpec(group, key)
  if (!spec) return unknownKeyError(group, key, value)
  return spec.kind === 'number' ? checkNumber(group, key, spec, value) : checkEnum(group, key, spec, value)
}

function notMappingError(group: string, value: unknown): ParamError {
  const message =
    value === null || value === undefined
      ? `${group} is empty: list its parameters under it, indented, or remove it`
      : `${group} must be a group of "key: value" lines, not ${describeValue(value)}`
  return { group, key: '', value, code: 'not-mapping', message }
}

interface GroupCheck {
  values: Record<string, unknown>
  errors: ParamError[]
  /** Keys whose value passed every single-field check. */
  valid: Set<string>
  /** Keys whose value has the right type (finite number / string), range aside. */
  typed: Set<string>
}

function checkGroup(group: GroupName, value: unknown): GroupCheck {
  const out: GroupCheck = { values: {}, errors: [], valid: new Set(), typed: new Set() }
  if (!isPlainMapping(value)) {
    out.errors.push(notMappingError(group, value))
    return out
  }
  for (const key of Object.keys(value)) {
    if (!getFieldSpec(group, key)) out.errors.push(unknownKeyError(group, key, value[key]))
  }
  const fields = PARAMETER_SCHEMA[group].fields as Record<string, FieldSpec>
  for (const key of Object.keys(fields)) {
    if (!Object.hasOwn(value, key)) {
      const spec = fields[key]
      const unit = spec.unit ? `, ${spec.unit}` : ''
      out.errors.push({ group, key, value: undefined, code: 'missing-key', message: `${group} is missing parameter '${key}' (${spec.label}${unit})` })
      continue
    }
    const v = value[key]
    out.values[key] = v
    const err = validateField(group, key, v)
    if (err) out.errors.push(err)
    else out.valid.add(key)
    if (fields[key].kind === 'number' ? typeof v === 'number' && Number.isFinite(v) : typeof v === 'string') out.typed.add(key)
  }
  return out
}

/** Validates one complete group (every key required, no unknown keys). */
export function validateGroup<G extends GroupName>(group: G, value: unknown): GroupValidationResult<G> {
  const check = checkGroup(group, value)
  if (check.errors.length > 0) return { ok: false, errors: check.errors }
  return { ok: true, value: pickGroup(group, check.values) }
}

function pickGroup<G extends GroupName>(group: G, values: Record<string, unknown>): ParameterSet[G] {
  const out: Record<string, unknown> = {}
  for (const key of fieldKeys(group)) out[key] = values[key]
  return out as unknown as ParameterSet[G]
}

type Values = Partial<Record<GroupName, Record<string, unknown>>>
type Has = (group: GroupName, ...keys: string[]) => boolean

function num(values: Values, group: GroupName, key: string): number {
  return values[group]![key] as number
}

const TAU_KEYS = ['tau_ampa', 'tau_nmda', 'tau_gabaa', 'tau_gabab'] as const

/** Rules across fields that make a run certainly wrong. Each runs only when the fields it reads are themselves acceptable. */
function crossFieldErrors(values: Values, valid: Has, typed: Has): ParamError[] {
  const errors: ParamError[] = []
  const err = (group: GroupName, key: string, message: string): void => {
    errors.push({ group, key, value: values[group]?.[key], code: 'cross-field', message })
  }
  if (valid('simulation', 'duration_s', 'dt_ms')) {
    const d = num(values, 'simulation', 'duration_s')
    const dt = num(values, 'simulation', 'dt_ms')
    const q = (d * 1000) / dt
    if (!isWholeStepCount(d, dt)) {
      err('simulation', 'duration_s', `simulation.duration_s = ${d} s is not a whole number of simulation.dt_ms = ${dt} ms steps (duration / dt = ${+q.toFixed(4)})`)
    } else if (stepCount(d, dt) < 2) {
      err('simulation', 'duration_s', `simulation.duration_s = ${d} s holds only ${stepCount(d, dt)} step(s) of ${dt} ms; a run needs at least 2`)
    }
  }
  if (valid('stimulus', 't_on_s', 't_off_s')) {
    const on = num(values, 'stimulus', 't_on_s')
    const off = num(values, 'stimulus', 't_off_s')
    if (!(on < off)) err('stimulus', 't_on_s', `stimulus.t_on_s = ${on} s must be before stimulus.t_off_s = ${off} s`)
  }
  if (valid('stimulus', 't_off_s') && valid('simulation', 'duration_s')) {
    const off = num(values, 'stimulus', 't_off_s')
    const d = num(values, 'simulation', 'duration_s')
    if (off > d) err('stimulus', 't_off_s', `stimulus.t_off_s = ${off} s is after the end of the run (simulation.duration_s = ${d} s)`)
  }
  if (valid('simulation', 'dt_ms')) {
    const dt = num(values, 'simulation', 'dt_ms')
    for (const tau of TAU_KEYS) {
      if (!valid('receptor_kinetics', tau)) continue
      const t = num(values, 'receptor_kinetics', tau)
      if (dt > t) {
        err('receptor_kinetics', tau, `receptor_kinetics.${tau} = ${t} ms is shorter than the time step simulation.dt_ms = ${dt} ms: the Euler decay g - dt*g/tau would turn conductances negative`)
      }
    }
    for (const key of ['v_e', 'v_i'] as const) {
      if (!valid('external_input', key)) continue
      const rate = num(values, 'external_input', key)
      const p = rate * dt
      if (p > 1) {
        err('external_input', key, `external_input.${key} = ${rate} spikes/ms gives an input spike probability of ${+p.toPrecision(6)} per step (rate * dt), more than 1: it must be at most 1 / dt = ${+(1 / dt).toPrecision(6)} spikes/ms`)
      }
    }
  }
  const memoryInputs: Array<[GroupName, string[]]> = [
    ['network', ['Ne', 'Ni']],
    ['simulation', ['duration_s', 'dt_ms']],
    ['external_input', ['v_e', 'v_i']],
    ['stimuli_input', ['A', 'eta']],
    ['stimulus', ['t_on_s', 't_off_s', 'orientation_deg']]
  ]
  // Range aside on purpose: Ne = 100000 is out of range AND too big, and saying both tells the user why the limit exists.
  if (memoryInputs.every(([g, keys]) => typed(g, ...keys))) {
    const Ne = num(values, 'network', 'Ne')
    const Ni = num(values, 'network', 'Ni')
    const d = num(values, 'simulation', 'duration_s')
    const dt = num(values, 'simulation', 'dt_ms')
    if (Ne >= 1 && Ni >= 0 && d > 0 && dt > 0) {
      const m = estimateRunMemory(values as unknown as ParameterSet)
      if (m.total > MAX_RUN_MEMORY_BYTES) {
        const byNetwork = m.weights + m.state >= m.inputTrain + m.spikes
        errors.push({
          group: byNetwork ? 'network' : 'simulation',
          key: byNetwork ? 'Ne' : 'duration_s',
          value: byNetwork ? Ne : d,
          code: 'memory',
          message:
            `This run would need about ${formatBytes(m.total)} of memory (E->E weights ${formatBytes(m.weights)}, ` +
            `input spikes ${formatBytes(m.inputTrain)}, spike storage ${formatBytes(m.spikes)}), ` +
            `more than the ${formatBytes(MAX_RUN_MEMORY_BYTES)} limit: use fewer neurons (network.Ne = ${Ne}, network.Ni = ${Ni}) or a shorter simulation.duration_s (${d} s)`
        })
      }
    }
  }
  return errors
}

/**
 * Validates a whole parameter set: every group and key present, nothing
 * unknown, every value acceptable, cross-field rules and the memory limit.
 * On success `value` is a fresh copy holding only schema keys.
 */
export function validateParameterSet(value: unknown, source?: { file?: string }): ValidationResult {
  const errors: ParamError[] = []
  const values: Values = {}
  const valid = new Map<GroupName, Set<string>>()
  const typed = new Map<GroupName, Set<string>>()
  if (!isPlainMapping(value)) {
    errors.push({ group: '', key: '', value, code: 'not-mapping', message: `A parameter set must be a mapping of groups (${GROUP_NAMES.join(', ')}), not ${describeValue(value)}` })
  } else {
    for (const g of Object.keys(value)) if (!isGroupName(g)) errors.push(unknownGroupError(g, value[g]))
    for (const g of GROUP_NAMES) {
      if (!Object.hasOwn(value, g)) {
        errors.push({ group: g, key: '', value: undefined, code: 'missing-group', message: `Missing parameter group '${g}' (${PARAMETER_SCHEMA[g].title})` })
        continue
      }
      const check = checkGroup(g, value[g])
      errors.push(...check.errors)
      values[g] = check.values
      valid.set(g, check.valid)
      typed.set(g, check.typed)
    }
    const has = (sets: Map<GroupName, Set<string>>): Has => (g, ...keys) => keys.every((k) => sets.get(g)?.has(k) ?? false)
    errors.push(...crossFieldErrors(values, has(valid), has(typed)))
  }
  if (errors.length > 0) {
    if (source?.file !== undefined) for (const e of errors) e.file ??= source.file
    return { ok: false, errors }
  }
  const out: Record<string, unknown> = {}
  for (const g of GROUP_NAMES) out[g] = pickGroup(g, values[g]!)
  return { ok: true, value: out as unknown as ParameterSet }
}

/**
 * Soft issues of a valid parameter set: the run is possible but probably not
 * what was meant (e.g. a reset at or above the spike cut-off fires forever).
 */
export function parameterWarnings(p: ParameterSet): ParamWarning[] {
  const out: ParamWarning[] = []
  const warn = (group: GroupName, key: string, message: string): void => {
    out.push({ group, key, value: (p[group] as unknown as Record<string, unknown>)[key], code: 'warning', message })
  }
  for (const g of ['RS', 'FS'] as const) {
    const n = p[g]
    if (n.c >= n.v_peak) warn(g, 'c', `${g}.c = ${n.c} mV is not below ${g}.v_peak = ${n.v_peak} mV: a neuron is reset at or above its cut-off and fires at every step`)
    if (n.v_peak <= n.v_t) warn(g, 'v_peak', `${g}.v_peak = ${n.v_peak} mV is not above ${g}.v_t = ${n.v_t} mV: spikes are cut off before their upstroke`)
    if (n.v_t <= n.v_r) warn(g, 'v_t', `${g}.v_t = ${n.v_t} mV is not above ${g}.v_r = ${n.v_r} mV: resting and threshold potentials are swapped`)
    if (n.v >= n.v_peak) warn(g, 'v', `${g}.v = ${n.v} mV starts at or above ${g}.v_peak = ${n.v_peak} mV: every ${g} neuron fires at step 0`)
  }
  const dt = p.simulation.dt_ms
  for (const tau of TAU_KEYS) {
    const t = p.receptor_kinetics[tau]
    if (dt <= t && dt > t / 10) {
      warn('receptor_kinetics', tau, `simulation.dt_ms = ${dt} ms is more than a tenth of receptor_kinetics.${tau} = ${t} ms: the Euler decay will be inaccurate`)
    }
  }
  const peak = p.external_input.v_e * (1 + p.stimuli_input.A) * dt
  if (peak > 1) {
    warn('stimuli_input', 'A', `At the stimulus peak the input spike probability v_e * (1 + A) * dt = ${+peak.toPrecision(6)} exceeds 1: the stimulus saturates (one input spike every step)`)
  }
  const { t_on_s, t_off_s } = p.stimulus
  const d = p.simulation.duration_s
  const [s0, s1] = stimulusStepRange(t_on_s, t_off_s, d, dt)
  if (s1 <= s0) warn('stimulus', 't_off_s', `The stimulus from ${t_on_s} s to ${t_off_s} s covers no whole time step: no stimulus is presented`)
  const m = postStimulusSteps(t_off_s, d, dt)
  if (m <= 0) {
    warn('stimulus', 't_off_s', `stimulus.t_off_s = ${t_off_s} s leaves no delay period before the end of the run (${d} s): delay measures are undefined`)
  } else if (p.termination.window_steps >= m) {
    warn('termination', 'window_steps', `termination.window_steps = ${p.termination.window_steps} is not shorter than the ${m} steps after the stimulus: the termination time will always be the whole delay`)
  }
  const { threshold_hz, burst_threshold_hz } = p.termination
  if (threshold_hz >= burst_threshold_hz) {
    warn('termination', 'threshold_hz', `termination.threshold_hz = ${threshold_hz} Hz is not below termination.burst_threshold_hz = ${burst_threshold_hz} Hz: the activity rule can never keep the bump alive`)
  }
  return out
}
