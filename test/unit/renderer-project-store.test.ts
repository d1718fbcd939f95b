// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import { flushPromises } from '@vue/test-utils'
import { installFakeWorkbench, type FakeWorkbench } from '../helpers/renderer-fake-workbench'
import { AUTOSAVE_INTERVAL_MS, documentSnapshot, experimentFromDocument, useProjectStore } from '../../src-renderer/stores/project'
import { useRunsStore } from '../../src-renderer/stores/runs'
import { useUiStore } from '../../src-renderer/stores/ui'
import { useNoticesStore } from '../../src-renderer/stores/notices'
import { defaultParameterSet } from '../../src-shared/params/schema'
import { sweepConditions } from '../../src-shared/experiment/presets'
import type { OpenedProject, RunRecord } from '../../src-shared/ipc/contract'

let fake: FakeWorkbench

beforeEach(() => {
  fake = installFakeWorkbench()
  setActivePinia(createPinia())
  vi.spyOn(window, 'confirm').mockReturnValue(true)
})

afterEach(() => {
  vi.useRealTimers()
  vi.restoreAllMocks()
})

function openedProject(over: Partial<OpenedProject> = {}): OpenedProject {
  const params = defaultParameterSet()
  params.RS.C = 120
  const record = { runId: 'b1:normal#1', condition: 'normal', rep: 0, seed: 42, mu_exc: 1, mu_inh: 1, orientationDeg: 100, inputMode: 'exact', elapsedMs: 900, summary: {} } as unknown as RunRecord
  return {
    path: '/data/sweep.swb',
    name: 'sweep',
    document: { name: 'sweep', parameterSets: { fast: params }, conditions: sweepConditions('fast', 2), control: 'mu_exc 1.00', view: { activeView: 'compare' } },
    runs: [record],
    ...over
  }
}

describe('a new project', () => {
  test("starts with the 'default' set and the notebook's four conditions, clean", () => {
    const p = useProjectStore()
    expect(p.setNames).toEqual(['default'])
    expect(p.doc.parameterSets.default).toEqual(defaultParameterSet())
    expect(p.doc.conditions.map((c) => c.name)).toEqual(['normal', 'increased serotonin', 'slightly decreased serotonin', 'decreased serotonin'])
    expect(p.dirty).toBe(false)
    expect(p.canUndo).toBe(false)
  })
})

describe('dirty tracking', () => {
  test('follows edits, undo back to the saved state and saving, and tells the main process', async () => {
    const p = useProjectStore()
    p.setParam('default', 'RS', 'C', 150)
    expect(p.dirty).toBe(true)
    await flushPromises()
    expect(fake.callsTo('project:setDirty')).toEqual([{ dirty: true }])
    p.undo()
    expect(p.dirty).toBe(false)
    await flushPromises()
    p.redo()
    await flushPromises()
    expect(fake.callsTo('project:setDirty')).toEqual([{ dirty: true }, { dirty: false }, { dirty: true }])
    expect(await p.save()).toBe(true)
    expect(p.dirty).toBe(false)
    expect(p.name).toBe('study')
    expect(p.path).toBe('/home/user/study.swb')
    await flushPromises()
    expect(fake.callsTo('project:setDirty').at(-1)).toEqual({ dirty: false })
  })

  test('setting a parameter to the value it already has is not an edit', () => {
    const p = useProjectStore()
    p.setParam('default', 'RS', 'C', 100)
    expect(p.dirty).toBe(false)
    expect(p.canUndo).toBe(false)
  })
})

