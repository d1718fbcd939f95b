/**
 * Reading experiment files (the headless runner's input, also imported and
 * exported by the desktop app). The format is described in
 * docs/experiment-format.md; toExperimentYaml writes it back.
 *
 * Every problem is collected with the line of the experiment file it concerns
 * and thrown together as one ExperimentFileError, so a scientist fixes the
 * file in one pass.
 */
import { YAMLException, dump, load } from 'js-yaml'
import type { ParameterSet } from '../params/types'
import { GROUP_NAMES, defaultParameterSet, describeRange, getFieldSpec, isGroupName, isInRange, type NumberFieldSpec } from '../params/schema'
import { ParameterFileError, formatParamError, type ParamError } from '../params/errors'
import { describeValue, isPlainMapping } from '../params/validate'
import { parseCombinedYaml } from '../params/yaml-io'
import { closestName } from '../params/suggest'
import type { ConditionSpec, ExperimentSpec, GifSettings } from './types'
import { DEFAULT_GIF } from './presets'
import { readGrid, type GridDefaults } from './grid'
import { ExperimentFileError, type ExperimentProblem } from './errors'
import { formatPath, locatePaths, type PathLocator, type PathSegment } from './yaml-paths'
import {
  CONDITION_KEYS,
  CONDITION_NUMBERS,
  DEFAULT_SET_NAME,
  EXPERIMENT_FORMAT,
  EXPERIMENT_FORMAT_VERSION,
  GIF_KEYS,
  GIF_MODES,
  GIF_NUMBERS,
  MAX_CONDITIONS,
  MAX_EXPERIMENT_FILE_CHARS,
  MAX_EXPERIMENT_NAME_CHARS,
  MAX_NAME_CHARS,
  MAX_PARAMETER_SETS,
  MAX_SEED,
  TOP_LEVEL_KEYS
} from './experiment-format'

export { toExperimentYaml } from './experiment-yaml-write'

/** Reads the text of a combined parameter file named relative to the experiment file; undefined when there is none. */
export type IncludeResolver = (relPath: string) => string | undefined

type Path = PathSegment[]
type Mapping = Record<string, unknown>

/** Aliases are refused outright, as in parameter files: no experiment needs them, and they are how "billion laughs" documents explode. */
const LOAD_OPTIONS = { maxAliases: 0, maxDepth: 20 } as const

class Problems {
  readonly list: ExperimentProblem[] = []

  constructor(private readonly where: PathLocator) {}

  /** Records a problem at `path`, or at its nearest ancestor written in the file. */
  add(message: string, path: Path): void {
    const p: ExperimentProblem = { message }
    if (path.length > 0) p.path = formatPath(path)
    const pos = this.where.nearest(path)
    if (pos) {
      p.line = pos.line
      p.column = pos.column
    }
    this.list.push(p)
  }

  line(path: Path): number | undefined {
    return this.where.nearest(path)?.line
  }
}

function quote(s: string): string {
  return `'${s.length > 60 ? `${s.slice(0, 57)}...` : s}'`
}

function listNames(names: readonly string[], max = 12): string {
  const shown = names.slice(0, max).join(', ')
  return names.length > max ? `${shown}, ... (${names.length} in all)` : shown
}

function fail(file: string, message: string, line?: number, column?: number): never {
  const p: ExperimentProblem = { message }
  if (line !== undefined) p.line = line
  if (column !== undefined) p.column = column
  throw new ExperimentFileError([p], file)
}

