// @vitest-environment jsdom
import { beforeEach, describe, expect, it } from 'vitest'
import { mount } from '@vue/test-utils'
import { createPinia, setActivePinia, type Pinia } from 'pinia'
import ClusterTarget from '../../src-renderer/components/conditions/ClusterTarget.vue'
import { useProjectStore } from '../../src-renderer/stores/project'
import { useNoticesStore } from '../../src-renderer/stores/notices'
import { installFakeWorkbench, type FakeWorkbench } from '../helpers/renderer-fake-workbench'

let pinia: Pinia
let fake: FakeWorkbench
let answer: { ok: true; folder: string; sbatchFound: boolean; jobId?: string }

beforeEach(() => {
  pinia = createPinia()
  setActivePinia(pinia)
  answer = { ok: true, folder: '/scratch/sweep-slurm', sbatchFound: true, jobId: '4711' }
  // Checks every request against the IPC contract's guards, as the main process would.
  fake = installFakeWorkbench({
    'cluster:prepare': () => answer,
    'cluster:follow': (p) => ({ ok: true, status: { folder: (p as { folder: string }).folder, experimentName: 'sweep', jobId: '4711', tracked: true, active: true, tasks: [], missing: [1] } })
  })
})

describe('On the cluster (Conditions toolbar)', () => {
  it('sends the experiment with tasks (default: runs / 10), partition, time and memory; reports the job and follows it', async () => {
    useProjectStore().applyPreset('sweep')
    const w = mount(ClusterTarget, { global: { plugins: [pinia] } })
    expect(w.get('[data-test="cluster-tasks"]').attributes('placeholder')).toBe('21')
    await w.get('[data-test="cluster-partition"]').setValue('short')
    await w.get('[data-test="cluster-time"]').setValue('01:00:00')
    await w.get('[data-test="cluster-mem"]').setValue('2000')
    await w.get('[data-test="cluster-submit"]').trigger('click')
    await new Promise((r) => setTimeout(r, 0))
    const [req] = fake.callsTo('cluster:prepare') as Array<{ tasks: number; partition: string; time: string; mem: number; submit: boolean; experiment: { conditions: unknown[] } }>
    expect(req).toMatchObject({ tasks: 21, partition: 'short', time: '01:00:00', mem: 2000, submit: true })
    expect(req.experiment.conditions).toHaveLength(7)
    expect(useNoticesStore().notices.at(-1)!.text).toBe('Submitted Slurm job 4711 from /scratch/sweep-slurm; its runs come into the project when it has finished.')
    expect(fake.callsTo('cluster:follow')).toEqual([{ folder: '/scratch/sweep-slurm' }])
    w.unmount()
  })

  it('without sbatch here, says to take the folder to the login node', async () => {
    answer = { ok: true, folder: '/data/sweep-slurm', sbatchFound: false }
    useProjectStore().applyPreset('sweep')
    const w = mount(ClusterTarget, { global: { plugins: [pinia] } })
    await w.get('[data-test="cluster-submit"]').trigger('click')
    await new Promise((r) => setTimeout(r, 0))
    expect((fake.callsTo('cluster:prepare')[0] as { partition?: string }).partition).toBeUndefined()
    expect(useNoticesStore().notices.at(-1)!.text).toMatch(/^Wrote \/data\/sweep-slurm\. sbatch is not on this machine's PATH: copy the folder to the cluster's login node/)
    expect(fake.callsTo('cluster:follow')).toEqual([])
    w.unmount()
  })
})