describe('undo and redo', () => {
  test('restore parameter values and condition rows', () => {
    const p = useProjectStore()
    p.setParam('default', 'RS', 'C', 150)
    p.setParam('default', 'simulation', 'input_mode', 'fast')
    p.applyPreset('sweep')
    expect(p.doc.conditions).toHaveLength(7)
    p.undo()
    expect(p.doc.conditions).toHaveLength(4)
    p.undo()
    expect(p.doc.parameterSets.default.simulation.input_mode).toBe('exact')
    expect(p.doc.parameterSets.default.RS.C).toBe(150)
    p.undo()
    expect(p.doc.parameterSets.default.RS.C).toBe(100)
    expect(p.canUndo).toBe(false)
    p.redo()
    p.redo()
    expect(p.doc.parameterSets.default.RS.C).toBe(150)
    expect(p.doc.parameterSets.default.simulation.input_mode).toBe('fast')
    expect(p.canRedo).toBe(true)
  })

  test('coalesce rapid typing in one field into one step, but not a pause or another field', () => {
    vi.useFakeTimers()
    const p = useProjectStore()
    p.setParam('default', 'RS', 'C', 1)
    vi.advanceTimersByTime(150)
    p.setParam('default', 'RS', 'C', 15)
    vi.advanceTimersByTime(150)
    p.setParam('default', 'RS', 'C', 150)
    vi.advanceTimersByTime(2000)
    p.setParam('default', 'RS', 'C', 151)
    p.setParam('default', 'RS', 'k', 4)
    p.undo()
    expect(p.doc.parameterSets.default.RS.k).toBe(3)
    expect(p.doc.parameterSets.default.RS.C).toBe(151)
    p.undo()
    expect(p.doc.parameterSets.default.RS.C).toBe(150)
    p.undo()
    expect(p.doc.parameterSets.default.RS.C).toBe(100)
    expect(p.canUndo).toBe(false)
  })

  test('resetting a field is its own step', () => {
    const p = useProjectStore()
    p.setParam('default', 'FS', 'a', 0.2)
    p.resetParam('default', 'FS', 'a')
    expect(p.doc.parameterSets.default.FS.a).toBe(0.15)
    p.undo()
    expect(p.doc.parameterSets.default.FS.a).toBe(0.2)
  })
})

describe('parameter sets', () => {
  test('renaming a set renames it in every condition and keeps it selected', () => {
    const p = useProjectStore()
    const ui = useUiStore()
    expect(p.renameParameterSet('default', 'reference')).toBeNull()
    expect(p.setNames).toEqual(['reference'])
    expect(p.doc.conditions.every((c) => c.parameterSet === 'reference')).toBe(true)
    expect(ui.selectedSet).toBe('reference')
    const second = p.addParameterSet('variant')
    expect(p.renameParameterSet(second, 'reference')).toMatch(/already a parameter set named 'reference'/)
    expect(p.renameParameterSet(second, '  ')).toMatch(/needs a name/)
  })

  test('deleting refuses a set in use and the last set, and deletes otherwise', () => {
    const p = useProjectStore()
    expect(p.deleteParameterSet('default')).toMatch(/used by conditions 'normal', 'increased serotonin', 'slightly decreased serotonin' and 1 more/)
    const copy = p.duplicateParameterSet('default')!
    expect(copy).toBe('default copy')
    expect(p.doc.parameterSets[copy]).toEqual(p.doc.parameterSets.default)
    expect(p.doc.parameterSets[copy]).not.toBe(p.doc.parameterSets.default)
    expect(p.deleteParameterSet(copy)).toBeNull()
    expect(p.setNames).toEqual(['default'])
    for (let i = 3; i >= 0; i--) p.removeCondition(i)
    expect(p.deleteParameterSet('default')).toMatch(/at least one parameter set/)
  })
})

describe('conditions', () => {
  test('renaming the control condition keeps it the control; deleting it clears it', () => {
    const p = useProjectStore()
    p.setControl('normal')
    p.updateCondition(0, { name: 'baseline' })
    expect(p.doc.control).toBe('baseline')
    p.removeCondition(0)
    expect(p.doc.control).toBeUndefined()
  })

  test('the experiment from the document is plain data', () => {
    const p = useProjectStore()
    p.setControl('normal')
    const exp = experimentFromDocument()
    expect(exp.control).toBe('normal')
    expect(() => structuredClone(exp)).not.toThrow()
    expect(exp.parameterSets.default).not.toBe(p.doc.parameterSets.default)
  })
})