function loadDocument(text: string, file: string): Mapping {
  if (typeof text !== 'string') fail(file, `${file} is not text`)
  if (text.length > MAX_EXPERIMENT_FILE_CHARS) {
    fail(file, `${file} has ${text.length} characters; experiment files are limited to ${MAX_EXPERIMENT_FILE_CHARS} (1 MB)`)
  }
  let doc: unknown
  try {
    doc = load(text, { ...LOAD_OPTIONS, filename: file })
  } catch (e) {
    if (!(e instanceof YAMLException)) fail(file, `${file} could not be read as YAML: ${e instanceof Error ? e.message : String(e)}`)
    const line = e.mark?.line !== undefined ? e.mark.line + 1 : undefined
    const column = e.mark?.column !== undefined ? e.mark.column + 1 : undefined
    if (/maxAliases/.test(e.reason)) fail(file, 'YAML aliases (*name) are not allowed in experiment files: write each value out', line, column)
    if (/input is empty/.test(e.reason)) fail(file, `${file} is empty: expected an experiment (format: ${EXPERIMENT_FORMAT}, parameter_sets:, conditions:)`)
    fail(file, `YAML syntax error: ${e.reason}`, line, column)
  }
  if (!isPlainMapping(doc)) {
    fail(file, `${file} must hold "key: value" lines (format:, parameter_sets:, conditions:, ...) at the top level, not ${describeValue(doc)}`)
  }
  return doc
}

/** The group holding a parameter of this name, for "this belongs in a parameter set" hints. */
function groupOfField(key: string): string | undefined {
  return GROUP_NAMES.find((g) => getFieldSpec(g, key) !== undefined)
}

function unknownKeyHint(key: string, known: readonly string[]): string {
  const guess = closestName(key, known)
  return guess ? `did you mean '${guess}'?` : `the keys are ${known.join(', ')}`
}

function checkMarker(doc: Mapping, file: string, problems: Problems): void {
  if (!Object.hasOwn(doc, 'format')) {
    const groups = Object.keys(doc).filter(isGroupName)
    if (groups.length > 0) {
      fail(
        file,
        `${file} looks like a parameter file (it has the parameter group ${groups[0]} at the top level), not an experiment: ` +
          `an experiment file starts with "format: ${EXPERIMENT_FORMAT}"; to use these parameters, name the file in a parameter set (file: ${file})`
      )
    }
    problems.add(`The file does not say it is an experiment: add the line "format: ${EXPERIMENT_FORMAT}" at its top`, [])
  } else if (doc.format !== EXPERIMENT_FORMAT) {
    const shown = typeof doc.format === 'string' ? quote(doc.format) : describeValue(doc.format)
    problems.add(`format = ${shown} is not "${EXPERIMENT_FORMAT}": this is not an experiment file of the workbench`, ['format'])
  }
  if (Object.hasOwn(doc, 'version')) {
    const v = doc.version
    if (typeof v === 'number' && Number.isInteger(v) && v > EXPERIMENT_FORMAT_VERSION) {
      problems.add(`version = ${v}: this file was written by a newer version of the workbench, which this one cannot read (it reads version ${EXPERIMENT_FORMAT_VERSION})`, ['version'])
    } else if (v !== EXPERIMENT_FORMAT_VERSION) {
      problems.add(`version = ${typeof v === 'string' ? quote(v) : describeValue(v)} is not a known version: write "version: ${EXPERIMENT_FORMAT_VERSION}" (a number)`, ['version'])
    }
  }
}

function checkTopLevelKeys(doc: Mapping, problems: Problems): void {
  for (const key of Object.keys(doc)) {
    if ((TOP_LEVEL_KEYS as readonly string[]).includes(key)) continue
    let message: string
    if (isGroupName(key)) {
      message = `'${key}' is a parameter group: in an experiment file, parameters live in a parameter set (parameter_sets: -> a set name -> ${key}:)`
    } else if ((CONDITION_KEYS as readonly string[]).includes(key)) {
      message = `'${key}' is a setting of each condition: write it inside the entries under conditions:`
    } else if (groupOfField(key)) {
      message = `'${key}' is a parameter (${groupOfField(key)}.${key}): in an experiment file, parameters live in a parameter set (parameter_sets: -> a set name -> ${groupOfField(key)}:)`
    } else {
      message = `Unknown key '${key}' at the top level: ${unknownKeyHint(key, TOP_LEVEL_KEYS)}`
    }
    problems.add(message, [key])
  }
}

