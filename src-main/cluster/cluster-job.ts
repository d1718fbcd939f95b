/**
 * A work folder's Slurm job record (cluster.json), and the submit → watch → report steps shared
 * by `--slurm`, `--resume` and the app. The record is written right after each sbatch, so a
 * second submission of the same folder is refused rather than duplicated.
 */
import { existsSync, readFileSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { writeFileAtomic } from '../io/atomic-write'
import { endedTasks, queuedTasks, submit, type SlurmOptions, type TaskState } from './slurm'
import { SlurmError } from './slurm-errors'
import { inventory } from './collect'
import { arrayList } from './shard-plan'
import { workPaths } from './work-folder'
import type { ShardProgress } from './run-shard'

export interface ClusterRecord {
  format: 'serotonin-cluster-job'
  tasks: number
  gifs: 'first' | 'all' | 'none'
  earlyStop: boolean
  slurm: SlurmOptions
  jobs: Array<{ id: string; array: string; submitted_at: string }>
}

export function readClusterRecord(dir: string): ClusterRecord | undefined {
  const p = workPaths(dir).cluster
  if (!existsSync(p)) return undefined
  return JSON.parse(readFileSync(p, 'utf8')) as ClusterRecord
}

/** Submits the array tasks `only` (default all), and records the job before anything else. */
export async function submitRecorded(dir: string, record: ClusterRecord, only?: number[]): Promise<string> {
  const paths = workPaths(dir)
  const array = only ? arrayList(only) : `1-${record.tasks}`
  const id = await submit(paths.script, record.slurm, only ? array : undefined)
  record.jobs.push({ id, array, submitted_at: new Date().toISOString() })
  await writeFileAtomic(paths.cluster, JSON.stringify(record, null, 1))
  return id
}

export interface TaskView {
  task: number
  state: string
  /** Why Slurm keeps a pending task waiting (squeue's %r: Resources, Priority, ReqNodeNotAvail…). */
  reason?: string
  progress?: ShardProgress
}

export async function readProgress(dir: string, task: number): Promise<ShardProgress | undefined> {
  try {
    return JSON.parse(await readFile(workPaths(dir).progressOf(task), 'utf8')) as ShardProgress
  } catch {
    return undefined
  }
}

/**
 * Polls squeue every `intervalMs` until no task of the job is queued or running, calling
 * `onTick` with each task's state and progress. A controller that stops answering for
 * `giveUpMs` ends the wait with an error (the job itself goes on; --collect later).
 */
export async function watchJob(
  dir: string,
  jobId: string,
  tasks: readonly number[],
  onTick: (views: TaskView[]) => void,
  opts: { intervalMs?: number; giveUpMs?: number; signal?: AbortSignal } = {}
): Promise<void> {
  const interval = opts.intervalMs ?? 250
  let failingSince: number | undefined
  for (;;) {
    if (opts.signal?.aborted) return
    let queued: TaskState[]
    try {
      queued = await queuedTasks(jobId)
      failingSince = undefined
    } catch (e) {
      failingSince ??= Date.now()
      if (Date.now() - failingSince > (opts.giveUpMs ?? 30_000)) throw e
      await sleep(interval)
      continue
    }
    const byTask = new Map(queued.map((q) => [q.task, q]))
    const views: TaskView[] = []
    for (const t of tasks) {
      const progress = await readProgress(dir, t)
      const q = byTask.get(t)
      views.push({ task: t, state: q?.state ?? 'ENDED', ...(q?.reason ? { reason: q.reason } : {}), progress })
    }
    onTick(views)
    if (queued.length === 0) return
    await sleep(interval)
  }
}

export interface TaskFailure {
  task: number
  state: string
  exitCode?: string
  logTail: string[]
}

/** The tasks whose shard file is missing, with how Slurm says they ended and their log's last lines. */
export async function failedTasks(dir: string, jobId: string | undefined, count: number, tailLines = 8): Promise<TaskFailure[]> {
  const inv = await inventory(dir, count)
  if (inv.missing.length === 0) return []
  const states = jobId ? await endedTasks(jobId).catch(() => new Map<number, TaskState>()) : new Map<number, TaskState>()
  return inv.missing.map((task) => {
    const s = states.get(task)
    return { task, state: s?.state ?? 'UNKNOWN', exitCode: s?.exitCode, logTail: logTail(workPaths(dir).log(task), tailLines) }
  })
}

function logTail(path: string, n: number): string[] {
  try {
    return readFileSync(path, 'utf8').trimEnd().split('\n').slice(-n)
  } catch {
    return ['(no log file)']
  }
}

export function formatFailures(failures: readonly TaskFailure[], jobId?: string): string {
  return failures
    .map((f) => {
      const how = f.state === 'UNKNOWN' ? 'ended without its shard file' : `${f.state}${describeExit(f.exitCode)}`
      return `Task ${f.task}${jobId ? ` of job ${jobId}` : ''} ${how}; last lines of its log:\n${f.logTail.map((l) => `  | ${l}`).join('\n')}`
    })
    .join('\n')
}

/** Slurm's ExitCode is "code:signal". */
export function describeExit(exitCode: string | undefined): string {
  const m = /^(\d+):(\d+)$/.exec(exitCode ?? '')
  if (!m) return ''
  if (m[2] !== '0') return ` (killed by signal ${m[2]})`
  return m[1] !== '0' ? ` (exit code ${m[1]})` : ''
}

/** Refuses to submit into a folder whose job still has tasks in the queue. */
export async function ensureNotQueued(record: ClusterRecord): Promise<void> {
  const last = record.jobs.at(-1)
  if (!last) return
  const queued = await queuedTasks(last.id)
  if (queued.length > 0) {
    throw new SlurmError(`Job ${last.id} of this folder still has ${queued.length} task(s) queued or running; wait for them (or scancel ${last.id}) before resubmitting, so nothing runs twice.`)
  }
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms))
