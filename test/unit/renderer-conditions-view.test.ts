// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest'
import { createPinia, setActivePinia, type Pinia } from 'pinia'
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import { installFakeWorkbench, type FakeWorkbench } from '../helpers/renderer-fake-workbench'
import ConditionsView from '../../src-renderer/views/ConditionsView.vue'
import { useProjectStore } from '../../src-renderer/stores/project'
import { useRunsStore } from '../../src-renderer/stores/runs'
import { useNoticesStore } from '../../src-renderer/stores/notices'
import { notebookExperiment } from '../../src-shared/experiment/presets'
import type { RunRequest } from '../../src-shared/experiment/types'
import type { RunStatus } from '../../src-shared/ipc/contract'

let fake: FakeWorkbench
let pinia: Pinia
let wrapper: VueWrapper

beforeEach(async () => {
  fake = installFakeWorkbench()
  pinia = createPinia()
  setActivePinia(pinia)
  vi.spyOn(window, 'confirm').mockReturnValue(true)
  wrapper = mount(ConditionsView, { global: { plugins: [pinia] }, attachTo: document.body })
  useRunsStore().subscribe()
  await useRunsStore().loadThreads()
  await flushPromises()
})

afterEach(() => {
  wrapper.unmount()
  vi.restoreAllMocks()
})

const rows = () => wrapper.findAll('tbody tr[data-row]')
const enqueued = () => (fake.callsTo('runs:enqueue') as Array<{ runs: RunRequest[] }>).map((p) => p.runs)

async function runAll(): Promise<void> {
  await wrapper.get('[data-test="run-all"]').trigger('click')
  await flushPromises()
}

function status(runId: string, state: RunStatus['state'], extra: Partial<RunStatus> = {}): RunStatus {
  return { runId, state, progress: 0, queuedAt: 1, ...extra }
}

describe('conditions table', () => {
  test("the notebook preset fills the four reference conditions", async () => {
    await wrapper.get('[data-test="preset-sweep"]').trigger('click')
    expect(rows()).toHaveLength(7)
    await wrapper.get('[data-test="preset-notebook"]').trigger('click')
    expect(rows()).toHaveLength(4)
    const names = rows().map((r) => (r.get('[data-cell="name"]').element as HTMLInputElement).value)
    expect(names).toEqual(['normal', 'increased serotonin', 'slightly decreased serotonin', 'decreased serotonin'])
    const mu = rows().map((r) => (r.get('[data-cell="mu_exc"]').element as HTMLInputElement).value)
    expect(mu).toEqual(['1', '0.97', '1.01', '1.02'])
    expect(wrapper.get('[data-test="run-all"]').text()).toBe('Run all (4 runs)')
  })

  test('an out-of-range cell shows its message and is not written', async () => {
    const project = useProjectStore()
    const cell = rows()[1].get('[data-cell="mu_exc"]')
    await cell.setValue('11')
    expect(rows()[1].text()).toContain('mu_exc = 11 must be between 0 and 10')
    expect(project.doc.conditions[1].mu_exc).toBe(0.97)
    await cell.setValue('0.98')
    expect(project.doc.conditions[1].mu_exc).toBe(0.98)
    expect(rows()[1].text()).not.toContain('must be between')
    await rows()[0].get('[data-cell="repetitions"]').setValue('2.5')
    expect(rows()[0].text()).toContain('Repetitions = 2.5 must be a whole number')
  })

  test('duplicate names are flagged on both rows and block Run all', async () => {
    await rows()[1].get('[data-cell="name"]').setValue('normal')
    expect(rows()[0].text()).toContain("Two conditions are named 'normal'")
    expect(rows()[1].text()).toContain("Two conditions are named 'normal'")
    await runAll()
    expect(enqueued()).toHaveLength(0)
    // The button is disabled and says why.
    expect(wrapper.get('[data-test="run-all"]').attributes('disabled')).toBeDefined()
    expect(wrapper.get('[data-test="run-all-blocked"]').text()).toMatch(/^Condition 1 \('normal'\): Two conditions are named 'normal'/)
  })

  test('add, duplicate and delete rows', async () => {
    const project = useProjectStore()
    await wrapper.get('[data-test="add-row"]').trigger('click')
    expect(project.doc.conditions.map((c) => c.name).at(-1)).toBe('condition')
    await rows()[0].get('[data-test="duplicate-row"]').trigger('click')
    expect(project.doc.conditions[1]).toMatchObject({ name: 'normal copy', mu_exc: 1, seed: 42 })
    expect(rows()).toHaveLength(6)
    await rows()[1].get('[data-test="delete-row"]').trigger('click')
    await rows()[4].get('[data-test="delete-row"]').trigger('click')
    expect(project.doc.conditions.map((c) => c.name)).toEqual(['normal', 'increased serotonin', 'slightly decreased serotonin', 'decreased serotonin'])
  })

  test('orientation switches between fixed and random, and the control is chosen', async () => {
    const project = useProjectStore()
    await rows()[2].get('[data-cell="orientation-mode"]').setValue('random')
    expect(project.doc.conditions[2].orientation).toBe('random')
    expect(rows()[2].find('[data-cell="orientation"]').exists()).toBe(false)
    await rows()[2].get('[data-cell="orientation-mode"]').setValue('fixed')
    expect(project.doc.conditions[2].orientation).toBe(100)
    const control = wrapper.get('[data-test="control-select"]')
    expect(control.find('option').text()).toBe('Automatic (normal)')
    await control.setValue('decreased serotonin')
    expect(project.doc.control).toBe('decreased serotonin')
    expect(rows()[3].text()).toContain('control')
  })
})