/** A problem with a name, or null: names are one line of 1..max characters. */
function nameProblem(what: string, value: unknown, max: number): string | null {
  if (typeof value !== 'string') {
    const hint = typeof value === 'number' || typeof value === 'boolean' ? `: put it in quotes ("${String(value)}")` : ''
    return `${what} must be text, not ${describeValue(value)}${hint}`
  }
  if (value.trim() === '') return `${what} is blank: give it a name`
  if (value.length > max) return `${what} has ${value.length} characters; names are limited to ${max}`
  if (/[\u0000-\u001f\u007f-\u009f]/.test(value)) return `${what} ${quote(value)} contains a line break or control character: keep names on one line`
  if (value === '__proto__') return `${what} '__proto__' is reserved: choose another name`
  return null
}

function experimentName(doc: Mapping, file: string, problems: Problems): string {
  const v = doc.name
  if (v === undefined || v === null) {
    const base = file.split(/[\\/]/).pop() ?? ''
    const stem = base.replace(/(\.experiment)?\.ya?ml$/i, '').trim()
    return stem.slice(0, MAX_EXPERIMENT_NAME_CHARS) || 'Experiment'
  }
  const p = nameProblem('The experiment name', v, MAX_EXPERIMENT_NAME_CHARS)
  if (p) problems.add(p, ['name'])
  return typeof v === 'string' ? v : ''
}

interface SetsResult {
  /** Valid sets by name. */
  values: Record<string, ParameterSet>
  /** Every set name the file defines, valid or not. */
  names: string[]
  /** False when parameter_sets itself is unusable: condition references cannot be checked. */
  usable: boolean
}

function isAbsolutePath(p: string): boolean {
  return /^([a-zA-Z]:)?[\\/]/.test(p)
}

function paramErrorPath(setPath: Path, e: ParamError): Path {
  const out = [...setPath]
  if (e.group) out.push(e.group)
  if (e.group && e.key) out.push(e.key)
  return out
}

function readIncludedSet(name: string, value: Mapping, setPath: Path, problems: Problems, resolveInclude: IncludeResolver | undefined): ParameterSet | undefined {
  const filePath = [...setPath, 'file']
  const others = Object.keys(value).filter((k) => k !== 'file')
  if (others.length > 0) {
    problems.add(`Parameter set '${name}' has both "file:" and ${others.map((k) => `'${k}'`).join(', ')}: a set either reads a combined parameter file or lists its groups, not both`, [...setPath, others[0]])
    return undefined
  }
  const rel = value.file
  if (typeof rel !== 'string' || rel.trim() === '') {
    problems.add(`Parameter set '${name}': file must be the path of a combined parameter file, relative to the experiment file, not ${describeValue(rel)}`, filePath)
    return undefined
  }
  if (isAbsolutePath(rel)) {
    problems.add(`Parameter set '${name}': file ${quote(rel)} is an absolute path; give it relative to the experiment file, so the two can be moved together`, filePath)
    return undefined
  }
  if (!resolveInclude) {
    problems.add(`Parameter set '${name}' reads ${rel}, but includes are not available here: copy that file's parameter groups into the set instead`, filePath)
    return undefined
  }
  let text: string | undefined
  try {
    text = resolveInclude(rel)
  } catch (e) {
    problems.add(`Parameter set '${name}': ${rel} could not be read (${e instanceof Error ? e.message : String(e)})`, filePath)
    return undefined
  }
  if (text === undefined) {
    problems.add(`Parameter set '${name}' reads ${rel}, which was not found (the path is relative to the experiment file)`, filePath)
    return undefined
  }
  try {
    return parseCombinedYaml(text, rel)
  } catch (e) {
    if (!(e instanceof ParameterFileError)) throw e
    for (const err of e.errors) problems.add(`Parameter set '${name}' reads ${formatParamError({ ...err, file: err.file ?? rel })}`, filePath)
    return undefined
  }
}

