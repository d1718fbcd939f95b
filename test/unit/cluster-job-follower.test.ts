// @vitest-environment node
/**
 * Following a folder without a queue to poll: a job folder written but submitted by hand (no
 * cluster.json, no shard yet) shows all its tasks, named by its script, as missing; nothing polls.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createJobFollower } from '../../src-main/cluster/job-follower'
import { prepareWorkFolder } from '../../src-main/cluster/prepare'
import { notebookExperiment } from '../../src-shared/experiment/presets'
import type { ClusterJobStatus } from '../../src-shared/ipc/contract'

let dir: string
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'job-follower-'))
})
afterEach(() => rmSync(dir, { recursive: true, force: true }))

describe('job follower', () => {
  it('reads a written, unsubmitted folder: its tasks from job.sbatch, all missing, nothing polled', async () => {
    const exp = notebookExperiment()
    await prepareWorkFolder(dir, exp, { format: 'serotonin-cluster-job', tasks: 3, gifs: 'none', earlyStop: false, slurm: { cpusPerTask: 1 }, jobs: [] }, { node: 'node', cli: 'cli.js' })
    const emitted: ClusterJobStatus[] = []
    let polled = 0
    const follower = createJobFollower((s) => void emitted.push(s), { canPoll: () => (polled++, true) })
    const status = await follower.follow(dir)
    expect(status).toMatchObject({ folder: dir, experimentName: exp.name, tracked: false, active: false, missing: [1, 2, 3] })
    expect(status.jobId).toBeUndefined()
    expect(status.tasks.map((t) => t.state)).toEqual(['MISSING', 'MISSING', 'MISSING'])
    // No job id: the queue is never asked.
    expect(polled).toBe(0)
    expect(follower.stop(dir)).toBe(false)
    expect(emitted).toEqual([])
  })
})
