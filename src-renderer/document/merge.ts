/**
 * Bringing conditions and parameter sets from elsewhere (an experiment file, a preset) into the
 * document without silently replacing anything: either alongside what is there, with fresh
 * names, or replacing it after the user said so.
 */
import type { GroupName, ParameterSet } from '../../src-shared/params/types'
import type { ConditionSpec, ExperimentSpec } from '../../src-shared/experiment/types'
import { differingFields, parametersSha256 } from '../../src-shared/params/canonical'
import { defaultParameterSet } from '../../src-shared/params/schema'
import { notebookExperiment, sweepExperiment } from '../../src-shared/experiment/presets'
import { DEFAULT_SET_NAME, uniqueName, type DocumentContent } from './content'

export type PresetName = 'notebook' | 'sweep'

/** A proxy-free copy (the document is reactive, and structuredClone refuses proxies). */
function plainCopy(p: ParameterSet): ParameterSet {
  return JSON.parse(JSON.stringify(p)) as ParameterSet
}

/** A set's name in `d` with exactly these values, or a new name for them after adding them. */
function placeSet(d: DocumentContent, name: string, params: ParameterSet): string {
  const sha = parametersSha256(params)
  const same = Object.keys(d.parameterSets).find((k) => parametersSha256(d.parameterSets[k]) === sha)
  if (same !== undefined) return same
  const fresh = uniqueName(name, Object.keys(d.parameterSets))
  d.parameterSets[fresh] = plainCopy(params)
  return fresh
}

function appendConditions(d: DocumentContent, rows: readonly ConditionSpec[], setName: (original: string) => string): Map<string, string> {
  const renamed = new Map<string, string>()
  for (const c of rows) {
    const name = uniqueName(c.name, d.conditions.map((x) => x.name))
    renamed.set(c.name, name)
    d.conditions.push({ ...c, name, parameterSet: setName(c.parameterSet) })
  }
  return renamed
}

/** Adds an experiment's sets (reusing identical ones) and conditions (renamed where taken) to `d`. */
export function addAlongside(d: DocumentContent, exp: ExperimentSpec): void {
  const sets = new Map<string, string>()
  for (const [name, params] of Object.entries(exp.parameterSets)) sets.set(name, placeSet(d, name, params))
  const renamed = appendConditions(d, exp.conditions, (s) => sets.get(s) ?? s)
  if (d.control === undefined && exp.control !== undefined && renamed.has(exp.control)) d.control = renamed.get(exp.control)
  if (d.gif === undefined && exp.gif !== undefined) d.gif = { ...exp.gif }
}

/** The experiment a preset stands for (equal to its example file in resources/examples). */
export function presetExperiment(preset: PresetName): ExperimentSpec {
  return preset === 'notebook' ? notebookExperiment() : sweepExperiment()
}

/** The settings a preset makes: those where any preset's set differs from the defaults (the burst threshold). */
function presetOwnedFields(): Array<{ group: GroupName; key: string }> {
  const base = defaultParameterSet()
  const out = new Map<string, { group: GroupName; key: string }>()
  for (const p of ['notebook', 'sweep'] as const) {
    for (const set of Object.values(presetExperiment(p).parameterSets)) {
      for (const f of differingFields(base, set)) out.set(`${f.group}.${f.key}`, { group: f.group, key: f.key })
    }
  }
  return [...out.values()]
}

/**
 * The preset's conditions, run with the document's own parameter set ('default', else the first)
 * plus the settings the preset makes (the sweep's 80 Hz burst threshold). When those settings
 * change the set, the result is a new set beside it: the user's set is never changed. Returns
 * the name of the set the preset's conditions use.
 */
export function applyPreset(d: DocumentContent, preset: PresetName, mode: 'replace' | 'add'): string {
  const exp = presetExperiment(preset)
  const [presetSetName, presetSet] = Object.entries(exp.parameterSets)[0]
  const baseName = Object.hasOwn(d.parameterSets, DEFAULT_SET_NAME) ? DEFAULT_SET_NAME : Object.keys(d.parameterSets)[0]
  let target: string
  if (baseName === undefined) {
    target = placeSet(d, presetSetName, presetSet)
  } else {
    const params = plainCopy(d.parameterSets[baseName])
    for (const f of presetOwnedFields()) {
      ;(params[f.group] as unknown as Record<string, unknown>)[f.key] = (presetSet[f.group] as unknown as Record<string, unknown>)[f.key]
    }
    target = parametersSha256(params) === parametersSha256(d.parameterSets[baseName]) ? baseName : placeSet(d, `${baseName} (${preset})`, params)
  }
  if (mode === 'replace') {
    d.conditions = exp.conditions.map((c) => ({ ...c, parameterSet: target }))
    if (exp.control === undefined) delete d.control
    else d.control = exp.control
    return target
  }
  const renamed = appendConditions(d, exp.conditions, () => target)
  if (d.control === undefined && exp.control !== undefined) d.control = renamed.get(exp.control)
  return target
}

/** Whether the conditions table holds something a preset would replace: anything but a preset's rows. */
export function conditionsEdited(d: DocumentContent): boolean {
  if (d.conditions.length === 0) return false
  const shape = (rows: readonly ConditionSpec[]) => JSON.stringify(rows.map(({ parameterSet: _, ...rest }) => rest))
  const now = shape(d.conditions)
  return now !== shape(notebookExperiment().conditions) && now !== shape(sweepExperiment().conditions)
}