/**
 * An inline set is a combined parameter file's groups. It goes through the
 * params module's own combined-file reader (defaults for omitted groups and
 * keys, validation, cross-field rules), so both layouts can never drift apart;
 * the reader's line numbers refer to the re-serialised text, so each error is
 * placed again by its group and key within the experiment file.
 */
function readInlineSet(name: string, value: Mapping, setPath: Path, problems: Problems): ParameterSet | undefined {
  try {
    return parseCombinedYaml(dump(value), `parameter set '${name}'`)
  } catch (e) {
    if (!(e instanceof ParameterFileError)) throw e
    for (const err of e.errors) problems.add(`Parameter set '${name}': ${err.message}`, paramErrorPath(setPath, err))
    return undefined
  }
}

function readParameterSets(doc: Mapping, problems: Problems, resolveInclude: IncludeResolver | undefined): SetsResult {
  if (!Object.hasOwn(doc, 'parameter_sets')) {
    return { values: { [DEFAULT_SET_NAME]: defaultParameterSet() }, names: [DEFAULT_SET_NAME], usable: true }
  }
  const sets = doc.parameter_sets
  const result: SetsResult = { values: {}, names: [], usable: false }
  const example = 'e.g. "default: {}" for the reference parameters'
  if (sets === null || (isPlainMapping(sets) && Object.keys(sets).length === 0)) {
    problems.add(`parameter_sets is empty: define at least one parameter set, ${example}, or remove the key`, ['parameter_sets'])
    return result
  }
  if (!isPlainMapping(sets)) {
    problems.add(`parameter_sets must be a group of named parameter sets (${example}), not ${describeValue(sets)}`, ['parameter_sets'])
    return result
  }
  const names = Object.keys(sets)
  if (names.length > MAX_PARAMETER_SETS) {
    problems.add(`parameter_sets defines ${names.length} sets; an experiment may have at most ${MAX_PARAMETER_SETS}`, ['parameter_sets'])
    return result
  }
  result.usable = true
  result.names = names
  for (const name of names) {
    const setPath: Path = ['parameter_sets', name]
    const np = nameProblem(`The parameter set name ${quote(name)}`, name, MAX_NAME_CHARS)
    if (np) {
      problems.add(np, setPath)
      continue
    }
    const raw = sets[name]
    const value = raw === null ? {} : raw
    if (!isPlainMapping(value)) {
      problems.add(`Parameter set '${name}' must hold parameter groups (RS:, network:, simulation:, ...) or "file: <path>", not ${describeValue(value)}`, setPath)
      continue
    }
    const params = Object.hasOwn(value, 'file') ? readIncludedSet(name, value, setPath, problems, resolveInclude) : readInlineSet(name, value, setPath, problems)
    if (params) Object.defineProperty(result.values, name, { value: params, enumerable: true, writable: true, configurable: true })
  }
  return result
}

function numberProblem(what: string, spec: NumberFieldSpec, v: unknown): string | null {
  const range = describeRange(spec)
  if (v === null || v === undefined) return `${what} has no value: expected a number, ${range}`
  if (typeof v === 'boolean') return `${what} = ${v} is a yes/no value, not a number (${range})`
  if (typeof v === 'string') {
    const looksNumeric = v.trim() !== '' && Number.isFinite(Number(v))
    return looksNumeric ? `${what} = "${v}" is text, not a number: remove the quotes` : `${what} = ${quote(v)} is text, not a number (${range})`
  }
  if (typeof v !== 'number') return `${what} is ${describeValue(v)}, not a number (${range})`
  if (Number.isNaN(v)) return `${what} is NaN (not a number): it must be a finite number, ${range}`
  if (!Number.isFinite(v)) return `${what} = ${v > 0 ? 'infinity' : '-infinity'} is not a finite number: it must be ${range}`
  if (!isInRange(spec, v)) return `${what} = ${v} is out of range: must be ${range}`
  if (spec.integer && !Number.isInteger(v)) return `${what} = ${v} must be a whole number (${range})`
  return null
}