describe('files', () => {
  test('documentSnapshot is the saved shape, with the active view', () => {
    const ui = useUiStore()
    ui.show('conditions')
    const d = documentSnapshot()
    expect(d.name).toBe('Untitled project')
    expect(d.view).toEqual({ activeView: 'conditions' })
    expect(Object.keys(d.parameterSets)).toEqual(['default'])
  })

  test('save refuses a document with a cross-field problem, naming set and parameter', async () => {
    const p = useProjectStore()
    p.setParam('default', 'stimulus', 't_on_s', 2)
    expect(await p.save()).toBe(false)
    expect(fake.callsTo('project:save')).toHaveLength(0)
    expect(useNoticesStore().notices[0].text).toMatch(/Cannot save yet\. Parameter set 'default': stimulus\.t_on_s = 2 s must be before stimulus\.t_off_s/)
  })

  test('open loads the document and resets the runs store with its runs', async () => {
    const p = useProjectStore()
    const runs = useRunsStore()
    await runs.enqueue([])
    fake.handlers['project:open'] = () => ({ ok: true, project: openedProject() })
    expect(await p.open()).toBe(true)
    expect(fake.callsTo('project:open')).toEqual([{}])
    expect(p.name).toBe('sweep')
    expect(p.setNames).toEqual(['fast'])
    expect(p.doc.parameterSets.fast.RS.C).toBe(120)
    expect(p.doc.conditions).toHaveLength(7)
    expect(p.doc.control).toBe('mu_exc 1.00')
    expect(p.dirty).toBe(false)
    expect(p.canUndo).toBe(false)
    expect(useUiStore().selectedSet).toBe('fast')
    expect(useUiStore().activeView).toBe('compare')
    expect([...runs.records.keys()]).toEqual(['b1:normal#1'])
  })

  test('open and new ask before discarding unsaved changes', async () => {
    const p = useProjectStore()
    const confirm = vi.spyOn(window, 'confirm').mockReturnValue(false)
    p.setParam('default', 'RS', 'C', 150)
    expect(await p.open('/recent.swb')).toBe(false)
    expect(await p.newProject()).toBe(false)
    expect(confirm).toHaveBeenCalledTimes(2)
    expect(fake.callsTo('project:open')).toHaveLength(0)
    expect(fake.callsTo('project:new')).toHaveLength(0)
    confirm.mockReturnValue(true)
    expect(await p.newProject()).toBe(true)
    expect(p.doc.parameterSets.default.RS.C).toBe(100)
    expect(p.dirty).toBe(false)
  })

  test('a failed open shows its message and details', async () => {
    const p = useProjectStore()
    fake.handlers['project:open'] = () => ({
      ok: false,
      message: 'x.swb is not a workbench project.',
      details: [{ group: 'RS', key: 'C', value: -1, code: 'range', message: 'RS.C = -1 is out of range', file: 'x.swb', line: 7 }]
    })
    expect(await p.open('/x.swb')).toBe(false)
    expect(fake.callsTo('project:open')).toEqual([{ recentPath: '/x.swb' }])
    const n = useNoticesStore().notices[0]
    expect(n.text).toBe('x.swb is not a workbench project.')
    expect(n.details).toEqual(['x.swb, line 7: RS.C = -1 is out of range'])
  })
})

