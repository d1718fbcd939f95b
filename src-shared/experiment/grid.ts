/**
 * `grid:` in experiment files: two or three axes out of mu_exc, mu_inh and stimulus strength
 * (grid-axes.ts), expanded into ordinary conditions when the file is read, every cell with the
 * same seeds (repetition r uses seed + r in every cell: paired runs across the whole grid). A
 * stimulus-strength axis changes the input train, so its cells share seeds but not inputs.
 */
import type { ConditionSpec } from './types'
import type { PathSegment } from './yaml-paths'
import type { ParameterSet } from '../params/types'
import { cloneParameterSet, type NumberFieldSpec } from '../params/schema'
import { CONDITION_NUMBERS, MAX_CONDITIONS, MAX_NAME_CHARS, MAX_PARAMETER_SETS, MAX_SEED } from './experiment-format'
import { GRID_AXES, axisField, gridConditionName, type GridAxis } from './grid-axes'

export const GRID_KEYS = [...GRID_AXES, 'repetitions', 'seed', 'orientation', 'parameter_set'] as const
export const MAX_AXIS_VALUES = 200

function limits(spec: NumberFieldSpec): { min: number; max: number } {
  return { min: spec.min ?? 0, max: spec.max ?? Number.MAX_VALUE }
}

/** Every condition number has both limits (experiment-format.ts). */
const bounds = (key: keyof typeof CONDITION_NUMBERS) => limits(CONDITION_NUMBERS[key])

/** The serotonin axes are condition numbers; stimulus strength keeps the schema's range for stimuli_input.A. */
const axisBounds = (axis: GridAxis) => (axis === 'stimulus_A' ? limits(axisField(axis)) : bounds(axis))

interface Sink {
  add(message: string, path: PathSegment[]): void
}

type Mapping = Record<string, unknown>
const isMapping = (v: unknown): v is Mapping => typeof v === 'object' && v !== null && !Array.isArray(v)

function decimals(x: number): number {
  const s = String(x)
  if (s.includes('e-')) return Number(s.split('e-')[1])
  return s.includes('.') ? s.split('.')[1].length : 0
}

/** start, start + step, ... up to stop inclusive, each rounded to the decimals of start and step (no 0.9750000001). */
export function axisRange(start: number, stop: number, step: number): number[] {
  const d = Math.min(12, Math.max(decimals(start), decimals(step)))
  const n = Math.floor((stop - start) / step + 1e-9) + 1
  return Array.from({ length: n }, (_, i) => Number((start + i * step).toFixed(d)))
}

/**
 * An axis: [start, stop, step] (three numbers not in ascending order, which a range never is:
 * its step is at most stop - start), { from, to, step }, or a list of values.
 */