function conditionKeyProblem(label: string, key: string): string {
  if (isGroupName(key)) {
    return `${label} sets the parameter group '${key}': conditions vary only ${CONDITION_KEYS.join(', ')}; put ${key} in a parameter set and name that set in the condition's parameter_set`
  }
  const group = groupOfField(key)
  if (group) {
    return `${label} sets '${key}', a parameter (${group}.${key}): conditions vary only ${CONDITION_KEYS.join(', ')}; put it in a parameter set and name that set in the condition's parameter_set`
  }
  return `${label} has no setting '${key}': ${unknownKeyHint(key, CONDITION_KEYS)}`
}

function readCondition(item: unknown, index: number, sets: SetsResult, problems: Problems): ConditionSpec | undefined {
  const path: Path = ['conditions', index]
  const line = problems.line(path)
  const at = line !== undefined ? ` (line ${line})` : ''
  if (!isPlainMapping(item)) {
    problems.add(`Condition ${index + 1}${at} must be a group of settings (name:, mu_exc:, ...), not ${describeValue(item)}`, path)
    return undefined
  }
  const before = problems.list.length
  const nameOk = typeof item.name === 'string' && nameProblem('', item.name, MAX_NAME_CHARS) === null
  const label = nameOk ? `Condition '${item.name as string}'` : `Condition ${index + 1}`
  for (const key of Object.keys(item)) {
    if (!(CONDITION_KEYS as readonly string[]).includes(key)) problems.add(conditionKeyProblem(`${label}${at}`, key), [...path, key])
  }
  if (!Object.hasOwn(item, 'name') || item.name === null) {
    problems.add(`${label}${at} has no name: every condition needs one (name: ...)`, path)
  } else {
    const np = nameProblem(`${label}: its name`, item.name, MAX_NAME_CHARS)
    if (np) problems.add(np, [...path, 'name'])
  }

  let setName: string | undefined
  if (!Object.hasOwn(item, 'parameter_set') || item.parameter_set === null) {
    if (sets.names.length === 1) setName = sets.names[0]
    else if (sets.usable) {
      problems.add(`${label}${at} does not say which parameter set it uses: add "parameter_set:" with one of ${listNames(sets.names)}`, path)
    }
  } else if (typeof item.parameter_set !== 'string') {
    problems.add(`${label}: parameter_set must be the name of a parameter set, not ${describeValue(item.parameter_set)}`, [...path, 'parameter_set'])
  } else {
    setName = item.parameter_set
    if (sets.usable && !sets.names.includes(setName)) {
      problems.add(
        `${label}${at} uses parameter set '${setName}', which the file does not define (it defines: ${listNames(sets.names, MAX_PARAMETER_SETS)}).`,
        [...path, 'parameter_set']
      )
    }
  }
  const base = setName !== undefined && Object.hasOwn(sets.values, setName) ? sets.values[setName] : undefined

  const number = (key: keyof typeof CONDITION_NUMBERS, fallback: number | undefined): number => {
    if (!Object.hasOwn(item, key)) return fallback ?? NaN
    const v = item[key]
    const p = numberProblem(`${label}: ${key}`, CONDITION_NUMBERS[key], v)
    if (p) problems.add(p, [...path, key])
    return v as number
  }
  const mu_exc = number('mu_exc', base?.serotonin.mu_exc)
  const mu_inh = number('mu_inh', base?.serotonin.mu_inh)

  let orientation: number | 'random' = base?.stimulus.orientation_deg ?? NaN
  if (Object.hasOwn(item, 'orientation')) {
    const v = item.orientation
    if (typeof v === 'string' && !(v.trim() !== '' && Number.isFinite(Number(v)))) {
      if (v === 'random') orientation = 'random'
      else {
        const hint = closestName(v, ['random']) ? ": did you mean 'random'?" : ''
        problems.add(`${label}: orientation = ${quote(v)} is neither a number of degrees (${describeRange(CONDITION_NUMBERS.orientation)}) nor 'random'${hint}`, [...path, 'orientation'])
      }
    } else {
      orientation = number('orientation', undefined)
    }
  }

  const seed = number('seed', base?.simulation.seed)
  const repetitions = number('repetitions', 1)
  if (problems.list.length === before && seed + repetitions - 1 > MAX_SEED) {
    problems.add(
      `${label}: seed ${seed} with ${repetitions} repetitions would use seeds up to ${seed + repetitions - 1}, above the largest seed ${MAX_SEED}`,
      [...path, Object.hasOwn(item, 'seed') ? 'seed' : 'repetitions']
    )
  }
  if (problems.list.length > before) return undefined
  return { name: item.name as string, parameterSet: setName as string, mu_exc, mu_inh, orientation, seed, repetitions }
}

