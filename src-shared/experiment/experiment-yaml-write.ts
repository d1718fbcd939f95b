/**
 * Writing experiment files. Parameter sets are written as their differences
 * from the defaults (an all-default set is "{}"), which reads back to the same
 * values and shows at a glance what an experiment changes.
 */
import { load } from 'js-yaml'
import type { GroupName, ParameterSet } from '../params/types'
import { GROUP_NAMES, PARAMETER_SCHEMA, defaultParameterSet, type FieldSpec } from '../params/schema'
import { formatYamlNumber } from '../params/yaml-io'
import type { ConditionSpec, ExperimentSpec, GifSettings } from './types'
import { EXPERIMENT_FORMAT, EXPERIMENT_FORMAT_VERSION } from './experiment-format'

const HEADER = [
  '# Serotonin Attractor Workbench experiment (format described in docs/experiment-format.md).',
  '# Run it headless with: npm run experiment -- <this file>',
  '#',
  '# parameter_sets: named parameter sets. Each lists parameter groups as in a combined',
  '#   parameter file; groups and parameters left out take their defaults, so "{}" is',
  '#   the reference model. A set may instead read a combined parameter file:',
  '#   "name: { file: relative/path.yaml }".',
  '# conditions: what varies between conditions. Each runs `repetitions` times;',
  '#   repetition r uses seed + r, the same seeds in every condition (paired runs).',
  '#   orientation is in degrees (0 to 359.999999) or "random" (drawn from each seed).',
  '#   parameter_set may be left out when there is only one set.',
  '# control: the condition the others are compared with (Welch\'s t-test).',
  '# gif: size and timing of the raster animations (optional).',
  '# early_stop: true ends each run once its termination time is decided (optional; the',
  '#   measures that need the whole run are then not available).'
]

/** Text as a YAML scalar: plain when that reads back as the same string, else double-quoted. */
export function yamlText(s: string): string {
  if (/^[A-Za-z_][A-Za-z0-9_ .()+-]*$/.test(s) && !s.endsWith(' ') && readsBackAs(s)) return s
  return JSON.stringify(s)
}

function readsBackAs(s: string): boolean {
  try {
    const doc = load(`k: ${s}`) as { k?: unknown } | null
    return doc?.k === s
  } catch {
    return false
  }
}

function formatValue(v: number | string): string {
  return typeof v === 'number' ? formatYamlNumber(v) : yamlText(v)
}

function fieldComment(spec: FieldSpec): string {
  return spec.unit ? `${spec.label} (${spec.unit})` : spec.label
}

/** The lines of one parameter set, indented under its name: only values that differ from the defaults. */
function setLines(params: ParameterSet, defaults: ParameterSet): string[] {
  const lines: string[] = []
  for (const g of GROUP_NAMES) {
    const fields = PARAMETER_SCHEMA[g].fields as Record<string, FieldSpec>
    const values = params[g] as unknown as Record<string, number | string>
    const base = defaults[g as GroupName] as unknown as Record<string, number | string>
    const changed = Object.keys(fields).filter((k) => !Object.is(values[k], base[k]))
    if (changed.length === 0) continue
    lines.push(`    ${g}:`)
    const entries = changed.map((k) => [`      ${k}: ${formatValue(values[k])}`, fieldComment(fields[k])])
    const width = Math.max(...entries.map(([text]) => text.length))
    for (const [text, comment] of entries) lines.push(`${text.padEnd(width)}  # ${comment}`)
  }
  return lines
}

function conditionLines(c: ConditionSpec): string[] {
  const orientation = c.orientation === 'random' ? 'random' : formatYamlNumber(c.orientation)
  return [
    `  - name: ${yamlText(c.name)}`,
    `    parameter_set: ${yamlText(c.parameterSet)}`,
    `    mu_exc: ${formatYamlNumber(c.mu_exc)}`,
    `    mu_inh: ${formatYamlNumber(c.mu_inh)}`,
    `    orientation: ${orientation}`,
    `    seed: ${c.seed}`,
    `    repetitions: ${c.repetitions}`
  ]
}

function gifLine(g: GifSettings): string {
  return `gif: { width: ${g.width}, height: ${g.height}, frames: ${g.frames}, frame_ms: ${g.frame_ms}, mode: ${g.mode} }`
}

/** The experiment as an experiment file, with a header comment explaining the format; parseExperimentYaml reads it back unchanged. */
export function toExperimentYaml(exp: ExperimentSpec): string {
  const defaults = defaultParameterSet()
  const lines = [...HEADER, '', `format: ${EXPERIMENT_FORMAT}`, `version: ${EXPERIMENT_FORMAT_VERSION}`, `name: ${yamlText(exp.name)}`, '', 'parameter_sets:']
  for (const [name, params] of Object.entries(exp.parameterSets)) {
    const body = setLines(params, defaults)
    lines.push(body.length === 0 ? `  ${yamlText(name)}: {}` : `  ${yamlText(name)}:`, ...body)
  }
  lines.push('', 'conditions:')
  for (const c of exp.conditions) lines.push(...conditionLines(c))
  if (exp.control !== undefined || exp.gif !== undefined || exp.earlyStop) lines.push('')
  if (exp.control !== undefined) lines.push(`control: ${yamlText(exp.control)}`)
  if (exp.gif !== undefined) lines.push(gifLine(exp.gif))
  if (exp.earlyStop) lines.push('early_stop: true')
  return lines.join('\n') + '\n'
}
