/** Problems and warnings of a whole parameter set, indexed the way the generated form looks them up. */
import type { ParameterSet } from '../../../src-shared/params/types'
import { parameterWarnings, validateParameterSet } from '../../../src-shared/params/validate'
import type { ParamWarning } from '../../../src-shared/params/errors'

export interface SetProblems {
  /** group -> key ('' = the group) -> messages. */
  errors: Map<string, Map<string, string[]>>
  warnings: Map<string, ParamWarning[]>
  count: number
}

export function setProblems(set: ParameterSet): SetProblems {
  const errors = new Map<string, Map<string, string[]>>()
  const warnings = new Map<string, ParamWarning[]>()
  const r = validateParameterSet(set)
  const list = r.ok ? [] : r.errors
  for (const e of list) {
    const byKey = errors.get(e.group) ?? new Map<string, string[]>()
    errors.set(e.group, byKey)
    byKey.set(e.key, [...(byKey.get(e.key) ?? []), e.message])
  }
  // Warnings read the values as numbers, which the document guarantees even when a cross-field rule fails.
  for (const w of parameterWarnings(set)) warnings.set(w.group, [...(warnings.get(w.group) ?? []), w])
  return { errors, warnings, count: list.length }
}

export const NO_PROBLEMS: ReadonlyMap<string, readonly string[]> = new Map()