function readConditions(doc: Mapping, sets: SetsResult, problems: Problems): ConditionSpec[] {
  const list = doc.conditions
  if (!Object.hasOwn(doc, 'conditions') && Object.hasOwn(doc, 'grid')) return []
  if (!Object.hasOwn(doc, 'conditions')) {
    problems.add('The file has no conditions: add "conditions:" with one entry per condition (- name: normal, mu_exc: 1, ...)', [])
    return []
  }
  if (list === null || (Array.isArray(list) && list.length === 0)) {
    problems.add('conditions is empty: add one entry per condition (- name: normal, mu_exc: 1, ...)', ['conditions'])
    return []
  }
  if (!Array.isArray(list)) {
    const hint = isPlainMapping(list) ? ': start each condition with "- name: ..."' : ''
    problems.add(`conditions must be a list of conditions, not ${describeValue(list)}${hint}`, ['conditions'])
    return []
  }
  if (list.length > MAX_CONDITIONS) {
    problems.add(`conditions has ${list.length} entries; an experiment may have at most ${MAX_CONDITIONS}`, ['conditions'])
    return []
  }
  const out: ConditionSpec[] = []
  const firstLine = new Map<string, number | undefined>()
  list.forEach((item, i) => {
    const c = readCondition(item, i, sets, problems)
    if (c) out.push(c)
    const name = isPlainMapping(item) ? item.name : undefined
    if (typeof name !== 'string') return
    if (firstLine.has(name)) {
      const a = firstLine.get(name)
      const b = problems.line(['conditions', i])
      const lines = a !== undefined && b !== undefined ? ` (lines ${a} and ${b})` : ''
      problems.add(`Two conditions are named '${name}'${lines}; condition names must be unique`, ['conditions', i, 'name'])
    } else {
      firstLine.set(name, problems.line(['conditions', i]))
    }
  })
  return out
}

function readControl(doc: Mapping, conditionNames: readonly string[], problems: Problems): string | undefined {
  const v = doc.control
  if (v === undefined || v === null) return undefined
  if (typeof v !== 'string') {
    problems.add(`control must be the name of a condition, not ${describeValue(v)}`, ['control'])
    return undefined
  }
  if (conditionNames.length > 0 && !conditionNames.includes(v)) {
    const guess = closestName(v, conditionNames)
    const hint = guess ? `: did you mean '${guess}'?` : ''
    problems.add(`control = ${quote(v)} names no condition${hint} (the conditions are ${listNames(conditionNames)})`, ['control'])
  }
  return v
}

