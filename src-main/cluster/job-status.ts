/**
 * A job folder's state as the app shows it: each array task's Slurm state (while squeue knows
 * it) or what its files say (shard written, or missing), with the progress its shard publishes.
 */
import { existsSync } from 'node:fs'
import type { ClusterJobStatus, ClusterTaskStatus } from '../../src-shared/ipc/contract'
import { readProgress, type TaskView } from './cluster-job'
import { workPaths } from './work-folder'

export interface JobStatusInput {
  folder: string
  experimentName: string
  count: number
  jobId?: string
  tracked: boolean
  /** squeue's view of the tasks, when polled; tasks it does not list have ended. */
  views?: readonly TaskView[]
}

export async function jobStatus(input: JobStatusInput): Promise<ClusterJobStatus> {
  const paths = workPaths(input.folder)
  const queued = new Map((input.views ?? []).filter((v) => v.state !== 'ENDED').map((v) => [v.task, v]))
  const tasks: ClusterTaskStatus[] = []
  const missing: number[] = []
  for (let k = 1; k <= input.count; k++) {
    const written = existsSync(paths.shard(k, input.count))
    if (!written) missing.push(k)
    const p = await readProgress(input.folder, k)
    const q = written ? undefined : queued.get(k)
    const state = written ? 'COMPLETED' : (q?.state ?? 'MISSING')
    tasks.push({ task: k, state, ...(q?.reason ? { reason: q.reason } : {}), done: p?.done ?? 0, failed: p?.failed ?? 0, total: p?.total ?? 0 })
  }
  return {
    folder: input.folder,
    experimentName: input.experimentName,
    ...(input.jobId ? { jobId: input.jobId } : {}),
    tracked: input.tracked,
    active: queued.size > 0,
    tasks,
    missing
  }
}
