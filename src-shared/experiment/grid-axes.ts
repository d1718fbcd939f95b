/**
 * The axes a grid may span: the two serotonin weights and the stimulus strength. Titles, units
 * and ranges come from the parameter schema, so the grid reader, grid.csv and the phase diagram
 * name an axis the way the parameter forms do.
 */
import { PARAMETER_SCHEMA, type NumberFieldSpec } from '../params/schema'
import type { ParameterSet } from '../params/types'

export const GRID_AXES = ['mu_exc', 'mu_inh', 'stimulus_A'] as const
export type GridAxis = (typeof GRID_AXES)[number]

/** Where each axis lives in a parameter set. */
const FIELDS = {
  mu_exc: ['serotonin', 'mu_exc'],
  mu_inh: ['serotonin', 'mu_inh'],
  stimulus_A: ['stimuli_input', 'A']
} as const satisfies Record<GridAxis, readonly [keyof ParameterSet, string]>

export function axisField(axis: GridAxis): NumberFieldSpec {
  const [group, key] = FIELDS[axis]
  return (PARAMETER_SCHEMA[group].fields as Record<string, NumberFieldSpec>)[key]
}

/** "Stimulus amplitude A (stimuli_input.A)": the schema's label and the parameter it sets, with its unit when it has one. */
export function axisTitle(axis: GridAxis): string {
  const [group, key] = FIELDS[axis]
  const spec = axisField(axis)
  return `${spec.label} (${group}.${key}${spec.unit ? `, ${spec.unit}` : ''})`
}

/** The axis's value in a resolved parameter set. */
export function axisValue(axis: GridAxis, p: ParameterSet): number {
  const [group, key] = FIELDS[axis]
  return (p[group] as unknown as Record<string, number>)[key]
}

/** A grid cell's condition name: every axis the grid spans, in GRID_AXES order ("mu_exc 1, stimulus_A 50"). */
export function gridConditionName(cell: Partial<Record<GridAxis, number>>): string {
  return GRID_AXES.filter((a) => cell[a] !== undefined).map((a) => `${a} ${cell[a]}`).join(', ')
}
