/**
 * The open project: its document (parameter sets, conditions, control, GIF settings), name and
 * path, dirty tracking against the last save, undo/redo, and the file commands (new, open,
 * save, autosave, recovery) the File menu and the toolbar trigger.
 *
 * Every edit goes through an action here so it becomes an undo step and updates the dirty flag;
 * components read `doc` and never write to it directly.
 */
import { defineStore } from 'pinia'
import { computed, ref, watch } from 'vue'
import type { GroupName, ParameterSet } from '../../src-shared/params/types'
import { defaultParameterSet, getFieldSpec } from '../../src-shared/params/schema'
import type { ConditionSpec, ExperimentSpec, GifSettings } from '../../src-shared/experiment/types'
import type { MenuCommand, OpenedProject, ProjectDocument } from '../../src-shared/ipc/contract'
import { formatParamError, type ParamError } from '../../src-shared/params/errors'
import { api } from '../api'
import {
  DEFAULT_SET_NAME, UNTITLED, contentFromDocument, defaultContent, experimentFromContent, parseContent,
  serializeContent, uniqueName, type DocumentContent
} from '../document/content'
import { UndoHistory } from '../document/undo-history'
import { addAlongside, applyPreset as applyPresetTo, conditionsEdited, type PresetName } from '../document/merge'
import { documentProblem } from '../document/document-problems'
import { MAX_NAME_CHARS } from '../document/condition-checks'
import { useRunsStore } from './runs'
import { useDraftsStore } from './drafts'
import { isViewName, useUiStore } from './ui'
import { errorText, useNoticesStore } from './notices'

export const AUTOSAVE_INTERVAL_MS = 30_000

export type { PresetName }

export interface RecoverableAutosave {
  savedAt: string
  name: string
}

function details(errors: ParamError[] | undefined): string[] | undefined {
  return errors?.map(formatParamError)
}

