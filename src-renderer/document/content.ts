/**
 * The editable part of a project: parameter sets, conditions, control, GIF settings and early
 * stopping. It is
 * what undo/redo snapshots and what dirty tracking compares; the project's name, path and view
 * state live beside it in the project store.
 */
import type { ParameterSet } from '../../src-shared/params/types'
import { defaultParameterSet } from '../../src-shared/params/schema'
import type { ConditionSpec, ExperimentSpec, GifSettings } from '../../src-shared/experiment/types'
import { notebookConditions } from '../../src-shared/experiment/presets'
import type { ProjectDocument } from '../../src-shared/ipc/contract'

export interface DocumentContent {
  parameterSets: Record<string, ParameterSet>
  conditions: ConditionSpec[]
  control?: string
  gif?: GifSettings
  /** Early stopping; serialised only when on, so a project that never touched it compares equal to a new one. */
  earlyStop?: boolean
}

export const DEFAULT_SET_NAME = 'default'
export const UNTITLED = 'Untitled project'

export function defaultContent(): DocumentContent {
  return { parameterSets: { [DEFAULT_SET_NAME]: defaultParameterSet() }, conditions: notebookConditions(DEFAULT_SET_NAME) }
}

/** Canonical text of the content: fixed key order, so equal documents serialise equally. */
export function serializeContent(d: DocumentContent): string {
  return JSON.stringify({ parameterSets: d.parameterSets, conditions: d.conditions, control: d.control, gif: d.gif, earlyStop: d.earlyStop ? true : undefined })
}

export function parseContent(text: string): DocumentContent {
  return JSON.parse(text) as DocumentContent
}

export function contentFromDocument(doc: Pick<ProjectDocument, 'parameterSets' | 'conditions' | 'control' | 'gif' | 'earlyStop'>): DocumentContent {
  return parseContent(serializeContent(doc))
}

/** A plain (proxy-free, structured-clonable) experiment from the document. */
export function experimentFromContent(name: string, d: DocumentContent): ExperimentSpec {
  const c = parseContent(serializeContent(d))
  const exp: ExperimentSpec = { name, parameterSets: c.parameterSets, conditions: c.conditions }
  if (c.control !== undefined) exp.control = c.control
  if (c.gif !== undefined) exp.gif = c.gif
  if (c.earlyStop) exp.earlyStop = true
  return exp
}

/** `base`, or `base 2`, `base 3`... whichever is not taken. */
export function uniqueName(base: string, taken: Iterable<string>): string {
  const used = new Set(taken)
  const stem = base.trim() || 'set'
  if (!used.has(stem)) return stem
  for (let i = 2; ; i++) {
    const candidate = `${stem} ${i}`
    if (!used.has(candidate)) return candidate
  }
}