describe('Run all', () => {
  test("queues the notebook's four runs: seed 42, orientation 100, each condition's serotonin", async () => {
    await runAll()
    const [batch] = enqueued()
    expect(batch.map((r) => r.runId)).toEqual(['b1:normal#1', 'b1:increased serotonin#1', 'b1:slightly decreased serotonin#1', 'b1:decreased serotonin#1'])
    expect(batch.every((r) => r.seed === 42 && r.orientation === 100 && r.rep === 0 && r.inputMode === 'exact')).toBe(true)
    expect(batch.map((r) => r.params.serotonin)).toEqual([
      { mu_exc: 1, mu_inh: 1 }, { mu_exc: 0.97, mu_inh: 1 }, { mu_exc: 1.01, mu_inh: 1.01 }, { mu_exc: 1.02, mu_inh: 1.02 }
    ])
    expect(batch.every((r) => r.params.simulation.seed === 42 && r.params.stimulus.orientation_deg === 100)).toBe(true)
    // Queued rows appear at once, before the main process reports.
    expect(wrapper.findAll('[data-run]')).toHaveLength(4)
  })

  test('queuing again uses a new batch prefix', async () => {
    await runAll()
    await runAll()
    expect(enqueued().map((b) => b[0].runId)).toEqual(['b1:normal#1', 'b2:normal#1'])
  })

  test('the sweep preset queues 210 runs: 7 conditions x 30 paired seeds, random orientation', async () => {
    await wrapper.get('[data-test="preset-sweep"]').trigger('click')
    expect(wrapper.get('[data-test="run-all"]').text()).toBe('Run all (210 runs)')
    await runAll()
    const [batch] = enqueued()
    expect(batch).toHaveLength(210)
    expect(new Set(batch.map((r) => r.runId)).size).toBe(210)
    expect(batch.every((r) => r.orientation === 'random')).toBe(true)
    const seedsOf = (cond: string) => batch.filter((r) => r.condition === cond).map((r) => r.seed)
    const seeds = Array.from({ length: 30 }, (_, i) => 1001 + i)
    expect(seedsOf('mu_exc 0.97')).toEqual(seeds)
    expect(seedsOf('mu_exc 1.03')).toEqual(seeds)
    expect([...new Set(batch.map((r) => r.params.serotonin.mu_exc))]).toEqual([0.97, 0.98, 0.99, 1, 1.01, 1.02, 1.03])
  })

  test('a set with a cross-field problem is refused with its message', async () => {
    useProjectStore().setParam('default', 'stimulus', 't_off_s', 6)
    await runAll()
    expect(enqueued()).toHaveLength(0)
    expect(useNoticesStore().notices.at(-1)!.text).toMatch(/Parameter set 'default': stimulus\.t_off_s = 6 s is after the end of the run/)
  })

  test("the main process's refusal is shown", async () => {
    fake.handlers['runs:enqueue'] = () => ({ ok: false, message: 'The queue is full.' })
    await runAll()
    expect(useNoticesStore().notices.at(-1)!.text).toBe('The queue is full.')
    expect(wrapper.findAll('[data-run]')).toHaveLength(0)
  })
})

