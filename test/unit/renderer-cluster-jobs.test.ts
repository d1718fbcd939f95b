// @vitest-environment jsdom
/**
 * Following a cluster job in the Conditions view: the panel shows each task's state and runs
 * from the main process's 'cluster:job' events, offers Cancel while the job runs and Resume
 * when it ended with shards missing (with the failed tasks' log lines), and imports the runs
 * when the job ends complete; the import is one undoable step.
 */
import { beforeEach, describe, expect, it } from 'vitest'
import { mount } from '@vue/test-utils'
import { nextTick } from 'vue'
import { createPinia, setActivePinia, type Pinia } from 'pinia'
import ClusterJobsPanel from '../../src-renderer/components/conditions/ClusterJobsPanel.vue'
import RemovalUndo from '../../src-renderer/components/compare/RemovalUndo.vue'
import { useClusterJobsStore } from '../../src-renderer/stores/cluster-jobs'
import { useRunsStore } from '../../src-renderer/stores/runs'
import { useNoticesStore } from '../../src-renderer/stores/notices'
import type { ClusterJobStatus, RunRecord } from '../../src-shared/ipc/contract'
import { defaultParameterSet } from '../../src-shared/params/schema'
import { parameterHashes } from '../../src-shared/params/run-hashes'
import { installFakeWorkbench, type FakeWorkbench } from '../helpers/renderer-fake-workbench'
import { RUN_MEASURES, type RunSummary } from '../../src-shared/analysis/summary'

const folder = '/scratch/sweep-slurm'
let pinia: Pinia
let fake: FakeWorkbench

function status(over: Partial<ClusterJobStatus>): ClusterJobStatus {
  return {
    folder, experimentName: 'sweep', jobId: '4711', tracked: true, active: true, missing: [2],
    tasks: [{ task: 1, state: 'COMPLETED', done: 3, failed: 0, total: 3 }, { task: 2, state: 'RUNNING', done: 1, failed: 0, total: 2 }],
    ...over
  }
}

const params = defaultParameterSet()
const summary = (i: number): RunSummary => Object.fromEntries(RUN_MEASURES.map((k) => [k, i + 1])) as unknown as RunSummary
const records: RunRecord[] = ['normal#1', 'normal#2'].map((runId, i) => ({
  runId, condition: 'normal', rep: i, seed: 1 + i, mu_exc: 1, mu_inh: 1, orientationDeg: 100, inputMode: 'exact', summary: summary(i), elapsedMs: 5, ...parameterHashes(params)
}))

beforeEach(() => {
  pinia = createPinia()
  setActivePinia(pinia)
  fake = installFakeWorkbench({
    'cluster:follow': () => ({ ok: true, status: status({}) }),
    'cluster:cancel': () => ({ ok: true, cancelled: true }),
    'cluster:resume': () => ({ ok: true, jobId: '4712', tasks: [2] }),
    'cluster:import': () => ({ ok: true, folder, records, conditionParameters: { [records[0].conditionSha256]: params }, skipped: 0, failed: 0 }),
    'runs:setRemoved': (p) => ({ changed: (p as { runIds: string[] }).runIds.length }),
    'cluster:unfollow': () => ({ stopped: true })
  })
})

const flush = async (): Promise<void> => {
  for (let i = 0; i < 4; i++) await new Promise((r) => setTimeout(r, 0))
  await nextTick()
}

