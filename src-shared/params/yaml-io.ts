/**
 * Reading and writing parameter YAML in two layouts:
 *
 * - Reference layout: the reference study's six files (RS.yaml, FS.yaml,
 *   receptor_kinetics.yaml, synaptic_weights.yaml, external_input.yaml,
 *   stimuli_input.yaml), each a flat "key: value" mapping of one group. A group
 *   file must list every key of its group, as the reference code requires;
 *   groups whose file is not given keep their defaults.
 * - Combined layout: one file whose top-level keys are group names. A group left
 *   out takes its defaults; a group that is present may list a subset of its
 *   keys, and the missing keys take their defaults.
 *
 * Both reject unknown groups and keys, anchors/aliases and files over 1 MB, and
 * throw ParameterFileError with file, line and column for each problem.
 */
import { YAMLException, load } from 'js-yaml'
import type { GroupName, ParameterSet } from './types'
import { GROUP_NAMES, PARAMETER_SCHEMA, REFERENCE_FILE_GROUPS, defaultParameterSet, type FieldSpec } from './schema'
import { ParameterFileError, type ParamError } from './errors'
import { describeValue, isPlainMapping, validateGroup, validateParameterSet } from './validate'
import { locateKeys } from './yaml-locate'

/** Parameter files are a few hundred bytes; anything beyond this is not one. */
export const MAX_PARAMETER_FILE_CHARS = 1_000_000

/** Aliases are refused outright: no parameter file needs them, and they are how "billion laughs" documents explode. */
const LOAD_OPTIONS = { maxAliases: 0, maxDepth: 20 } as const

function fileError(file: string, code: ParamError['code'], message: string, line?: number, column?: number): ParamError {
  const e: ParamError = { group: '', key: '', value: undefined, code, message, file }
  if (line !== undefined) e.line = line
  if (column !== undefined) e.column = column
  return e
}

/** Loads YAML text or returns the problem; never throws. */
function loadYaml(text: string, file: string): { ok: true; doc: unknown } | { ok: false; error: ParamError } {
  if (text.length > MAX_PARAMETER_FILE_CHARS) {
    return { ok: false, error: fileError(file, 'too-large', `${file} has ${text.length} characters; parameter files are limited to ${MAX_PARAMETER_FILE_CHARS} (1 MB)`) }
  }
  try {
    return { ok: true, doc: load(text, { ...LOAD_OPTIONS, filename: file }) }
  } catch (e) {
    if (e instanceof YAMLException) {
      const line = e.mark?.line !== undefined ? e.mark.line + 1 : undefined
      const column = e.mark?.column !== undefined ? e.mark.column + 1 : undefined
      if (/maxAliases/.test(e.reason)) {
        return { ok: false, error: fileError(file, 'alias', 'YAML aliases (*name) are not allowed in parameter files: write each value out', line, column) }
      }
      if (/input is empty/.test(e.reason)) {
        return { ok: false, error: fileError(file, 'empty', `${file} is empty: expected "key: value" lines`) }
      }
      return { ok: false, error: fileError(file, 'syntax', `YAML syntax error: ${e.reason}`, line, column) }
    }
    const reason = e instanceof Error ? e.message : String(e)
    return { ok: false, error: fileError(file, 'syntax', `${file} could not be read as YAML: ${reason}`) }
  }
}

type Layout = 'group' | 'combined'

/** Adds file, line and column to errors, finding each key in the text. */
function attachLocations(errors: ParamError[], text: string, file: string, layout: Layout): ParamError[] {
  const positions = locateKeys(text)
  for (const e of errors) {
    e.file ??= file
    if (e.line !== undefined) continue
    const paths = layout === 'group' ? [e.key] : [e.key ? `${e.group}.${e.key}` : '', e.group]
    for (const path of paths) {
      const pos = path ? positions.get(path) : undefined
      if (pos) {
        e.line = pos.line
        e.column = pos.column
        break
      }
    }
  }
  return errors
}

