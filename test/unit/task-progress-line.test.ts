import { describe, expect, it } from 'vitest'
import { formatTaskLine } from '../../src-main/cluster/task-progress-display'
import { parseSqueue } from '../../src-main/cluster/slurm'

describe("the submitter's status line for a job array", () => {
  it('counts ended, pending and running tasks, with the runs of started tasks', () => {
    const line = formatTaskLine('42', [
      { task: 1, state: 'ENDED', progress: { done: 10, failed: 0, total: 10 } as never },
      { task: 2, state: 'RUNNING', progress: { done: 3, failed: 0, total: 10 } as never },
      { task: 3, state: 'PENDING' }
    ], 12.34)
    expect(line).toBe('job 42: 1/3 tasks ended, 1 pending · 13/20 runs of started tasks · 2:3/10 · 12.3 s')
  })

  it("says why Slurm keeps tasks pending, so a task that cannot start is not a silent wait", () => {
    const views = parseSqueue('4|PENDING|ReqNodeNotAvail\n5|PENDING|Priority\n6|PENDING|Priority\n7|RUNNING|None\n').map((t) => ({ ...t }))
    expect(views[3].reason).toBeUndefined()
    expect(formatTaskLine('7', views, 1)).toMatch(/^job 7: 0\/4 tasks ended, 3 pending \(Slurm: ReqNodeNotAvail, Priority\) · 7:starting · 1\.0 s$/)
  })
})

describe("the app's view of a job's tasks", () => {
  it('carries the pending reason of a queued task; a task squeue no longer lists and without a shard is missing', async () => {
    const { mkdtempSync, rmSync } = await import('node:fs')
    const { tmpdir } = await import('node:os')
    const { join } = await import('node:path')
    const { jobStatus } = await import('../../src-main/cluster/job-status')
    const folder = mkdtempSync(join(tmpdir(), 'job-status-'))
    try {
      const s = await jobStatus({ folder, experimentName: 'sweep', count: 2, jobId: '9', tracked: true, views: [{ task: 1, state: 'PENDING', reason: 'Priority' }, { task: 2, state: 'ENDED' }] })
      expect(s.tasks.map((t) => [t.task, t.state, t.reason])).toEqual([[1, 'PENDING', 'Priority'], [2, 'MISSING', undefined]])
      expect(s.active).toBe(true)
      expect(s.missing).toEqual([1, 2])
    } finally {
      rmSync(folder, { recursive: true, force: true })
    }
  })
})
