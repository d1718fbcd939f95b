/**
 * `grid:` in experiment files: a 2-D serotonin grid (mu_exc x mu_inh) written as two axes and
 * expanded into ordinary conditions when the file is read, every cell with the same seeds
 * (repetition r uses seed + r in every cell: paired runs across the whole grid).
 */
import type { ConditionSpec } from './types'
import type { PathSegment } from './yaml-paths'
import { CONDITION_NUMBERS, MAX_CONDITIONS, MAX_SEED } from './experiment-format'

export const GRID_KEYS = ['mu_exc', 'mu_inh', 'repetitions', 'seed', 'orientation', 'parameter_set'] as const
export const MAX_AXIS_VALUES = 200

/** Every condition number has both limits (experiment-format.ts). */
function bounds(key: keyof typeof CONDITION_NUMBERS): { min: number; max: number } {
  const spec = CONDITION_NUMBERS[key]
  return { min: spec.min ?? 0, max: spec.max ?? Number.MAX_VALUE }
}

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
export function readAxis(v: unknown, key: 'mu_exc' | 'mu_inh', sink: Sink): number[] | undefined {
  const path = ['grid', key]
  const spec = bounds(key)
  const checkNumber = (x: unknown, what: string): x is number => {
    if (typeof x !== 'number' || !Number.isFinite(x) || x < spec.min || x > spec.max) {
      sink.add(`grid.${key}: ${what} must be a number from ${spec.min} to ${spec.max}, not ${JSON.stringify(x)}`, path)
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

export function gridConditionName(mu_exc: number, mu_inh: number): string {
  return `mu_exc ${mu_exc}, mu_inh ${mu_inh}`
}

export interface GridDefaults {
  setNames: readonly string[]
  /** Seed and orientation of a set, for cells that do not give them. */
  setDefaults(set: string): { seed: number; orientation: number } | undefined
}

/** Reads `grid:` into conditions, one per (mu_exc, mu_inh) cell, mu_exc varying slowest. */
export function readGrid(v: unknown, defaults: GridDefaults, sink: Sink, existingConditions: number): ConditionSpec[] {
  if (!isMapping(v)) {
    sink.add(`grid must be a group of settings (${GRID_KEYS.join(', ')}), not ${JSON.stringify(v)}`, ['grid'])
    return []
  }
  for (const k of Object.keys(v)) {
    if (!(GRID_KEYS as readonly string[]).includes(k)) sink.add(`grid has no setting '${k}': the settings are ${GRID_KEYS.join(', ')}`, ['grid', k])
  }
  for (const k of ['mu_exc', 'mu_inh'] as const) if (!Object.hasOwn(v, k)) sink.add(`grid needs ${k}: [start, stop, step] or a list of values`, ['grid'])
  const exc = Object.hasOwn(v, 'mu_exc') ? readAxis(v.mu_exc, 'mu_exc', sink) : undefined
  const inh = Object.hasOwn(v, 'mu_inh') ? readAxis(v.mu_inh, 'mu_inh', sink) : undefined

  let set: string | undefined
  if (v.parameter_set === undefined) {
    if (defaults.setNames.length === 1) set = defaults.setNames[0]
    else sink.add(`grid does not say which parameter set it uses: add "parameter_set:" with one of ${defaults.setNames.join(', ')}`, ['grid'])
  } else if (typeof v.parameter_set !== 'string' || !defaults.setNames.includes(v.parameter_set)) {
    sink.add(`grid.parameter_set = ${JSON.stringify(v.parameter_set)} names no parameter set (the file defines: ${defaults.setNames.join(', ')})`, ['grid', 'parameter_set'])
  } else set = v.parameter_set
  const base = set !== undefined ? defaults.setDefaults(set) : undefined

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
  const seed = whole('seed', base?.seed ?? 0)
  let orientation: number | 'random' | undefined = base?.orientation
  if (v.orientation !== undefined) {
    const o = v.orientation
    const spec = bounds('orientation')
    if (o === 'random' || (typeof o === 'number' && o >= spec.min && o <= spec.max)) orientation = o
    else sink.add(`grid.orientation must be degrees (0 to 359.999999) or 'random', not ${JSON.stringify(o)}`, ['grid', 'orientation'])
  }
  if (!exc || !inh || set === undefined || repetitions === undefined || seed === undefined || orientation === undefined) return []
  if (seed + repetitions - 1 > MAX_SEED) {
    sink.add(`grid: seed ${seed} with ${repetitions} repetitions would use seeds above the largest seed ${MAX_SEED}`, ['grid', 'seed'])
    return []
  }
  if (exc.length * inh.length + existingConditions > MAX_CONDITIONS) {
    sink.add(`grid has ${exc.length} x ${inh.length} = ${exc.length * inh.length} cells${existingConditions ? ` besides ${existingConditions} conditions` : ''}; an experiment may have at most ${MAX_CONDITIONS} conditions`, ['grid'])
    return []
  }
  return exc.flatMap((mu_exc) =>
    inh.map((mu_inh) => ({ name: gridConditionName(mu_exc, mu_inh), parameterSet: set, mu_exc, mu_inh, orientation: orientation!, seed, repetitions }))
  )
}