function parseGroupInto<G extends GroupName>(text: string, group: G, fileName: string): { ok: true; value: ParameterSet[G] } | { ok: false; errors: ParamError[] } {
  const loaded = loadYaml(text, fileName)
  if (!loaded.ok) return { ok: false, errors: [loaded.error] }
  if (!isPlainMapping(loaded.doc)) {
    return { ok: false, errors: [fileError(fileName, 'not-mapping', `${fileName} must hold "key: value" lines for ${group}, not ${describeValue(loaded.doc)}`)] }
  }
  const result = validateGroup(group, loaded.doc)
  if (result.ok) return result
  return { ok: false, errors: attachLocations(result.errors, text, fileName, 'group') }
}

/** Reads one reference-layout group file; every key of the group must be present. */
export function parseGroupYaml<G extends GroupName>(text: string, group: G, fileName: string): ParameterSet[G] {
  const result = parseGroupInto(text, group, fileName)
  if (!result.ok) throw new ParameterFileError(result.errors, fileName)
  return result.value
}

function baseName(path: string): string {
  const parts = path.split(/[\\/]/)
  return parts[parts.length - 1]
}

/** The group a reference file name stands for (exact name first, then ignoring case), or undefined. */
export function groupForFileName(fileName: string): GroupName | undefined {
  const base = baseName(fileName)
  if (Object.hasOwn(REFERENCE_FILE_GROUPS, base)) return REFERENCE_FILE_GROUPS[base]
  const lower = base.toLowerCase()
  const match = Object.keys(REFERENCE_FILE_GROUPS).find((f) => f.toLowerCase() === lower)
  return match ? REFERENCE_FILE_GROUPS[match] : undefined
}

export interface ReferenceFilesResult {
  params: ParameterSet
  /** Groups read from the files given; the others kept their defaults. */
  groups: GroupName[]
  /** File names that are not one of the six reference files (ignored). */
  unknownFiles: string[]
}

function singleFile(errors: readonly ParamError[]): string | undefined {
  const files = new Set(errors.map((e) => e.file))
  return files.size === 1 ? [...files][0] : undefined
}

/**
 * Reads any of the six reference files, keyed by file name or path (recognised
 * by base name, e.g. 'utils/RS.yaml'); groups not given keep their defaults.
 */
export function parseReferenceFiles(files: Readonly<Record<string, string>>): ReferenceFilesResult {
  const params = defaultParameterSet() as unknown as Record<string, unknown>
  const errors: ParamError[] = []
  const groups: GroupName[] = []
  const unknownFiles: string[] = []
  const sourceOf = new Map<GroupName, { file: string; text: string }>()
  // Files are taken in group order so problems are reported in the order the groups are shown.
  const rank = (name: string): number => {
    const g = groupForFileName(name)
    return g ? GROUP_NAMES.indexOf(g) : GROUP_NAMES.length
  }
  const entries = Object.entries(files).sort((a, b) => rank(a[0]) - rank(b[0]))
  for (const [name, text] of entries) {
    const group = groupForFileName(name)
    if (!group) {
      unknownFiles.push(name)
      continue
    }
    const earlier = sourceOf.get(group)
    if (earlier) {
      errors.push(fileError(name, 'duplicate-file', `${name} and ${earlier.file} both hold the ${group} parameters (${PARAMETER_SCHEMA[group].file}); give only one`))
      continue
    }
    sourceOf.set(group, { file: name, text })
    const result = parseGroupInto(text, group, name)
    if (!result.ok) {
      errors.push(...result.errors)
      continue
    }
    params[group] = result.value
    groups.push(group)
  }
  if (errors.length > 0) throw new ParameterFileError(errors, singleFile(errors))
  const checked = validateParameterSet(params)
  if (!checked.ok) {
    for (const e of checked.errors) {
      const src = sourceOf.get(e.group as GroupName)
      if (src) attachLocations([e], src.text, src.file, 'group')
    }
    throw new ParameterFileError(checked.errors, singleFile(checked.errors))
  }
  return { params: checked.value, groups: GROUP_NAMES.filter((g) => groups.includes(g)), unknownFiles }
}

/**
 * Reads a combined file: top-level keys are group names. A missing group takes
 * its defaults; a present group may list a subset of its keys, the rest take
 * their defaults. Unknown groups or keys are errors.
 */
