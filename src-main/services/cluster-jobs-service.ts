/**
 * Following a cluster job from the app: the folder's tasks polled (../cluster/job-follower.ts)
 * and pushed to the window as 'cluster:job' events; Cancel (scancel, asked first), Resume (only
 * the missing shards, as `--resume`), and Import, which brings the job's runs into the project's
 * run store like local runs. Only folders this session chose or prepared are accepted, so the
 * renderer cannot point the main process at arbitrary paths.
 */
import { existsSync } from 'node:fs'
import { resolve } from 'node:path'
import type { Handlers, ServiceContext } from './context'
import { cancelled, failure } from './io-outcome'
import { onPath } from './cluster-service'
import type { RunStore } from '../runs/run-store'
import type { ClusterJobStatus, RunRecord } from '../../src-shared/ipc/contract'
import type { ParameterSet } from '../../src-shared/params/types'
import { ensureNotQueued, readClusterRecord, submitRecorded } from '../cluster/cluster-job'
import { jobStatus } from '../cluster/job-status'
import { createJobFollower } from '../cluster/job-follower'
import { readClusterRuns } from '../cluster/import-runs'
import { slurmCommand } from '../cluster/slurm'
import { describeSlurmFailure, SlurmError } from '../cluster/slurm-errors'
import { workPaths } from '../cluster/work-folder'
import { createRecentList } from '../project/recent'

export type ClusterJobsChannel = 'cluster:follow' | 'cluster:unfollow' | 'cluster:followed' | 'cluster:cancel' | 'cluster:resume' | 'cluster:import'

/** Followed job folders, kept across sessions in userData (a cluster job outlives an app session). */
export const FOLLOWED_FILE = 'followed-cluster-jobs.json'
const MAX_FOLLOWED = 20

export interface ClusterJobsService extends Pick<Handlers, ClusterJobsChannel> {
  /** A folder the app itself wrote (On the cluster…): accepted by the other channels. */
  trust(folder: string): void
  dispose(): void
}

export function createClusterJobsService(ctx: ServiceContext, store: RunStore, opts: { intervalMs?: number } = {}): ClusterJobsService {
  const trusted = new Set<string>()
  const follower = createJobFollower((status) => ctx.events.emit('cluster:job', { status }), { ...opts, canPoll: () => onPath('squeue') })
  const followed = createRecentList(ctx.userDataDir, { file: FOLLOWED_FILE, max: MAX_FOLLOWED })
  // Folders the user chose in an earlier session stay trusted; the list lives in userData, which
  // the renderer cannot write.
  const restored = followed.list().then((dirs) => dirs.forEach((d) => trusted.add(d)))
  const follow = async (dir: string): Promise<ClusterJobStatus> => {
    const status = await follower.follow(dir)
    await followed.add(dir)
    return status
  }

  async function choose(folder: string | undefined, title: string): Promise<string | null> {
    await restored
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
    'cluster:unfollow': async ({ folder }) => {
      await followed.remove(folder)
      return { stopped: follower.stop(folder) }
    },
    'cluster:followed': async () => {
      await restored
      // A folder deleted or moved since is dropped, not shown as an error at every start.
      const all = await followed.list()
      const gone = all.filter((d) => !existsSync(d))
      for (const d of gone) await followed.remove(d)
      return { folders: all.filter((d) => !gone.includes(d)) }
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
        const { missing } = await jobStatus({ folder: dir, ...(await follower.describe(dir)), tracked: false })
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
    dispose: () => follower.dispose()
  }
}
