/**
 * The app follows a cluster job on a real one-node Slurm through the real main-process services:
 * a job submitted by "On the cluster" is polled and pushed as 'cluster:job' events (task states
 * and progress), and no longer once unfollowed; Cancel asks first and does nothing on "keep"; cancelled, the job ends with its
 * tasks reported as the CLI reports them; Resume resubmits only the missing shards; the completed
 * folder imports 16 runs whose per-neuron spike counts equal a local run's.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { root, builtWorkerPath } from '../helpers/built'
import { builtCli, runCli } from '../helpers/run-cli'
import { readResults } from '../helpers/results-compare'
import { slurmUnavailable, startSlurm, type TestCluster } from '../helpers/slurm-cluster'
import { createServices, type Services } from '../../src-main/services/services'
import type { Dialogs } from '../../src-main/services/context'
import { spikeCounts } from '../../src-main/archive/runs-json'
import { parseExperimentYaml } from '../../src-shared/experiment/experiment-yaml'
import { checkRequest, type ClusterJobStatus, type InvokeChannel, type InvokeResponses } from '../../src-shared/ipc/contract'

const long = join(root, 'test/fixtures/cluster/kill-resume.experiment.yaml')
const unavailable = slurmUnavailable()
if (unavailable) console.warn(`Skipping the app's Slurm tests: ${unavailable}`)

let cluster: TestCluster
let services: Services
let tmp: string
let savedConf: string | undefined
const answers: number[] = []
const questions: string[] = []
const statuses: ClusterJobStatus[] = []

async function call<C extends InvokeChannel>(channel: C, payload?: unknown): Promise<InvokeResponses[C]> {
  const request = checkRequest(channel, payload)
  const handler = services.handlers[channel as Exclude<C, 'app:info' | 'app:quit'>] as (r: typeof request) => Promise<InvokeResponses[C]>
  return handler(request)
}

async function until<T>(what: string, find: () => T | undefined, timeoutMs = 120_000): Promise<T> {
  const end = Date.now() + timeoutMs
  for (;;) {
    const found = find()
    if (found !== undefined) return found
    if (Date.now() > end) throw new Error(`Timed out waiting for ${what}; last status: ${JSON.stringify(statuses.at(-1))}`)
    await new Promise((r) => setTimeout(r, 100))
  }
}

describe.skipIf(unavailable !== undefined)('the app follows, cancels, resumes and imports a Slurm job (real one-node Slurm)', () => {
  beforeAll(() => {
    cluster = startSlurm()
    // The services call sbatch/squeue/scancel as the app would, with this cluster's configuration.
    savedConf = process.env.SLURM_CONF
    process.env.SLURM_CONF = cluster.env.SLURM_CONF
    tmp = mkdtempSync(join(tmpdir(), 'sat-app-slurm-'))
    const dialogs: Dialogs = {
      openDirectory: async () => tmp,
      openFiles: async () => null,
      saveFile: async () => null,
      ask: async (o) => {
        questions.push(o.message)
        return answers.shift() ?? 1
      }
    }
    services = createServices(
      { dialogs, userDataDir: join(tmp, 'user-data'), appVersion: 'test', events: { emit: (c, p) => void (c === 'cluster:job' && statuses.push((p as { status: ClusterJobStatus }).status)) } },
      { workerPath: builtWorkerPath(), maxThreads: 1, clusterRunner: { node: process.execPath, cli: builtCli() } }
    )
  })
  afterAll(async () => {
    await services?.dispose()
    cluster?.stop()
    process.env.SLURM_CONF = savedConf
    if (tmp) rmSync(tmp, { recursive: true, force: true })
  })

  it('polls the job into events, cancels after asking, reports the tasks, resumes the missing shards and imports the runs', async () => {
    const experiment = parseExperimentYaml(readFileSync(long, 'utf8'), 'kill-resume.experiment.yaml')
    const prepared = await call('cluster:prepare', { experiment, tasks: 2, submit: true })
    if (!prepared.ok) throw new Error(prepared.message)
    if (!prepared.jobId) throw new Error('not submitted')
    const folder = prepared.folder
    const job = prepared.jobId
    const followed = await call('cluster:follow', { folder })
    if (!followed.ok) throw new Error(followed.message)
    expect(followed.status).toMatchObject({ folder, jobId: job, tracked: true, active: true, experimentName: 'kill and resume' })
    await until('a first status event', () => statuses[0])
    // Unfollowed, the folder is no longer polled; followed again, it is.
    expect(await call('cluster:unfollow', { folder })).toEqual({ stopped: true })
    await new Promise((r) => setTimeout(r, 300))
    const seen = statuses.length
    await new Promise((r) => setTimeout(r, 2500))
    expect(statuses.length).toBe(seen)
    expect(await call('cluster:follow', { folder })).toMatchObject({ ok: true, status: { active: true } })
    await until('a task to run with its progress', () => statuses.find((s) => s.tasks.some((t) => t.state === 'RUNNING' && t.total === 8)))

    answers.push(1)
    expect(await call('cluster:cancel', { folder })).toEqual({ ok: true, cancelled: false })
    expect(questions).toEqual([`Cancel Slurm job ${job}?`])
    expect(statuses.at(-1)!.active).toBe(true)
    answers.push(0)
    expect(await call('cluster:cancel', { folder })).toEqual({ ok: true, cancelled: true })
    const ended = await until('the cancelled job to end', () => statuses.find((s) => !s.active))
    expect(ended.missing.length).toBeGreaterThan(0)
    expect(ended.tasks.filter((t) => t.state === 'MISSING').map((t) => t.task)).toEqual(ended.missing)
    expect(ended.failures).toContain(`Task ${ended.missing[0]} of job ${job} CANCELLED`)
    expect(ended.failures).toContain(`  | task ${ended.missing[0]} of job ${job} on `)
    expect(await call('cluster:import', { folder })).toMatchObject({ ok: false, message: expect.stringContaining(`(task ${ended.missing.join(', ')})`) })

    statuses.length = 0
    const resumed = await call('cluster:resume', { folder })
    if (!resumed.ok) throw new Error(resumed.message)
    expect(resumed.tasks).toEqual(ended.missing)
    expect(resumed.jobId).not.toBe(job)
    const done = await until('the resumed job to end', () => statuses.find((s) => !s.active), 300_000)
    expect(done).toMatchObject({ jobId: resumed.jobId, missing: [] })
    expect(done.failures).toBeUndefined()
    expect(done.tasks.map((t) => [t.state, t.done, t.total])).toEqual([['COMPLETED', 8, 8], ['COMPLETED', 8, 8]])

    const imported = await call('cluster:import', { folder })
    if (!imported.ok) throw new Error(imported.message)
    expect(imported.records).toHaveLength(16)
    const local = join(tmp, 'local')
    expect(runCli([long, '--out', local, '--gifs', 'none', '--quiet'], cluster.env).code).toBe(0)
    const want = readResults(local).runs
    for (const [i, rec] of imported.records.entries()) {
      const run = (await services.store.get(rec.runId))!
      expect(rec.runId).toBe(want[i].run_id)
      expect(Array.from(spikeCounts(run.neurons, run.Ne + run.Ni))).toEqual(want[i].spike_counts)
    }
  }, 600_000)
})