describe('events from the main process', () => {
  test('menu commands: export GIF opens the Rasters dialog; save-then-close saves, then quits', async () => {
    const p = useProjectStore()
    const ui = useUiStore()
    const gifEvents = vi.fn()
    window.addEventListener('workbench:export-gif', gifEvents)
    p.init()
    fake.emit('menu:command', { command: 'exportGif' })
    expect(ui.activeView).toBe('rasters')
    expect(ui.gifDialogOpen).toBe(true)
    expect(gifEvents).toHaveBeenCalledTimes(1)

    p.setParam('default', 'RS', 'C', 150)
    fake.emit('menu:command', { command: 'save-then-close' })
    await flushPromises()
    expect(fake.calls.map((c) => c.channel).filter((c) => c === 'project:save' || c === 'app:quit')).toEqual(['project:save', 'app:quit'])
    window.removeEventListener('workbench:export-gif', gifEvents)
  })

  test('save-then-close does not quit when the save is cancelled', async () => {
    const p = useProjectStore()
    fake.handlers['project:save'] = () => ({ ok: false, cancelled: true, message: 'Cancelled' })
    p.init()
    fake.emit('menu:command', { command: 'save-then-close' })
    await flushPromises()
    expect(fake.callsTo('project:save')).toHaveLength(1)
    expect(fake.callsTo('app:quit')).toHaveLength(0)
  })

  test('save-then-open only saves: the main process opens the pending file itself', async () => {
    const p = useProjectStore()
    p.init()
    p.setParam('default', 'RS', 'C', 150)
    fake.emit('menu:command', { command: 'save-then-open' })
    await flushPromises()
    expect(fake.callsTo('project:save')).toHaveLength(1)
    expect(fake.callsTo('project:open')).toHaveLength(0)
    expect(p.dirty).toBe(false)
    fake.emit('project:opened', { project: openedProject() })
    expect(p.name).toBe('sweep')
    expect(p.setNames).toEqual(['fast'])
  })

  test('menu undo and redo act on the document', () => {
    const p = useProjectStore()
    p.init()
    p.setParam('default', 'RS', 'C', 150)
    fake.emit('menu:command', { command: 'undo' })
    expect(p.doc.parameterSets.default.RS.C).toBe(100)
    fake.emit('menu:command', { command: 'redo' })
    expect(p.doc.parameterSets.default.RS.C).toBe(150)
  })

  test('a recoverable autosave can be recovered (and stays unsaved) or discarded', async () => {
    const p = useProjectStore()
    fake.handlers['project:recoverAutosave'] = () => ({ ok: true, project: openedProject({ path: null }), savedAt: '2025-01-01 10:00' })
    p.init()
    fake.emit('project:recoverable', { savedAt: '2025-01-01 10:00', name: 'sweep' })
    expect(p.recoverable).toEqual({ savedAt: '2025-01-01 10:00', name: 'sweep' })
    expect(await p.recoverAutosave()).toBe(true)
    expect(p.recoverable).toBeNull()
    expect(p.setNames).toEqual(['fast'])
    expect(p.dirty).toBe(true)

    fake.emit('project:recoverable', { savedAt: 'later', name: 'other' })
    await p.discardAutosave()
    expect(fake.callsTo('project:discardAutosave')).toHaveLength(1)
    expect(p.recoverable).toBeNull()
  })

  test('init is idempotent and its disposer unsubscribes', () => {
    const p = useProjectStore()
    const dispose = p.init()
    expect(p.init()).toBe(dispose)
    expect(fake.listenerCount('menu:command')).toBe(1)
    dispose()
    expect(fake.listenerCount('menu:command')).toBe(0)
  })
})