describe('queue panel', () => {
  test('rows follow runs:status events, with progress, summary and time left', async () => {
    await runAll()
    fake.emit('runs:status', {
      updates: [
        status('b1:normal#1', 'done', { startedAt: 0, finishedAt: 20_000, progress: 1 }),
        status('b1:increased serotonin#1', 'running', { startedAt: 10_000, progress: 0.5 }),
        status('b1:slightly decreased serotonin#1', 'failed', { error: 'RS.C diverged at step 120' })
      ]
    })
    await flushPromises()
    const row = (id: string) => wrapper.get(`[data-run="${id}"]`)
    expect(row('b1:normal#1').attributes('data-state')).toBe('done')
    expect(row('b1:normal#1').text()).toContain('20 s')
    expect(row('b1:increased serotonin#1').attributes('data-state')).toBe('running')
    expect(row('b1:increased serotonin#1').get('[role="progressbar"]').attributes('aria-valuenow')).toBe('50')
    expect(row('b1:slightly decreased serotonin#1').text()).toContain('RS.C diverged at step 120')
    expect(row('b1:decreased serotonin#1').attributes('data-state')).toBe('queued')
    expect(wrapper.get('[data-test="queue-progress"]').text()).toBe('1 / 4 done')
    // 1.5 runs of 20 s left on 2 threads, but the running run alone needs 10 s more: 15 s.
    expect(wrapper.get('[data-test="queue-eta"]').text()).toBe('about 15 s left')
  })

  test('cancel one, cancel all, and retry failed runs with their original request', async () => {
    await runAll()
    await wrapper.get('[data-run="b1:normal#1"] [data-test="cancel-run"]').trigger('click')
    expect(fake.callsTo('runs:cancel')).toEqual([{ runIds: ['b1:normal#1'] }])
    await wrapper.get('[data-test="cancel-all"]').trigger('click')
    expect(fake.callsTo('runs:cancelAll')).toHaveLength(1)
    fake.emit('runs:status', { updates: [status('b1:normal#1', 'cancelled'), status('b1:decreased serotonin#1', 'failed', { error: 'x' })] })
    await flushPromises()
    expect(wrapper.get('[data-test="retry-all"]').text()).toBe('Retry failed (2)')
    await wrapper.get('[data-run="b1:decreased serotonin#1"] [data-test="retry-run"]').trigger('click')
    await flushPromises()
    const retried = enqueued()[1]
    expect(retried.map((r) => r.runId)).toEqual(['b1:decreased serotonin#1'])
    expect(retried[0].params.serotonin).toEqual({ mu_exc: 1.02, mu_inh: 1.02 })
    expect(wrapper.get('[data-run="b1:decreased serotonin#1"]').attributes('data-state')).toBe('queued')
    await wrapper.get('[data-test="retry-all"]').trigger('click')
    await flushPromises()
    expect(enqueued()[2].map((r) => r.runId)).toEqual(['b1:normal#1'])
  })

  test('renders only the visible rows of a long queue', async () => {
    const updates = Array.from({ length: 2000 }, (_, i) => status(`b1:c#${i + 1}`, i < 500 ? 'done' : 'queued'))
    fake.emit('runs:status', { updates })
    await flushPromises()
    const rendered = wrapper.findAll('[data-run]')
    expect(rendered.length).toBeGreaterThan(10)
    expect(rendered.length).toBeLessThan(60)
    expect(rendered[0].attributes('data-run')).toBe('b1:c#1')
    expect(wrapper.get('[data-test="queue-progress"]').text()).toBe('500 / 2000 done')
    // Scrolling moves the window.
    const list = wrapper.get('.vlist')
    ;(list.element as HTMLElement).scrollTop = 26 * 1000
    await list.trigger('scroll')
    const ids = wrapper.findAll('[data-run]').map((r) => r.attributes('data-run'))
    expect(ids).toContain('b1:c#1001')
    expect(ids).not.toContain('b1:c#1')
  })

  test('the thread selector reads and sets the worker threads', async () => {
    const select = wrapper.get('[data-test="threads-select"]')
    expect(select.findAll('option')).toHaveLength(8)
    expect((select.element as HTMLSelectElement).value).toBe('2')
    await select.setValue('4')
    await flushPromises()
    expect(fake.callsTo('runs:setThreads')).toEqual([{ threads: 4 }])
    expect(useRunsStore().threads).toBe(4)
  })
})

describe('experiment YAML', () => {
  test('import replaces sets and conditions; export sends the document as an experiment', async () => {
    const project = useProjectStore()
    const exp = notebookExperiment()
    exp.parameterSets = { imported: exp.parameterSets.default }
    exp.conditions = exp.conditions.slice(0, 2).map((c) => ({ ...c, parameterSet: 'imported', repetitions: 3 }))
    fake.handlers['experiment:import'] = () => ({ ok: true, experiment: exp, source: '/data/exp.yaml' })
    await wrapper.get('[data-test="import-experiment"]').trigger('click')
    await flushPromises()
    expect(project.setNames).toEqual(['imported'])
    expect(rows()).toHaveLength(2)
    expect(project.doc.control).toBe('normal')

    fake.handlers['experiment:export'] = () => ({ ok: true, path: '/data/out.yaml' })
    await wrapper.get('[data-test="export-experiment"]').trigger('click')
    await flushPromises()
    const [payload] = fake.callsTo('experiment:export') as Array<{ experiment: { conditions: unknown[]; control?: string; name: string } }>
    expect(payload.experiment.conditions).toEqual(exp.conditions)
    expect(payload.experiment.control).toBe('normal')
    expect(payload.experiment.name).toBe('Untitled project')
  })
})