describe('Cluster jobs panel', () => {
  it('follows again, at start, the jobs followed when the app last quit; says which could not be', async () => {
    fake.handlers['cluster:followed'] = () => ({ folders: [folder, '/scratch/moved'] })
    fake.handlers['cluster:follow'] = (p) =>
      (p as { folder?: string }).folder === folder ? { ok: true, status: status({}) } : { ok: false, message: '/scratch/moved is not a cluster job folder.' }
    const jobs = useClusterJobsStore()
    expect(await jobs.restore()).toEqual({ error: 'Could not follow again: /scratch/moved is not a cluster job folder.' })
    expect(fake.callsTo('cluster:follow')).toEqual([{ folder }, { folder: '/scratch/moved' }])
    expect(jobs.jobs.map((j) => j.folder)).toEqual([folder])
  })

  it("shows why Slurm keeps a task pending", async () => {
    fake.handlers['cluster:follow'] = () => ({ ok: true, status: status({ tasks: [{ task: 1, state: 'COMPLETED', done: 3, failed: 0, total: 3 }, { task: 2, state: 'PENDING', reason: 'ReqNodeNotAvail', done: 0, failed: 0, total: 0 }] }) })
    const jobs = useClusterJobsStore()
    expect(await jobs.follow()).toBe('')
    const w = mount(ClusterJobsPanel, { global: { plugins: [pinia] } })
    await nextTick()
    expect(w.findAll('[data-test="cluster-task-state"]').map((t) => t.text())).toEqual(['completed', 'pending (ReqNodeNotAvail)'])
  })

  it('shows per-task state and progress, Cancel while running; imports the runs when the job ends complete, undoably', async () => {
    const jobs = useClusterJobsStore()
    expect(await jobs.follow()).toBe('')
    const w = mount(ClusterJobsPanel, { global: { plugins: [pinia] } })
    await nextTick()
    expect(w.get('[data-test="cluster-job-summary"]').text()).toBe('job 4711: 1/2 tasks done · 4/5 runs of started tasks · running')
    expect(w.findAll('[data-test="cluster-task"]').map((t) => t.attributes('data-state'))).toEqual(['COMPLETED', 'RUNNING'])
    expect(w.find('[data-test="cluster-import"]').exists()).toBe(false)
    await w.get('[data-test="cluster-cancel"]').trigger('click')
    await flush()
    expect(fake.callsTo('cluster:cancel')).toEqual([{ folder }])
    expect(useNoticesStore().notices.at(-1)!.text).toBe('Cancelled Slurm job 4711.')

    fake.emit('cluster:job', { status: status({ active: false, missing: [], tasks: [{ task: 1, state: 'COMPLETED', done: 3, failed: 0, total: 3 }, { task: 2, state: 'COMPLETED', done: 2, failed: 0, total: 2 }] }) })
    await flush()
    expect(fake.callsTo('cluster:import')).toEqual([{ folder }])
    const runs = useRunsStore()
    expect([...runs.records.keys()]).toEqual(['normal#1', 'normal#2'])
    expect(runs.conditionParams.get(records[0].conditionSha256)).toEqual(params)
    expect(useNoticesStore().notices.at(-1)!.text).toBe(`Imported 2 runs of the cluster job in ${folder}.`)

    const undo = mount(RemovalUndo, { global: { plugins: [pinia] } })
    expect(undo.text()).toContain(`Imported 2 runs of the cluster job in ${folder} into the project.`)
    await undo.get('[data-testid="undo-remove"]').trigger('click')
    await flush()
    expect(fake.callsTo('runs:setRemoved')).toEqual([{ runIds: ['normal#1', 'normal#2'], removed: true }])
    expect(runs.records.size).toBe(0)
    w.unmount()
    undo.unmount()
  })

  it('after a failed task: shows how it ended and its log lines, offers Resume, imports nothing; Close stops following', async () => {
    const jobs = useClusterJobsStore()
    await jobs.follow()
    const w = mount(ClusterJobsPanel, { global: { plugins: [pinia] } })
    const failures = 'Task 2 of job 4711 FAILED (exit code 1); last lines of its log:\n  | Error: out of memory'
    fake.emit('cluster:job', { status: status({ active: false, failures, tasks: [{ task: 1, state: 'COMPLETED', done: 3, failed: 0, total: 3 }, { task: 2, state: 'MISSING', done: 1, failed: 0, total: 2 }] }) })
    await flush()
    expect(w.get('[data-test="cluster-failures"]').text()).toBe(failures)
    expect(w.get('[data-test="cluster-job-summary"]').text()).toMatch(/· 1 missing$/)
    expect(w.find('[data-test="cluster-cancel"]').exists()).toBe(false)
    expect(fake.callsTo('cluster:import')).toEqual([])
    await w.get('[data-test="cluster-resume"]').trigger('click')
    await flush()
    expect(fake.callsTo('cluster:resume')).toEqual([{ folder }])
    expect(useNoticesStore().notices.at(-1)!.text).toBe('Resubmitted task 2 as Slurm job 4712.')
    await w.get('[data-test="cluster-close"]').trigger('click')
    await flush()
    expect(fake.callsTo('cluster:unfollow')).toEqual([{ folder }])
    expect(w.find('[data-test="cluster-job"]').exists()).toBe(false)
    // A late event for a closed folder is dropped.
    fake.emit('cluster:job', { status: status({}) })
    await flush()
    expect(jobs.jobs).toEqual([])
    w.unmount()
  })
})