describe('autosave', () => {
  test('writes every 30 s while dirty and changed since the last autosave', async () => {
    vi.useFakeTimers()
    const p = useProjectStore()
    const dispose = p.init()
    await vi.advanceTimersByTimeAsync(AUTOSAVE_INTERVAL_MS)
    expect(fake.callsTo('project:autosave')).toHaveLength(0)
    p.setParam('default', 'RS', 'C', 150)
    await vi.advanceTimersByTimeAsync(AUTOSAVE_INTERVAL_MS)
    const saved = fake.callsTo('project:autosave') as Array<{ document: { parameterSets: Record<string, { RS: { C: number } }> } }>
    expect(saved).toHaveLength(1)
    expect(saved[0].document.parameterSets.default.RS.C).toBe(150)
    await vi.advanceTimersByTimeAsync(AUTOSAVE_INTERVAL_MS)
    expect(fake.callsTo('project:autosave')).toHaveLength(1)
    p.setParam('default', 'RS', 'C', 160)
    await vi.advanceTimersByTimeAsync(AUTOSAVE_INTERVAL_MS)
    expect(fake.callsTo('project:autosave')).toHaveLength(2)
    dispose()
  })
})

describe('runs are part of the project', () => {
  const record = (id: string) => ({ ...openedProject().runs[0], runId: id }) as RunRecord

  test('a finished run makes the project unsaved; saving clears it; removing a run makes it unsaved again', async () => {
    fake.handlers['runs:setRemoved'] = (r) => ({ changed: (r as { runIds: string[] }).runIds.length })
    const p = useProjectStore()
    const runs = useRunsStore()
    runs.subscribe()
    expect(p.dirty).toBe(false)
    fake.emit('runs:finished', { record: record('normal#1') })
    expect(p.dirty).toBe(true)
    await flushPromises()
    expect(fake.callsTo('project:setDirty').at(-1)).toEqual({ dirty: true })
    expect(await p.save()).toBe(true)
    expect(p.dirty).toBe(false)
    await runs.remove(['normal#1'], 'one run')
    expect(p.dirty).toBe(true)
    await runs.undoRemove()
    expect(p.dirty).toBe(false)
  })

  test('an opened project with runs is clean, and autosave writes once a run finishes', async () => {
    vi.useFakeTimers()
    const p = useProjectStore()
    const runs = useRunsStore()
    runs.subscribe()
    const dispose = p.init()
    fake.emit('project:opened', { project: openedProject() })
    await vi.advanceTimersByTimeAsync(0)
    expect(p.dirty).toBe(false)
    await vi.advanceTimersByTimeAsync(AUTOSAVE_INTERVAL_MS)
    expect(fake.callsTo('project:autosave')).toHaveLength(0)
    fake.emit('runs:finished', { record: record('normal#2') })
    await vi.advanceTimersByTimeAsync(AUTOSAVE_INTERVAL_MS)
    expect(fake.callsTo('project:autosave')).toHaveLength(1)
    await vi.advanceTimersByTimeAsync(AUTOSAVE_INTERVAL_MS)
    expect(fake.callsTo('project:autosave')).toHaveLength(1)
    dispose()
  })
})

describe('early stopping', () => {
  test('off in a new project; the switch is one undoable edit, in the experiment it runs and in the saved document', () => {
    const p = useProjectStore()
    expect(p.doc.earlyStop).toBeUndefined()
    expect(p.experiment().earlyStop).toBeUndefined()
    p.setEarlyStop(true)
    expect(p.dirty).toBe(true)
    expect(p.experiment().earlyStop).toBe(true)
    expect(p.snapshot().earlyStop).toBe(true)
    p.setEarlyStop(false)
    // Off again is the untouched project, not "earlyStop: false".
    expect(p.dirty).toBe(false)
    expect('earlyStop' in p.snapshot()).toBe(false)
    p.undo()
    expect(p.doc.earlyStop).toBe(true)
  })

  test('an opened project and an imported experiment bring their own setting', () => {
    const p = useProjectStore()
    const opened = openedProject()
    p.loadProject({ ...opened, document: { ...opened.document, earlyStop: true } })
    expect(p.doc.earlyStop).toBe(true)
    expect(p.dirty).toBe(false)
    p.importExperiment({ name: 'x', parameterSets: { s: defaultParameterSet() }, conditions: sweepConditions('s', 1) })
    expect(p.doc.earlyStop).toBeUndefined()
  })
})