function readGif(doc: Mapping, problems: Problems): GifSettings | undefined {
  const v = doc.gif
  if (v === undefined) return undefined
  if (v === null) return { ...DEFAULT_GIF }
  if (!isPlainMapping(v)) {
    problems.add(`gif must be a group of settings (${GIF_KEYS.join(', ')}), not ${describeValue(v)}`, ['gif'])
    return undefined
  }
  for (const key of Object.keys(v)) {
    if (!(GIF_KEYS as readonly string[]).includes(key)) problems.add(`gif has no setting '${key}': ${unknownKeyHint(key, GIF_KEYS)}`, ['gif', key])
  }
  const out: GifSettings = { ...DEFAULT_GIF }
  for (const key of Object.keys(GIF_NUMBERS) as Array<keyof typeof GIF_NUMBERS>) {
    if (!Object.hasOwn(v, key)) continue
    const p = numberProblem(`gif.${key}`, GIF_NUMBERS[key], v[key])
    if (p) problems.add(p, ['gif', key])
    else out[key] = v[key] as number
  }
  if (Object.hasOwn(v, 'mode')) {
    const mode = v.mode
    if (typeof mode === 'string' && (GIF_MODES as readonly string[]).includes(mode)) out.mode = mode as GifSettings['mode']
    else {
      const guess = typeof mode === 'string' ? closestName(mode, GIF_MODES) : undefined
      const shown = typeof mode === 'string' ? quote(mode) : describeValue(mode)
      problems.add(`gif.mode = ${shown} is not an option: must be 'accumulate' or 'sliding'${guess ? `; did you mean '${guess}'?` : ''}`, ['gif', 'mode'])
    }
  }
  return out
}

function readEarlyStop(doc: Mapping, problems: Problems): boolean {
  const v = doc.early_stop
  if (v === undefined || v === null || typeof v === 'boolean') return v === true
  problems.add(`early_stop must be true or false (stop each run once its termination time is decided), not ${describeValue(v)}`, ['early_stop'])
  return false
}

function gridDefaults(sets: SetsResult): GridDefaults {
  return { setNames: sets.names, setValues: (name) => (Object.hasOwn(sets.values, name) ? sets.values[name] : undefined) }
}

/**
 * Reads an experiment file. `fileName` names it in messages; `resolveInclude`
 * returns the text of a combined parameter file named relative to it (a set's
 * "file:"), or undefined when there is no such file. Throws ExperimentFileError
 * listing every problem, each with its line in the experiment file.
 */
export function parseExperimentYaml(text: string, fileName: string, resolveInclude?: IncludeResolver): ExperimentSpec {
  const doc = loadDocument(text, fileName)
  const problems = new Problems(locatePaths(text))
  checkMarker(doc, fileName, problems)
  checkTopLevelKeys(doc, problems)
  const name = experimentName(doc, fileName, problems)
  const sets = readParameterSets(doc, problems, resolveInclude)
  const conditions = readConditions(doc, sets, problems)
  const conditionNames = Array.isArray(doc.conditions)
    ? doc.conditions.flatMap((c) => (isPlainMapping(c) && typeof c.name === 'string' ? [c.name] : []))
    : []
  if (Object.hasOwn(doc, 'grid')) {
    const { conditions: cells, parameterSets } = readGrid(doc.grid, gridDefaults(sets), problems, conditions.length)
    Object.assign(sets.values, parameterSets)
    for (const c of cells) {
      if (conditionNames.includes(c.name)) problems.add(`grid cell '${c.name}' has the name of a condition of the file; rename that condition`, ['grid'])
    }
    conditions.push(...cells)
    conditionNames.push(...cells.map((c) => c.name))
  }
  const control = readControl(doc, conditionNames, problems)
  const gif = readGif(doc, problems)
  const earlyStop = readEarlyStop(doc, problems)
  if (problems.list.length > 0) {
    const sorted = problems.list.map((p, i) => ({ p, i })).sort((a, b) => (a.p.line ?? 0) - (b.p.line ?? 0) || a.i - b.i)
    throw new ExperimentFileError(sorted.map((x) => x.p), fileName)
  }
  const spec: ExperimentSpec = { name, parameterSets: sets.values, conditions }
  if (control !== undefined) spec.control = control
  if (gif !== undefined) spec.gif = gif
  if (earlyStop) spec.earlyStop = true
  return spec
}
