/**
 * Following a cluster job from the app: the folder's tasks polled with squeue (while it answers)
 * and pushed to the window as 'cluster:job' events; Cancel (scancel, asked first), Resume (only
 * the missing shards, as `--resume`), and Import, which brings the job's runs into the project's
 * run store like local runs. Only folders this session chose or prepared are accepted, so the
 * renderer cannot point the main process at arbitrary paths.
 */
import { existsSync } from 'node:fs'
import { basename, resolve } from 'node:path'
import type { Handlers, ServiceContext } from './context'
import { cancelled, failure } from './io-outcome'
import { onPath } from './cluster-service'
import type { RunStore } from '../runs/run-store'
import type { ClusterJobStatus, RunRecord } from '../../src-shared/ipc/contract'
import type { ParameterSet } from '../../src-shared/params/types'
import { loadExperiment } from '../cli/load-experiment'
import { ensureNotQueued, failedTasks, formatFailures, readClusterRecord, submitRecorded, watchJob, type TaskView } from '../cluster/cluster-job'
import { shardCount } from '../cluster/collect'
import { readShardFile } from '../cluster/shard-file'
import { jobStatus } from '../cluster/job-status'
import { readClusterRuns } from '../cluster/import-runs'
import { slurmCommand } from '../cluster/slurm'
import { describeSlurmFailure, SlurmError } from '../cluster/slurm-errors'
import { workPaths } from '../cluster/work-folder'

export type ClusterJobsChannel = 'cluster:follow' | 'cluster:cancel' | 'cluster:resume' | 'cluster:import'

export interface ClusterJobsService extends Pick<Handlers, ClusterJobsChannel> {
  /** A folder the app itself wrote (On the cluster…): accepted by the other channels. */
  trust(folder: string): void
  dispose(): void
}

