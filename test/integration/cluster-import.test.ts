/**
 * A cluster job's runs come into the app like local runs: shards made by the built CLI with
 * `--shard K/N` (any scheduler could drive it; no Slurm needed) are followed and imported through
 * the real main-process services (requests checked by the IPC contract's guards). The imported
 * spikes equal, bit for bit, those of the same runs made in the app on real worker threads; a
 * second import adds nothing; the runs survive a project save and open, and Verify finds them
 * identical. A folder with a shard missing is followed as such and refused naming the task.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { mkdtempSync, readFileSync, renameSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createServices, type Services } from '../../src-main/services/services'
import type { Dialogs, ServiceContext } from '../../src-main/services/context'
import type { ArchivedRun } from '../../src-main/project/run-archive'
import { checkRequest, type EventPayloads, type InvokeChannel, type InvokeResponses, type RunRecord } from '../../src-shared/ipc/contract'
import { expandRuns } from '../../src-shared/experiment/expand'
import { parseExperimentYaml } from '../../src-shared/experiment/experiment-yaml'
import { workPaths } from '../../src-main/cluster/work-folder'
import { sampleDocument } from '../helpers/project-fixtures'
import { builtWorkerPath, root } from '../helpers/built'
import { runCli } from '../helpers/run-cli'

const experimentFile = join(root, 'test/fixtures/cluster/small-sweep.experiment.yaml')
const exp = parseExperimentYaml(readFileSync(experimentFile, 'utf8'), 'small-sweep.experiment.yaml')

const folders: string[] = []
const saveAs: string[] = []
const dialogs: Dialogs = {
  openDirectory: async () => folders.shift() ?? null,
  openFiles: async () => null,
  saveFile: async () => saveAs.shift() ?? null,
  ask: async () => {
    throw new Error('unexpected question')
  }
}
const finished: RunRecord[] = []
let services: Services
let tmp: string
let work: string
const local = new Map<string, ArchivedRun>()

async function call<C extends InvokeChannel>(channel: C, payload?: unknown): Promise<InvokeResponses[C]> {
  const request = checkRequest(channel, payload)
  const handler = services.handlers[channel as Exclude<C, 'app:info' | 'app:quit'>] as (r: typeof request) => Promise<InvokeResponses[C]>
  return handler(request)
}

beforeAll(async () => {
  tmp = mkdtempSync(join(tmpdir(), 'sat-cluster-import-'))
  work = join(tmp, 'work')
  for (const k of [2, 1]) expect(runCli([experimentFile, '--shard', `${k}/2`, '--out', work, '--gifs', 'none', '--threads', '1', '--quiet']).code).toBe(0)
  const ctx: ServiceContext = {
    dialogs,
    userDataDir: join(tmp, 'user-data'),
    appVersion: '0.1.0',
    events: {
      emit<E extends keyof EventPayloads>(channel: E, payload: EventPayloads[E]) {
        if (channel === 'runs:finished') finished.push((payload as EventPayloads['runs:finished']).record)
      }
    }
  }
  services = createServices(ctx, { workerPath: builtWorkerPath(), maxThreads: 2 })
  // The same runs made in the app, kept aside, then taken out of the session.
  const runs = expandRuns(exp)
  expect(await call('runs:enqueue', { runs })).toEqual({ ok: true, accepted: runs.length })
  await services.runs.queue.idle()
  for (let i = 0; i < 100 && finished.length < runs.length; i++) await new Promise((r) => setTimeout(r, 20))
  for (const r of runs) local.set(r.runId, (await services.store.get(r.runId))!)
  expect(await call('runs:forget', { runIds: runs.map((r) => r.runId) })).toEqual({ forgotten: runs.length })
}, 180_000)

afterAll(async () => {
  await services.dispose()
  rmSync(tmp, { recursive: true, force: true })
})

describe('importing a cluster job folder into the app', () => {
  it('follows a --shard folder from its files: both tasks completed, nothing missing', async () => {
    folders.push(work)
    const r = await call('cluster:follow', {})
    if (!r.ok) throw new Error(r.message)
    expect(r.status).toMatchObject({ folder: work, experimentName: 'shard test', tracked: false, active: false, missing: [] })
    expect(r.status.tasks.map((t) => [t.task, t.state, t.done, t.total])).toEqual([[1, 'COMPLETED', 2, 2], [2, 'COMPLETED', 3, 3]])
  })

  it('imports every run with spikes, parameters and hashes identical to the runs made in the app', async () => {
    const r = await call('cluster:import', { folder: work })
    if (!r.ok) throw new Error(r.message)
    expect(r.skipped).toBe(0)
    expect(r.records.map((x) => x.runId)).toEqual(expandRuns(exp).map((x) => x.runId))
    for (const rec of r.records) {
      const mine = local.get(rec.runId)!
      const imported = (await services.store.get(rec.runId))!
      expect(mine.steps.length).toBeGreaterThan(100)
      expect(imported.steps).toEqual(mine.steps)
      expect(imported.neurons).toEqual(mine.neurons)
      expect([imported.nSteps, imported.Ne, imported.Ni, imported.dt_ms]).toEqual([mine.nSteps, mine.Ne, mine.Ni, mine.dt_ms])
      expect(rec.parametersSha256).toBe(mine.record.parametersSha256)
      expect(rec.conditionSha256).toBe(mine.record.conditionSha256)
      expect(rec.summary).toEqual(mine.record.summary)
      expect(rec.provenance?.spikes_sha256).toBe(mine.record.provenance?.spikes_sha256)
      expect(r.conditionParameters[rec.conditionSha256]).toBeDefined()
    }
    const raster = await call('runs:getRaster', { runId: 'low#2' })
    expect(raster.ok && raster.raster.steps.length).toBe(local.get('low#2')!.steps.length)
  })

  it('does not duplicate runs already in the project', async () => {
    const r = await call('cluster:import', { folder: work })
    if (!r.ok) throw new Error(r.message)
    expect(r.records).toEqual([])
    expect(r.skipped).toBe(5)
    expect(services.store.size).toBe(5)
  })

  it('refuses a run id the project already has with other parameters, naming it; nothing imported', async () => {
    const run = (await services.store.get('low#1'))!
    await services.store.add({ ...run, record: { ...run.record, parametersSha256: 'f'.repeat(64) } })
    await services.store.remove('low#2')
    const r = await call('cluster:import', { folder: work })
    expect(r).toEqual({ ok: false, message: "The project already has a run 'low#1' made with other parameters; rename that condition or remove the run, then import again. Nothing was imported." })
    expect(services.store.has('low#2')).toBe(false)
    await services.store.add(run)
    expect(await call('cluster:import', { folder: work })).toMatchObject({ ok: true, skipped: 4, records: [{ runId: 'low#2' }] })
  })

  it('keeps the imported runs through a project save and open, and Verify finds them identical', async () => {
    const file = join(tmp, 'study.satproj')
    saveAs.push(file)
    expect(await call('project:save', { document: sampleDocument(), saveAs: true })).toMatchObject({ ok: true, path: file })
    const opened = await call('project:open', { recentPath: file })
    if (!opened.ok) throw new Error(opened.message)
    expect(opened.project.runs.map((r) => r.runId)).toEqual(expandRuns(exp).map((x) => x.runId))
    expect((await services.store.get('normal#3'))!.steps).toEqual(local.get('normal#3')!.steps)
    const v = await call('archive:verify')
    if (!v.ok) throw new Error(v.message)
    expect(v.report.counts).toEqual({ identical: 5, different: 0, 'not-verifiable': 0 })
  }, 60_000)

  it('shows a missing shard when following and refuses to import, naming the task', async () => {
    renameSync(workPaths(work).shard(2, 2), join(tmp, 'aside.json'))
    const f = await call('cluster:follow', { folder: work })
    if (!f.ok) throw new Error(f.message)
    expect(f.status.missing).toEqual([2])
    expect(f.status.tasks[1].state).toBe('MISSING')
    const r = await call('cluster:import', { folder: work })
    expect(r).toEqual({ ok: false, message: `1 of 2 shards of ${work} are not there yet (task 2); wait for them, or resume the job, then import.` })
    expect(await call('cluster:import', { folder: join(tmp, 'elsewhere') })).toMatchObject({ ok: false, message: expect.stringMatching(/is not a job folder opened in this session/) })
  })
})
