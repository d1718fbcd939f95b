/**
 * Following job folders for the app: each folder's tasks polled with squeue while this machine
 * can reach the controller (the same watchJob as `--slurm`), every status handed to `emit` in
 * order, the ended one last with the failed tasks as the CLI prints them.
 */
import { existsSync, readFileSync } from 'node:fs'
import { basename } from 'node:path'
import type { ClusterJobStatus } from '../../src-shared/ipc/contract'
import { loadExperiment } from '../cli/load-experiment'
import { failedTasks, formatFailures, readClusterRecord, watchJob, type TaskView } from './cluster-job'
import { shardCount } from './collect'
import { readShardFile } from './shard-file'
import { jobStatus } from './job-status'
import { workPaths } from './work-folder'

export interface JobFollower {
  /** The folder's status now; when it has a job and this machine can poll the queue, polling starts. */
  follow(dir: string): Promise<ClusterJobStatus>
  describe(dir: string): Promise<FolderJob>
  /** Stops polling `dir`; whether it was being polled. */
  stop(dir: string): boolean
  dispose(): void
}

export interface FolderJob {
  experimentName: string
  count: number
  jobId?: string
}

export function createJobFollower(
  emitStatus: (s: ClusterJobStatus) => void,
  /** canPoll: whether squeue can be asked here (otherwise the folder's files tell the state). */
  opts: { canPoll: () => boolean; intervalMs?: number }
): JobFollower {
  const watching = new Map<string, AbortController>()
  /** A --shard folder's experiment name, from its first shard: read once, not at every refresh (a shard can be tens of MB). */
  const shardNames = new Map<string, string>()

  async function describe(dir: string): Promise<FolderJob> {
    const record = readClusterRecord(dir)
    const paths = workPaths(dir)
    // A folder written but submitted by hand (no cluster.json, no shard yet): its script says how many tasks.
    const scripted = existsSync(paths.script) ? Number(/^#SBATCH --array=1-(\d+)$/m.exec(readFileSync(paths.script, 'utf8'))?.[1] ?? NaN) : NaN
    const count = shardCount(dir, record?.tasks ?? (Number.isInteger(scripted) ? scripted : undefined)) ?? 0
    // A --shard folder has no experiment.yaml: its first shard file names the experiment, else the folder's name stands in.
    const firstShard = Array.from({ length: count }, (_, i) => paths.shard(i + 1, count)).find((p) => existsSync(p))
    let experimentName = basename(dir)
    try {
      if (existsSync(paths.experiment)) experimentName = loadExperiment(paths.experiment).name
      else if (firstShard) {
        const known = shardNames.get(dir) ?? (await readShardFile(firstShard)).experiment.name
        shardNames.set(dir, known)
        experimentName = known
      }
    } catch {
      // An unreadable file is reported when it matters (import); the folder's name stands in here.
    }
    return { experimentName, count, jobId: record?.jobs.at(-1)?.id }
  }

  /** Polls the job until it has left the queue; each status as an event, the ended one (with failures) last. */
  async function watch(dir: string, d: FolderJob & { jobId: string }, signal: AbortSignal, emit: (s: ClusterJobStatus) => void): Promise<void> {
    const tracked = true
    let error: string | undefined
    // One status at a time, in order; the last tick (nothing queued) is left to the final status below.
    let chain = Promise.resolve()
    const onTick = (views: TaskView[]): void => {
      if (views.every((v) => v.state === 'ENDED')) return
      chain = chain.then(async () => emit(await jobStatus({ folder: dir, ...d, tracked, views })))
    }
    const tasks = Array.from({ length: d.count }, (_, i) => i + 1)
    try {
      await watchJob(dir, d.jobId, tasks, onTick, { intervalMs: opts.intervalMs ?? 1000, signal })
    } catch (e) {
      error = `Stopped following job ${d.jobId}: ${e instanceof Error ? e.message : String(e)}`
    }
    await chain
    const last = await jobStatus({ folder: dir, ...d, tracked })
    const failures = last.missing.length > 0 && !error ? formatFailures(await failedTasks(dir, d.jobId, d.count), d.jobId) : undefined
    emit({ ...last, active: false, ...(failures ? { failures } : {}), ...(error ? { error } : {}) })
  }

  async function follow(dir: string): Promise<ClusterJobStatus> {
    watching.get(dir)?.abort()
    const d = await describe(dir)
    const tracked = d.jobId !== undefined && opts.canPoll()
    const first = await jobStatus({ folder: dir, ...d, tracked })
    if (!tracked) return first
    const abort = new AbortController()
    watching.set(dir, abort)
    const emit = (status: ClusterJobStatus): void => {
      if (!abort.signal.aborted) emitStatus(status)
    }
    void watch(dir, { ...d, jobId: d.jobId! }, abort.signal, emit)
      // A shard file that cannot be read while reporting failures, say: shown, never an unhandled rejection.
      .catch((e: unknown) => emit({ ...first, active: false, error: `Stopped following job ${d.jobId}: ${e instanceof Error ? e.message : String(e)}` }))
      .finally(() => {
        if (watching.get(dir) === abort) watching.delete(dir)
      })
    return { ...first, active: true }
  }

  return {
    follow,
    describe,
    stop: (dir) => {
      const a = watching.get(dir)
      a?.abort()
      return watching.delete(dir) && a !== undefined
    },
    dispose: () => {
      for (const a of watching.values()) a.abort()
      watching.clear()
    }
  }
}
