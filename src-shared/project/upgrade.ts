/**
 * Reading projects saved by earlier versions: each format change adds one step to UPGRADES,
 * and a file is carried step by step from its version to the current one, then validated
 * as a current project. Steps work on raw JSON and must tolerate any shape (validation
 * afterwards reports what is wrong); they never mutate their input.
 *
 * Format 1 (the first public files): runs had no `inputMode` (all were 'exact'), parameter sets
 * had no simulation.input_mode, conditions had `orientation_deg` (a number) where format 2 has
 * `orientation` (a number or 'random'), and the document had no `view` and no `gif` settings.
 *
 * Format 2: runs had no `parametersSha256` / `conditionSha256` (format 3 computes them from each
 * run's stored parameters) and no `provenance` (an upgraded run keeps none: how it was made was not
 * recorded, so Verify reports it as not verifiable rather than guessing).
 */
import { DEFAULT_GIF } from '../experiment/presets'
import { ProjectFormatError } from './errors'
import { parameterSetGuard } from '../ipc/payloads'
import { parameterHashes } from '../params/run-hashes'
import { CURRENT_FORMAT_VERSION, PROJECT_FORMAT, type ProjectFile } from './format'
import { validateProject } from './validate-project'

export { CURRENT_FORMAT_VERSION }

type Json = Record<string, unknown>

export interface UpgradeStep {
  from: number
  to: number
  describe: string
  apply(project: Json): Json
}

function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
}

/** simulation.input_mode = 'exact' when a format-1 parameter set lacks it. */
function withInputMode(params: unknown): unknown {
  if (!isObject(params) || !isObject(params.simulation) || 'input_mode' in params.simulation) return params
  return { ...params, simulation: { ...params.simulation, input_mode: 'exact' } }
}

function upgradeCondition(c: unknown): unknown {
  if (!isObject(c) || !('orientation_deg' in c) || 'orientation' in c) return c
  const { orientation_deg, ...rest } = c
  return { ...rest, orientation: orientation_deg }
}

function upgradeDocument1to2(doc: unknown): unknown {
  if (!isObject(doc)) return doc
  const out: Json = { ...doc }
  if (Array.isArray(doc.conditions)) out.conditions = doc.conditions.map(upgradeCondition)
  if (isObject(doc.parameterSets)) {
    const sets: Json = {}
    for (const [k, v] of Object.entries(doc.parameterSets)) sets[k] = withInputMode(v)
    out.parameterSets = sets
  }
  if (!('view' in doc)) out.view = {}
  if (!('gif' in doc)) out.gif = { ...DEFAULT_GIF }
  return out
}

function upgradeRun1to2(run: unknown): unknown {
  if (!isObject(run)) return run
  const out: Json = { ...run, params: withInputMode(run.params) }
  if (!('inputMode' in run)) out.inputMode = 'exact'
  return out
}

/** Hashes from the run's stored parameters; a run whose parameters are damaged is left for validation to report. */
function upgradeRun2to3(run: unknown): unknown {
  if (!isObject(run)) return run
  let params
  try {
    params = parameterSetGuard.check(run.params, 'params')
  } catch {
    return run
  }
  return { ...run, ...parameterHashes(params) }
}

export const UPGRADES: readonly UpgradeStep[] = [
  {
    from: 1,
    to: 2,
    describe: "runs get inputMode 'exact', parameter sets simulation.input_mode 'exact', conditions' orientation_deg becomes orientation, the document gets empty view state and the default GIF settings",
    apply(project) {
      return {
        ...project,
        formatVersion: 2,
        document: upgradeDocument1to2(project.document),
        runs: Array.isArray(project.runs) ? project.runs.map(upgradeRun1to2) : project.runs
      }
    }
  },
  {
    from: 2,
    to: 3,
    describe: "runs get parametersSha256 and conditionSha256, computed from each run's stored parameters; runs saved before provenance was recorded have none",
    apply(project) {
      return { ...project, formatVersion: 3, runs: Array.isArray(project.runs) ? project.runs.map(upgradeRun2to3) : project.runs }
    }
  }
]

export interface UpgradeResult {
  project: ProjectFile
  /** The format the file was saved in, when it was older than the current one. */
  upgradedFrom?: number
}

export const NOT_A_PROJECT = 'This is not a Serotonin Workbench project file'

/** Upgrades parsed project JSON of any supported format to the current one and validates it fully. */
export function upgradeProject(raw: unknown): UpgradeResult {
  if (!isObject(raw) || raw.format !== PROJECT_FORMAT) throw new ProjectFormatError('not-project', `${NOT_A_PROJECT}.`)
  const version = raw.formatVersion
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    throw new ProjectFormatError('invalid', `The project file has an invalid format version ${JSON.stringify(version) ?? 'undefined'}; expected a whole number from 1 to ${CURRENT_FORMAT_VERSION}.`)
  }
  if (version > CURRENT_FORMAT_VERSION) {
    throw new ProjectFormatError(
      'newer',
      `This project was saved by a newer version of the workbench (format ${version}); this version reads formats up to ${CURRENT_FORMAT_VERSION}. Update the app to open it.`
    )
  }
  let current: Json = raw
  let v = version
  while (v < CURRENT_FORMAT_VERSION) {
    const step = UPGRADES.find((s) => s.from === v)
    if (!step || step.to <= v) throw new ProjectFormatError('invalid', `This version cannot upgrade project files of format ${v}.`)
    current = step.apply(current)
    v = step.to
  }
  const project = validateProject(current)
  return version < CURRENT_FORMAT_VERSION ? { project, upgradedFrom: version } : { project }
}