export function parseCombinedYaml(text: string, fileName: string): ParameterSet {
  const loaded = loadYaml(text, fileName)
  if (!loaded.ok) throw new ParameterFileError([loaded.error], fileName)
  const doc = loaded.doc
  if (!isPlainMapping(doc)) {
    throw new ParameterFileError([fileError(fileName, 'not-mapping', `${fileName} must hold parameter groups (RS:, FS:, ...) at the top level, not ${describeValue(doc)}`)], fileName)
  }
  const defaults = defaultParameterSet() as unknown as Record<string, Record<string, unknown>>
  // Null prototype: a '__proto__' key in the file must stay an ordinary (unknown) key.
  const merged: Record<string, unknown> = Object.create(null)
  for (const g of GROUP_NAMES) merged[g] = defaults[g]
  for (const key of Object.keys(doc)) {
    const value = doc[key]
    merged[key] = Object.hasOwn(defaults, key) && isPlainMapping(value) ? { ...defaults[key], ...value } : value
  }
  const result = validateParameterSet(merged)
  if (!result.ok) throw new ParameterFileError(attachLocations(result.errors, text, fileName, 'combined'), fileName)
  return result.value
}

/** Shortest text that reads back as the same float64, in a form both YAML 1.2 and PyYAML read as a number. */
export function formatYamlNumber(x: number): string {
  if (Number.isNaN(x)) return '.nan'
  if (x === Infinity) return '.inf'
  if (x === -Infinity) return '-.inf'
  const s = String(x)
  const e = s.indexOf('e')
  // PyYAML (YAML 1.1) only reads exponents with a dot in the mantissa: 1e-7 would become a string.
  if (e >= 0 && !s.slice(0, e).includes('.')) return `${s.slice(0, e)}.0${s.slice(e)}`
  return s
}

function formatValue(v: number | string): string {
  return typeof v === 'number' ? formatYamlNumber(v) : /^[a-z][a-z0-9_-]*$/.test(v) ? v : JSON.stringify(v)
}

function fieldComment(spec: FieldSpec): string {
  return spec.unit ? `${spec.label} (${spec.unit})` : spec.label
}

function groupLines(params: ParameterSet, group: GroupName, indent: string): string[] {
  const fields = PARAMETER_SCHEMA[group].fields as Record<string, FieldSpec>
  const values = params[group] as unknown as Record<string, number | string>
  const entries = Object.keys(fields).map((key) => [`${indent}${key}: ${formatValue(values[key])}`, fieldComment(fields[key])])
  const width = Math.max(...entries.map(([text]) => text.length))
  return entries.map(([text, comment]) => `${text.padEnd(width)}  # ${comment}`)
}

/** One group in the reference layout: flat "key: value" lines with unit comments. */
export function toGroupYaml(params: ParameterSet, group: GroupName): string {
  const spec = PARAMETER_SCHEMA[group]
  return [`# ${spec.title}: ${spec.description}`, ...groupLines(params, group, '')].join('\n') + '\n'
}

/** The six reference files, by file name. */
export function toReferenceFiles(params: ParameterSet): Record<string, string> {
  const out: Record<string, string> = {}
  for (const g of GROUP_NAMES) {
    const file = PARAMETER_SCHEMA[g].file
    if (file) out[file] = toGroupYaml(params, g)
  }
  return out
}

const COMBINED_HEADER = [
  '# Serotonin Attractor Workbench parameter set.',
  '#',
  '# Top-level keys are parameter groups. A group left out takes its default values;',
  '# a group that is present may list only some of its parameters, and the missing',
  '# ones take their defaults. Unknown groups or parameters are rejected.',
  '# Units are given in the comment after each value.'
]

/** Every group in one file (combined layout), with a header comment. */
export function toCombinedYaml(params: ParameterSet): string {
  const blocks = GROUP_NAMES.map((g) => {
    const spec = PARAMETER_SCHEMA[g]
    const source = spec.file ? `; reference file ${spec.file}` : ''
    return [`${g}:  # ${spec.title}${source}`, ...groupLines(params, g, '  ')].join('\n')
  })
  return [COMBINED_HEADER.join('\n'), ...blocks].join('\n\n') + '\n'
}