export function readAxis(v: unknown, key: GridAxis, sink: Sink): number[] | undefined {
  const path = ['grid', key]
  const spec = axisBounds(key)
  const allowed = spec.max === Number.MAX_VALUE ? `of at least ${spec.min}` : `from ${spec.min} to ${spec.max}`
  const checkNumber = (x: unknown, what: string): x is number => {
    if (typeof x !== 'number' || !Number.isFinite(x) || x < spec.min || x > spec.max) {
      sink.add(`grid.${key}: ${what} must be a number ${allowed}, not ${JSON.stringify(x)}`, path)
      return false
    }
    return true
  }
  const range = (start: unknown, stop: unknown, step: unknown): number[] | undefined => {
    if (!checkNumber(start, 'start') || !checkNumber(stop, 'stop') || typeof step !== 'number' || !(step > 0)) {
      if (typeof step !== 'number' || !(step > 0)) sink.add(`grid.${key}: the step must be a number above 0, not ${JSON.stringify(step)}`, path)
      return undefined
    }
    if (!(stop > start) || step > stop - start) {
      sink.add(`grid.${key}: [${start}, ${stop}, ${step}] is not a range [start, stop, step] with start < stop and step <= stop - start (three ascending numbers are values)`, path)
      return undefined
    }
    if ((stop - start) / step + 1 > MAX_AXIS_VALUES) {
      sink.add(`grid.${key}: ${start} to ${stop} in steps of ${step} gives more than ${MAX_AXIS_VALUES} values; use a larger step`, path)
      return undefined
    }
    return axisRange(start, stop, step)
  }
  if (isMapping(v)) {
    const extra = Object.keys(v).filter((k) => !['from', 'to', 'step'].includes(k))
    if (extra.length) {
      sink.add(`grid.${key}: a range is { from, to, step }; '${extra[0]}' is not one of them`, path)
      return undefined
    }
    return range(v.from, v.to, v.step)
  }
  if (typeof v === 'number') return checkNumber(v, 'the value') ? [v] : undefined
  if (!Array.isArray(v) || v.length === 0) {
    sink.add(`grid.${key} must be [start, stop, step], { from, to, step } or a list of values, not ${JSON.stringify(v) ?? 'nothing'}`, path)
    return undefined
  }
  const [a, b, c] = v as unknown[]
  const ascending = v.every((x, i) => i === 0 || (x as number) > (v[i - 1] as number))
  if (v.length === 3 && !ascending) return range(a, b, c)
  if (!v.every((x, i) => checkNumber(x, `value ${i + 1}`))) return undefined
  if (new Set(v).size !== v.length) {
    sink.add(`grid.${key} lists a value twice; each value once`, path)
    return undefined
  }
  if (v.length > MAX_AXIS_VALUES) {
    sink.add(`grid.${key} has ${v.length} values; at most ${MAX_AXIS_VALUES}`, path)
    return undefined
  }
  return v as number[]
}

export interface GridDefaults {
  setNames: readonly string[]
  /** A valid set's parameters: the values of the axes a grid does not span, its seed and orientation. */
  setValues(set: string): ParameterSet | undefined
}

export interface GridResult {
  conditions: ConditionSpec[]
  /** One set per stimulus_A value (the grid's set with stimuli_input.A written in), named after both. */
  parameterSets: Record<string, ParameterSet>
}

/** The parameter set a stimulus_A cell runs with: "default, stimulus_A 50". */
export function stimulusSetName(set: string, A: number): string {
  return `${set}, stimulus_A ${A}`
}

/**
 * Reads `grid:` into conditions, one per cell of the axes it spans (two or three of mu_exc, mu_inh,
 * stimulus_A), the first axis varying slowest. Axes it leaves out keep the parameter set's value.
 */
