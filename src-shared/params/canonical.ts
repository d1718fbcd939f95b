/**
 * The one canonical serialisation of a parameter set, and the hashes built on it. Everything that
 * identifies "the parameters a run was made with" (provenance, grouping runs in Compare, verify)
 * goes through here, so the same numbers always give the same bytes: groups in schema order,
 * keys in schema order, numbers as JavaScript's shortest round-trip decimal, no white space.
 */
import { GROUP_NAMES, PARAMETER_SCHEMA } from './schema'
import type { GroupName, ParameterSet } from './types'
import { sha256Hex } from '../util/sha256'

/** A field that is left out of a serialisation, as `group.key`. */
export type FieldPath = `${GroupName}.${string}`

/**
 * The fields that differ from run to run within one condition (each repetition has its own seed;
 * a random orientation is drawn per run). Leaving them out identifies the parameter set a
 * condition ran with, rather than one run.
 */
export const PER_RUN_FIELDS: readonly FieldPath[] = ['simulation.seed', 'stimulus.orientation_deg']

function canonicalValue(x: unknown): string {
  if (typeof x === 'number') {
    if (!Number.isFinite(x)) throw new Error(`A parameter value ${x} cannot be serialised canonically.`)
    return Object.is(x, -0) ? '0' : JSON.stringify(x)
  }
  return JSON.stringify(x)
}

/** Canonical JSON text of a parameter set, optionally without some fields. */
export function canonicalParameterJson(params: ParameterSet, omit: readonly FieldPath[] = []): string {
  const skip = new Set<string>(omit)
  const groups: string[] = []
  for (const g of GROUP_NAMES) {
    const values = params[g] as unknown as Record<string, unknown>
    const fields: string[] = []
    for (const key of Object.keys(PARAMETER_SCHEMA[g].fields)) {
      if (skip.has(`${g}.${key}`)) continue
      fields.push(`${JSON.stringify(key)}:${canonicalValue(values[key])}`)
    }
    groups.push(`${JSON.stringify(g)}:{${fields.join(',')}}`)
  }
  return `{${groups.join(',')}}`
}

/** SHA-256 of the canonical serialisation of the whole resolved parameter set (provenance). */
export function parametersSha256(params: ParameterSet): string {
  return sha256Hex(canonicalParameterJson(params))
}

/**
 * SHA-256 of the parameter set without the per-run fields: equal for every repetition of one
 * condition, different as soon as any model, input, timing or analysis setting differs.
 */
export function conditionParametersSha256(params: ParameterSet): string {
  return sha256Hex(canonicalParameterJson(params, PER_RUN_FIELDS))
}

/** The fields whose values differ between two parameter sets, in schema order. */
export function differingFields(a: ParameterSet, b: ParameterSet, omit: readonly FieldPath[] = []): Array<{ group: GroupName; key: string; a: number | string; b: number | string }> {
  const skip = new Set<string>(omit)
  const out: Array<{ group: GroupName; key: string; a: number | string; b: number | string }> = []
  for (const g of GROUP_NAMES) {
    const va = a[g] as unknown as Record<string, number | string>
    const vb = b[g] as unknown as Record<string, number | string>
    for (const key of Object.keys(PARAMETER_SCHEMA[g].fields)) {
      if (skip.has(`${g}.${key}`)) continue
      if (canonicalValue(va[key]) !== canonicalValue(vb[key])) out.push({ group: g, key, a: va[key], b: vb[key] })
    }
  }
  return out
}
