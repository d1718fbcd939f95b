/**
 * Checks of condition rows for the table: the same ranges as the IPC conditionGuard
 * (src-shared/ipc/payloads.ts; a unit test holds them equal) plus what the guard cannot see
 * alone: unique names and parameter sets that exist.
 */
import type { ConditionSpec } from '../../src-shared/experiment/types'

export type ConditionField = 'name' | 'parameterSet' | 'mu_exc' | 'mu_inh' | 'orientation' | 'seed' | 'repetitions'

interface Limits {
  min: number
  max: number
  integer: boolean
  what: string
}

export const CONDITION_LIMITS: Readonly<Record<'mu_exc' | 'mu_inh' | 'orientation' | 'seed' | 'repetitions', Limits>> = {
  mu_exc: { min: 0, max: 10, integer: false, what: 'mu_exc' },
  mu_inh: { min: 0, max: 10, integer: false, what: 'mu_inh' },
  orientation: { min: 0, max: 359.999999, integer: false, what: 'Orientation' },
  seed: { min: 0, max: 4294967295, integer: true, what: 'Seed' },
  repetitions: { min: 1, max: 10_000, integer: true, what: 'Repetitions' }
}

export const MAX_NAME_CHARS = 200

export type NumericConditionField = keyof typeof CONDITION_LIMITS

/** The problem with a number typed into a cell, or null. */
export function checkConditionNumber(field: NumericConditionField, value: number): string | null {
  const l = CONDITION_LIMITS[field]
  if (!Number.isFinite(value)) return `${l.what} must be a number`
  if (l.integer && !Number.isInteger(value)) return `${l.what} = ${value} must be a whole number`
  if (value < l.min || value > l.max) {
    return field === 'orientation' ? `Orientation = ${value} must be from 0 to below 360 degrees` : `${l.what} = ${value} must be between ${l.min} and ${l.max}`
  }
  return null
}

export function checkConditionName(name: string): string | null {
  if (name.trim() === '') return 'A condition needs a name'
  if (name.length > MAX_NAME_CHARS) return `A condition name is limited to ${MAX_NAME_CHARS} characters`
  return null
}

export type RowProblems = Partial<Record<ConditionField, string>>

/** Problems of every row (index-aligned); an empty object for a good row. */
export function conditionProblems(conditions: readonly ConditionSpec[], setNames: readonly string[]): RowProblems[] {
  const count = new Map<string, number>()
  for (const c of conditions) count.set(c.name, (count.get(c.name) ?? 0) + 1)
  const sets = new Set(setNames)
  return conditions.map((c) => {
    const p: RowProblems = {}
    const nameProblem = checkConditionName(c.name)
    if (nameProblem) p.name = nameProblem
    else if ((count.get(c.name) ?? 0) > 1) p.name = `Two conditions are named '${c.name}'; names must be unique`
    if (!sets.has(c.parameterSet)) p.parameterSet = `There is no parameter set '${c.parameterSet}'`
    for (const f of ['mu_exc', 'mu_inh', 'seed', 'repetitions'] as const) {
      const problem = checkConditionNumber(f, c[f])
      if (problem) p[f] = problem
    }
    if (c.orientation !== 'random') {
      const problem = checkConditionNumber('orientation', c.orientation)
      if (problem) p.orientation = problem
    }
    return p
  })
}

/** The first problem as one sentence naming the row, or null when every row is good. */
export function firstConditionProblem(conditions: readonly ConditionSpec[], setNames: readonly string[]): string | null {
  const all = conditionProblems(conditions, setNames)
  for (let i = 0; i < all.length; i++) {
    const first = Object.values(all[i])[0]
    if (first) return `Condition ${i + 1} ('${conditions[i].name}'): ${first}.`
  }
  return null
}