export function readGrid(v: unknown, defaults: GridDefaults, sink: Sink, existingConditions: number): GridResult {
  const none: GridResult = { conditions: [], parameterSets: {} }
  if (!isMapping(v)) {
    sink.add(`grid must be a group of settings (${GRID_KEYS.join(', ')}), not ${JSON.stringify(v)}`, ['grid'])
    return none
  }
  for (const k of Object.keys(v)) {
    if (!(GRID_KEYS as readonly string[]).includes(k)) sink.add(`grid has no setting '${k}': the settings are ${GRID_KEYS.join(', ')}`, ['grid', k])
  }
  const spanned = GRID_AXES.filter((a) => Object.hasOwn(v, a))
  if (spanned.length < 2) {
    const has = spanned.length ? `it has only ${spanned[0]}` : 'it has none'
    sink.add(`grid needs at least two axes out of ${GRID_AXES.join(', ')} ([start, stop, step] or a list of values each); ${has}`, ['grid'])
  }
  const values = new Map(spanned.map((a) => [a, readAxis(v[a], a, sink)] as const))

  let set: string | undefined
  if (v.parameter_set === undefined) {
    if (defaults.setNames.length === 1) set = defaults.setNames[0]
    else sink.add(`grid does not say which parameter set it uses: add "parameter_set:" with one of ${defaults.setNames.join(', ')}`, ['grid'])
  } else if (typeof v.parameter_set !== 'string' || !defaults.setNames.includes(v.parameter_set)) {
    sink.add(`grid.parameter_set = ${JSON.stringify(v.parameter_set)} names no parameter set (the file defines: ${defaults.setNames.join(', ')})`, ['grid', 'parameter_set'])
  } else set = v.parameter_set
  const base = set !== undefined ? defaults.setValues(set) : undefined

  const whole = (key: 'repetitions' | 'seed', fallback: number): number | undefined => {
    const x = v[key] ?? fallback
    const spec = bounds(key)
    if (typeof x !== 'number' || !Number.isInteger(x) || x < spec.min || x > spec.max) {
      sink.add(`grid.${key} must be a whole number from ${spec.min} to ${spec.max}, not ${JSON.stringify(x)}`, ['grid', key])
      return undefined
    }
    return x
  }
  const repetitions = whole('repetitions', 1)
  const seed = whole('seed', base?.simulation.seed ?? 0)
  let orientation: number | 'random' | undefined = base?.stimulus.orientation_deg
  if (v.orientation !== undefined) {
    const o = v.orientation
    const spec = bounds('orientation')
    if (o === 'random' || (typeof o === 'number' && o >= spec.min && o <= spec.max)) orientation = o
    else sink.add(`grid.orientation must be degrees (0 to 359.999999) or 'random', not ${JSON.stringify(o)}`, ['grid', 'orientation'])
  }
  const axes = spanned.map((a) => values.get(a))
  if (spanned.length < 2 || axes.some((x) => !x) || set === undefined || !base || repetitions === undefined || seed === undefined || orientation === undefined) return none
  if (seed + repetitions - 1 > MAX_SEED) {
    sink.add(`grid: seed ${seed} with ${repetitions} repetitions would use seeds above the largest seed ${MAX_SEED}`, ['grid', 'seed'])
    return none
  }
  const cells = axes.reduce((n, x) => n * x!.length, 1)
  if (cells + existingConditions > MAX_CONDITIONS) {
    sink.add(`grid has ${axes.map((x) => x!.length).join(' x ')} = ${cells} cells${existingConditions ? ` besides ${existingConditions} conditions` : ''}; an experiment may have at most ${MAX_CONDITIONS} conditions`, ['grid'])
    return none
  }

  const nA = values.get('stimulus_A')?.length ?? 0
  if (defaults.setNames.length + nA > MAX_PARAMETER_SETS) {
    sink.add(`grid: its ${nA} stimulus_A values each need a parameter set; with the file's ${defaults.setNames.length} that is more than ${MAX_PARAMETER_SETS}`, ['grid', 'stimulus_A'])
    return none
  }
  const parameterSets: Record<string, ParameterSet> = {}
  for (const A of values.get('stimulus_A') ?? []) {
    const name = stimulusSetName(set, A)
    if (defaults.setNames.includes(name)) {
      sink.add(`grid: the stimulus_A value ${A} needs a parameter set named '${name}', but the file already defines one; rename that set`, ['grid', 'stimulus_A'])
      return none
    }
    if (name.length > MAX_NAME_CHARS) {
      sink.add(`grid: the parameter set name '${set}' is too long to add ", stimulus_A ${A}" within ${MAX_NAME_CHARS} characters; shorten it`, ['grid', 'parameter_set'])
      return none
    }
    const params = cloneParameterSet(base)
    params.stimuli_input.A = A
    Object.defineProperty(parameterSets, name, { value: params, enumerable: true, writable: true, configurable: true })
  }

  // Every combination of the axes' values, the first axis varying slowest.
  let points: Array<Partial<Record<GridAxis, number>>> = [{}]
  spanned.forEach((a, k) => {
    points = points.flatMap((p) => axes[k]!.map((x) => ({ ...p, [a]: x })))
  })
  return {
    parameterSets,
    conditions: points.map((p) => ({
      name: gridConditionName(p),
      parameterSet: p.stimulus_A === undefined ? set : stimulusSetName(set, p.stimulus_A),
      mu_exc: p.mu_exc ?? base.serotonin.mu_exc,
      mu_inh: p.mu_inh ?? base.serotonin.mu_inh,
      orientation,
      seed,
      repetitions
    }))
  }
}