export function createClusterJobsService(ctx: ServiceContext, store: RunStore, opts: { intervalMs?: number } = {}): ClusterJobsService {
  const trusted = new Set<string>()
  const watching = new Map<string, AbortController>()

  async function choose(folder: string | undefined, title: string): Promise<string | null> {
    if (folder !== undefined) {
      if (!trusted.has(folder)) throw new Error(`${folder} is not a job folder opened in this session; use Follow a cluster job… to choose it.`)
      return folder
    }
    const picked = await ctx.dialogs.openDirectory({ title })
    if (!picked) return null
    const dir = resolve(picked)
    const paths = workPaths(dir)
    if (!existsSync(paths.cluster) && !existsSync(paths.shards)) {
      throw new Error(`${dir} is not a cluster job folder: it has neither cluster.json nor a shards folder (choose the folder On the cluster… or --slurm/--shard wrote).`)
    }
    trusted.add(dir)
    return dir
  }

  async function describe(dir: string): Promise<{ experimentName: string; count: number; jobId?: string }> {
    const record = readClusterRecord(dir)
    const count = shardCount(dir, record?.tasks) ?? 0
    const paths = workPaths(dir)
    // A --shard folder has no experiment.yaml: its first shard file names the experiment, else the folder's name stands in.
    const firstShard = Array.from({ length: count }, (_, i) => paths.shard(i + 1, count)).find((p) => existsSync(p))
    let experimentName = basename(dir)
    try {
      experimentName = existsSync(paths.experiment) ? loadExperiment(paths.experiment).name : firstShard ? (await readShardFile(firstShard)).experiment.name : experimentName
    } catch {
      // An unreadable file is reported when it matters (import); the folder's name stands in here.
    }
    return { experimentName, count, jobId: record?.jobs.at(-1)?.id }
  }

  /** The folder's status now; when its job is in a queue this machine can see, polling starts. */
  async function follow(dir: string): Promise<ClusterJobStatus> {
    watching.get(dir)?.abort()
    const d = await describe(dir)
    const tracked = d.jobId !== undefined && onPath('squeue')
    const first = await jobStatus({ folder: dir, ...d, tracked })
    if (!tracked) return first
    const abort = new AbortController()
    watching.set(dir, abort)
    const tasks = Array.from({ length: d.count }, (_, i) => i + 1)
    const emit = (status: ClusterJobStatus): void => {
      if (!abort.signal.aborted) ctx.events.emit('cluster:job', { status })
    }
    void (async () => {
      let error: string | undefined
      // One status at a time, in order; the last tick (nothing queued) is left to the final status below.
      let chain = Promise.resolve()
      const onTick = (views: TaskView[]): void => {
        if (views.every((v) => v.state === 'ENDED')) return
        chain = chain.then(async () => emit(await jobStatus({ folder: dir, ...d, tracked, views })))
      }
      try {
        await watchJob(dir, d.jobId!, tasks, onTick, { intervalMs: opts.intervalMs ?? 1000, signal: abort.signal })
      } catch (e) {
        error = `Stopped following job ${d.jobId}: ${e instanceof Error ? e.message : String(e)}`
      }
      await chain
      const last = await jobStatus({ folder: dir, ...d, tracked })
      const failures = last.missing.length > 0 && !error ? formatFailures(await failedTasks(dir, d.jobId, d.count), d.jobId) : undefined
      emit({ ...last, active: false, ...(failures ? { failures } : {}), ...(error ? { error } : {}) })
      if (watching.get(dir) === abort) watching.delete(dir)
    })()
    return { ...first, active: true }
  }

  return {
    trust: (folder) => void trusted.add(resolve(folder)),
    'cluster:follow': async ({ folder }) => {
      try {
        const dir = await choose(folder, 'Follow a cluster job: its folder (with cluster.json or shards/)')
        return dir ? { ok: true, status: await follow(dir) } : cancelled()
      } catch (err) {
        return failure(err)
      }
    },
    'cluster:cancel': async ({ folder }) => {
      try {
        const dir = (await choose(folder, ''))!
        const jobId = readClusterRecord(dir)?.jobs.at(-1)?.id
        if (!jobId) return { ok: false, message: `${dir} has no submitted job to cancel (no job id in cluster.json).` }
        const choice = await ctx.dialogs.ask({
          title: 'Cancel cluster job',
          message: `Cancel Slurm job ${jobId}?`,
          detail: 'Its queued and running tasks stop; shards already written stay, and Resume runs only the missing ones.',
          buttons: ['Cancel the job', 'Keep it running'],
          defaultId: 1,
          cancelId: 1
        })
        if (choice !== 0) return { ok: true, cancelled: false }
        const r = await slurmCommand('scancel', [jobId])
        if (r.code !== 0) throw new SlurmError(describeSlurmFailure('scancel', r.stderr).replace('nothing was submitted', 'the job was not cancelled'))
        return { ok: true, cancelled: true }
      } catch (err) {
        return failure(err)
      }
    },
    'cluster:resume': async ({ folder }) => {
      try {
        const dir = (await choose(folder, ''))!
        const record = readClusterRecord(dir)
        if (!record) return { ok: false, message: `${dir} has no cluster.json: it was not submitted to Slurm; run its missing shards with --shard K/N --out ${dir}.` }
        await ensureNotQueued(record)
        const { missing } = await jobStatus({ folder: dir, ...(await describe(dir)), tracked: false })
        if (missing.length === 0) return { ok: false, message: `Every shard of ${dir} is there; nothing to resume (import it).` }
        const jobId = await submitRecorded(dir, record, missing)
        await follow(dir)
        return { ok: true, jobId, tasks: missing }
      } catch (err) {
        return failure(err)
      }
    },
    'cluster:import': async ({ folder }) => {
      try {
        const dir = await choose(folder, 'Import the runs of a cluster job: its folder')
        if (!dir) return cancelled()
        const { runs, failed } = await readClusterRuns(dir)
        const fresh = []
        for (const run of runs) {
          const have = await store.get(run.record.runId)
          if (!have) fresh.push(run)
          else if (have.record.parametersSha256 !== run.record.parametersSha256) {
            return { ok: false, message: `The project already has a run '${run.record.runId}' made with other parameters; rename that condition or remove the run, then import again. Nothing was imported.` }
          }
        }
        for (const run of fresh) await store.add(run)
        const records: RunRecord[] = fresh.map((r) => r.record)
        const conditionParameters: Record<string, ParameterSet> = {}
        for (const r of fresh) conditionParameters[r.record.conditionSha256] ??= r.params
        return { ok: true, folder: dir, records, conditionParameters, skipped: runs.length - fresh.length, failed: failed.length }
      } catch (err) {
        return failure(err)
      }
    },
    dispose: () => {
      for (const a of watching.values()) a.abort()
      watching.clear()
    }
  }
}