export const useProjectStore = defineStore('project', () => {
  const ui = useUiStore()
  const notices = useNoticesStore()
  const runs = useRunsStore()
  const drafts = useDraftsStore()

  const name = ref(UNTITLED)
  const path = ref<string | null>(null)
  const doc = ref<DocumentContent>(defaultContent())
  /** Free-form view state saved with the project (not undoable, does not make it dirty). */
  const view = ref<Record<string, unknown>>({})
  const history = new UndoHistory(serializeContent(doc.value))
  /** Serialised content now and at the last save; dirty is their difference, so undoing back to the saved state is clean. */
  const current = ref(history.snapshot)
  const saved = ref(history.snapshot)
  const historyCanUndo = ref(false)
  /** Invalid text in a field is the last thing typed: undo clears it first. */
  const canUndo = computed(() => historyCanUndo.value || drafts.any)
  const canRedo = ref(false)
  const recoverable = ref<RecoverableAutosave | null>(null)
  const busy = ref(false)
  /**
   * Which runs the project holds, as text: finished, imported or removed runs change what a save
   * writes, so they make the project unsaved (and autosaved) as edits do.
   */
  const runsNow = computed(() => [...runs.records.keys()].join('\n'))
  const runsSaved = ref('')
  const dirty = computed(() => current.value !== saved.value || runsNow.value !== runsSaved.value)
  let lastAutosaved = ''
  let lastAutosaveFailure = ''

  watch(dirty, (d) => {
    api().invoke('project:setDirty', { dirty: d }).catch(() => undefined)
  })

  const setNames = computed(() => Object.keys(doc.value.parameterSets))

  // ---- edits -------------------------------------------------------------------------------

  function syncHistory(): void {
    current.value = history.snapshot
    historyCanUndo.value = history.canUndo
    canRedo.value = history.canRedo
  }

  function ensureSelectedSet(): void {
    if (!Object.hasOwn(doc.value.parameterSets, ui.selectedSet)) ui.selectedSet = setNames.value[0] ?? DEFAULT_SET_NAME
  }

  /** Applies `mutate` to the document as one undo step (merged with the previous one for the same `coalesceKey` within 500 ms). */
  function edit(mutate: (d: DocumentContent) => void, coalesceKey?: string): void {
    mutate(doc.value)
    history.record(serializeContent(doc.value), coalesceKey)
    syncHistory()
  }

  function restore(snapshot: string | null): void {
    if (snapshot === null) return
    doc.value = parseContent(snapshot)
    syncHistory()
    ensureSelectedSet()
  }

  function undo(): void {
    if (drafts.any) drafts.discardAll()
    else restore(history.undo())
  }

  function redo(): void {
    restore(history.redo())
  }

  function writeParam(set: string, group: GroupName, key: string, value: number | string, coalesceKey?: string): void {
    const target = doc.value.parameterSets[set]?.[group] as unknown as Record<string, unknown> | undefined
    if (!target || !Object.hasOwn(target, key) || target[key] === value) return
    edit((d) => {
      ;(d.parameterSets[set][group] as unknown as Record<string, unknown>)[key] = value
    }, coalesceKey)
  }

  /** Sets one parameter; successive keystrokes in the same field coalesce into one undo step. */
  function setParam(set: string, group: GroupName, key: string, value: number | string): void {
    writeParam(set, group, key, value, `param:${set}.${group}.${key}`)
  }

  /** Back to the schema default, as an undo step of its own. */
  function resetParam(set: string, group: GroupName, key: string): void {
    const spec = getFieldSpec(group, key)
    if (spec) writeParam(set, group, key, spec.default)
  }

  function checkSetName(next: string, except?: string): string | null {
    const n = next.trim()
    if (n === '') return 'A parameter set needs a name.'
    if (n.length > MAX_NAME_CHARS) return `A parameter set name is limited to ${MAX_NAME_CHARS} characters.`
    if (n !== except && Object.hasOwn(doc.value.parameterSets, n)) return `There is already a parameter set named '${n}'.`
    return null
  }

  function addParameterSet(base = 'set', params: ParameterSet = defaultParameterSet()): string {
    const n = uniqueName(base, setNames.value)
    edit((d) => {
      d.parameterSets[n] = params
    })
    ui.selectedSet = n
    return n
  }

  function duplicateParameterSet(source: string): string | null {
    const src = doc.value.parameterSets[source]
    if (!src) return null
    return addParameterSet(`${source} copy`, parseContent(JSON.stringify({ parameterSets: { x: src } })).parameterSets.x)
  }

  /** Renames a set and every condition that uses it; returns the problem, or null when done. */
  function renameParameterSet(from: string, to: string): string | null {
    const next = to.trim()
    if (next === from) return null
    const problem = checkSetName(next, from)
    if (problem) return problem
    if (!Object.hasOwn(doc.value.parameterSets, from)) return `There is no parameter set '${from}'.`
    edit((d) => {
      // Rebuilt in order so the renamed set keeps its place in the list.
      const sets: Record<string, ParameterSet> = {}
      for (const [k, v] of Object.entries(d.parameterSets)) sets[k === from ? next : k] = v
      d.parameterSets = sets
      for (const c of d.conditions) if (c.parameterSet === from) c.parameterSet = next
    })
    if (ui.selectedSet === from) ui.selectedSet = next
    return null
  }

  /** Deletes a set unless a condition uses it or it is the last one; returns why not, or null. */
  function deleteParameterSet(set: string): string | null {
    const users = doc.value.conditions.filter((c) => c.parameterSet === set).map((c) => `'${c.name}'`)
    if (users.length) {
      const shown = users.length > 3 ? `${users.slice(0, 3).join(', ')} and ${users.length - 3} more` : users.join(', ')
      return `Parameter set '${set}' is used by condition${users.length > 1 ? 's' : ''} ${shown}: give ${users.length > 1 ? 'them' : 'it'} another set first.`
    }
    if (setNames.value.length <= 1) return 'A project needs at least one parameter set.'
    edit((d) => {
      delete d.parameterSets[set]
    })
    ensureSelectedSet()
    return null
  }

  function replaceParameterSet(set: string, params: ParameterSet): void {
    edit((d) => {
      d.parameterSets[set] = params
    })
  }

  function newConditionName(base: string): string {
    return uniqueName(base, doc.value.conditions.map((c) => c.name))
  }

  function updateCondition(index: number, patch: Partial<ConditionSpec>): void {
    const old = doc.value.conditions[index]
    if (!old) return
    const changed = (Object.keys(patch) as Array<keyof ConditionSpec>).filter((k) => patch[k] !== old[k])
    if (!changed.length) return
    edit((d) => {
      const c = d.conditions[index]
      if (patch.name !== undefined && d.control === c.name) d.control = patch.name
      Object.assign(c, patch)
    }, `cond:${index}.${changed.join(',')}`)
  }

  function addCondition(): void {
    const last = doc.value.conditions[doc.value.conditions.length - 1]
    const parameterSet = last?.parameterSet ?? (Object.hasOwn(doc.value.parameterSets, ui.selectedSet) ? ui.selectedSet : setNames.value[0])
    const row: ConditionSpec = last
      ? { ...last, name: newConditionName('condition') }
      : { name: newConditionName('condition'), parameterSet, mu_exc: 1, mu_inh: 1, orientation: 100, seed: 42, repetitions: 1 }
    edit((d) => {
      d.conditions.push(row)
    })
  }

  function duplicateCondition(index: number): void {
    const src = doc.value.conditions[index]
    if (!src) return
    const copy = { ...src, name: newConditionName(`${src.name} copy`) }
    edit((d) => {
      d.conditions.splice(index + 1, 0, copy)
    })
  }

  function removeCondition(index: number): void {
    const c = doc.value.conditions[index]
    if (!c) return
    edit((d) => {
      d.conditions.splice(index, 1)
      if (d.control === c.name) delete d.control
    })
  }

  /**
   * A reference preset's conditions (see document/merge.ts), replacing the table or added to it;
   * callers ask first when the table holds edited conditions (conditionsEdited).
   */
  function applyPreset(preset: PresetName, mode: 'replace' | 'add' = 'replace'): void {
    const before = new Set(setNames.value)
    let target = ''
    edit((d) => {
      target = applyPresetTo(d, preset, mode)
    })
    if (!before.has(target)) notices.info(`The ${preset} preset's conditions use the new parameter set '${target}': your set with the preset's burst threshold (${doc.value.parameterSets[target].termination.burst_threshold_hz} Hz).`)
  }

  function setControl(control: string | undefined): void {
    edit((d) => {
      if (control === undefined) delete d.control
      else d.control = control
    })
  }

  function setGif(gif: GifSettings | undefined): void {
    edit((d) => {
      if (gif === undefined) delete d.gif
      else d.gif = { ...gif }
    })
  }

  /** Early stopping for the project's runs (saved with it, so a reopened project reruns the same way). */
  function setEarlyStop(on: boolean): void {
    edit((d) => {
      if (on) d.earlyStop = true
      else delete d.earlyStop
    })
  }

  /**
   * An imported experiment (one undo step): replacing sets, conditions, control and GIF settings,
   * or added alongside them with fresh names. Callers ask first unless importWouldReplace() is false.
   */
  function importExperiment(exp: ExperimentSpec, mode: 'replace' | 'add' = 'replace'): void {
    if (mode === 'add') {
      edit((d) => addAlongside(d, exp))
      return
    }
    edit((d) => {
      const c = contentFromDocument(exp)
      d.parameterSets = c.parameterSets
      d.conditions = c.conditions
      if (c.control === undefined) delete d.control
      else d.control = c.control
      if (c.gif === undefined) delete d.gif
      else d.gif = c.gif
      if (c.earlyStop) d.earlyStop = true
      else delete d.earlyStop
    })
    ensureSelectedSet()
  }

  /** Whether an import would replace anything beyond a new project's untouched content. */
  function importWouldReplace(): boolean {
    return serializeContent(doc.value) !== serializeContent(defaultContent())
  }

  function presetWouldReplace(): boolean {
    return conditionsEdited(doc.value)
  }

  function setView(key: string, value: unknown): void {
    view.value = { ...view.value, [key]: value }
  }

  function experiment(): ExperimentSpec {
    return experimentFromContent(name.value, doc.value)
  }

  // ---- files -------------------------------------------------------------------------------

  /** The whole document as plain data, ready to cross the IPC boundary. */
  function snapshot(): ProjectDocument {
    const v = JSON.parse(JSON.stringify({ ...view.value, activeView: ui.activeView })) as Record<string, unknown>
    return { name: name.value, ...parseContent(current.value), view: v }
  }

  function load(content: DocumentContent, projectName: string, projectPath: string | null, viewState: Record<string, unknown>, markDirty: boolean): void {
    doc.value = content
    drafts.discardAll()
    name.value = projectName
    path.value = projectPath
    view.value = { ...viewState }
    history.reset(serializeContent(content))
    syncHistory()
    saved.value = markDirty ? '' : current.value
    lastAutosaved = ''
    ui.selectedSet = setNames.value[0] ?? DEFAULT_SET_NAME
    if (isViewName(viewState.activeView)) ui.activeView = viewState.activeView
  }

  function loadProject(p: OpenedProject, markDirty = false): void {
    load(contentFromDocument(p.document), p.name, p.path, p.document.view ?? {}, markDirty)
    runs.reset(p.runs, p.conditionParameters)
    runsSaved.value = runsNow.value
    if (p.upgradedFrom !== undefined) notices.info(`'${p.name}' was written by an older version (format ${p.upgradedFrom}); saving writes the current format.`)
  }

  function confirmDiscard(action: string): boolean {
    if (!dirty.value) return true
    return window.confirm(`'${name.value}' has unsaved changes. Discard them and ${action}?`)
  }

  async function guarded<T>(work: () => Promise<T>, fallback: T): Promise<T> {
    busy.value = true
    try {
      return await work()
    } catch (e) {
      notices.error(errorText(e))
      return fallback
    } finally {
      busy.value = false
    }
  }

  async function newProject(): Promise<boolean> {
    if (!confirmDiscard('start a new project')) return false
    return guarded(async () => {
      await api().invoke('project:new')
      load(defaultContent(), UNTITLED, null, {}, false)
      runs.reset()
      runsSaved.value = runsNow.value
      return true
    }, false)
  }

  async function open(recentPath?: string, opts: { skipConfirm?: boolean } = {}): Promise<boolean> {
    if (!opts.skipConfirm && !confirmDiscard('open another project')) return false
    return guarded(async () => {
      const res = await api().invoke('project:open', recentPath === undefined ? {} : { recentPath })
      if (res.ok) {
        loadProject(res.project)
        return true
      }
      if (!('cancelled' in res)) notices.error(res.message, details(res.details))
      return false
    }, false)
  }

  async function save(saveAs = false): Promise<boolean> {
    const document = snapshot()
    const problem = documentProblem(document)
    if (problem) {
      notices.error(`Cannot save yet. ${problem}`)
      return false
    }
    const text = current.value
    const runsText = runsNow.value
    return guarded(async () => {
      const res = await api().invoke('project:save', { document, saveAs })
      if (res.ok) {
        name.value = res.name
        path.value = res.path
        // Edits made, and runs finished, while the file was written keep the project dirty.
        saved.value = text
        runsSaved.value = runsText
        lastAutosaved = text + runsText
        notices.info(`Saved '${res.name}' to ${res.path}.`)
        return true
      }
      if (!('cancelled' in res)) notices.error(res.message, details(res.details))
      return false
    }, false)
  }

  function saveAs(): Promise<boolean> {
    return save(true)
  }

  async function autosave(): Promise<boolean> {
    if (!dirty.value || current.value + runsNow.value === lastAutosaved) return false
    const document = snapshot()
    // An invalid document would be refused; the next tick tries again once it is fixed.
    if (documentProblem(document)) return false
    const text = current.value + runsNow.value
    try {
      const res = await api().invoke('project:autosave', { document })
      if (res.ok) {
        lastAutosaved = text
        lastAutosaveFailure = ''
        return true
      }
      if (res.message !== lastAutosaveFailure) notices.error(`Autosave failed: ${res.message}`)
      lastAutosaveFailure = res.message
    } catch (e) {
      const msg = errorText(e)
      if (msg !== lastAutosaveFailure) notices.error(`Autosave failed: ${msg}`)
      lastAutosaveFailure = msg
    }
    return false
  }

  async function recoverAutosave(): Promise<boolean> {
    recoverable.value = null
    return guarded(async () => {
      const res = await api().invoke('project:recoverAutosave')
      if (res.ok) {
        // Recovered work was never saved to its file: it stays dirty until saved.
        loadProject(res.project, true)
        notices.info(`Recovered '${res.project.name}' as autosaved at ${res.savedAt}.`)
        return true
      }
      notices.error(res.message)
      return false
    }, false)
  }

  async function discardAutosave(): Promise<void> {
    recoverable.value = null
    await guarded(() => api().invoke('project:discardAutosave'), undefined)
  }

  async function showAbout(): Promise<void> {
    const i = await api().invoke('app:info')
    notices.info(`${i.name} ${i.version} (Electron ${i.electron}, Chrome ${i.chrome}, Node ${i.node}, ${i.platform}).`)
  }

  async function handleMenuCommand(command: MenuCommand): Promise<void> {
    switch (command) {
      case 'new': await newProject(); break
      case 'open': await open(); break
      case 'save': await save(); break
      case 'saveAs': await saveAs(); break
      case 'undo': undo(); break
      case 'redo': redo(); break
      case 'exportGif': ui.requestGifExport(); break
      case 'about': await guarded(showAbout, undefined); break
      case 'save-then-close':
        if (await save()) await guarded(() => api().invoke('app:quit'), undefined)
        break
      case 'save-then-open':
        // Open Recent with unsaved changes: the main process opens its pending file once this save succeeds.
        await save()
        break
    }
  }

  let disposeInit: (() => void) | null = null

  /** Subscribes to the main process's events and starts autosaving; returns the undo of both. */
  function init(): () => void {
    if (disposeInit) return disposeInit
    const offs = [
      api().on('menu:command', ({ command }) => void handleMenuCommand(command)),
      api().on('project:opened', ({ project }) => loadProject(project)),
      api().on('project:recoverable', (r) => {
        recoverable.value = { savedAt: r.savedAt, name: r.name }
      })
    ]
    const timer = setInterval(() => void autosave(), AUTOSAVE_INTERVAL_MS)
    disposeInit = () => {
      offs.forEach((off) => off())
      clearInterval(timer)
      disposeInit = null
    }
    return disposeInit
  }

  return {
    name, path, doc, view, dirty, canUndo, canRedo, recoverable, busy, setNames,
    edit, undo, redo, setParam, resetParam, checkSetName, addParameterSet, duplicateParameterSet, renameParameterSet,
    deleteParameterSet, replaceParameterSet, updateCondition, addCondition, duplicateCondition, removeCondition,
    applyPreset, presetWouldReplace, setControl, setGif, setEarlyStop, importExperiment, importWouldReplace, setView, experiment,
    snapshot, loadProject, newProject, open, save, saveAs, autosave, recoverAutosave, discardAutosave,
    handleMenuCommand, init
  }
})

/** The document to save: plain data, the shape 'project:save' and 'project:autosave' accept. */
export function documentSnapshot(): ProjectDocument {
  return useProjectStore().snapshot()
}

/** The experiment the document describes (plain data), for Run all and experiment export. */
export function experimentFromDocument(): ExperimentSpec {
  return useProjectStore().experiment()
}
