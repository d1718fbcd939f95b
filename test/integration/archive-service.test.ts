/**
 * The app's export and Verify through the IPC contract (every request checked by the channel's
 * guard, then handled by the real services on real worker threads): the notebook's four runs
 * exported as NWB files with the right per-neuron spike counts, into a folder the headless
 * runner's --verify also finds 4/4 identical; Verify in the app says 4/4 identical, also after
 * the project is saved and opened again (provenance survives the project file); a stored
 * run whose spikes were altered is reported different at the first altered neuron and step; a
 * run opened from a format-2 project (no provenance) is not verifiable; a folder that cannot be
 * written gives a sentence.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createServices, type Services } from '../../src-main/services/services'
import type { ServiceContext } from '../../src-main/services/context'
import { checkRequest, type EventPayloads, type InvokeChannel, type InvokeResponses, type RunRecord } from '../../src-shared/ipc/contract'
import { expandRuns } from '../../src-shared/experiment/expand'
import { notebookExperiment } from '../../src-shared/experiment/presets'
import { readNwbSpikes } from '../../src-main/archive/nwb-reader'
import { spikeCounts } from '../../src-main/archive/runs-json'
import { sampleDocument } from '../helpers/project-fixtures'
import { builtFile, builtWorkerPath } from '../helpers/built'
import { spawnSync } from 'node:child_process'
import type { Dialogs } from '../../src-main/services/context'

/** The folder the user "picks" next; any other dialog fails the test. */
const folders: string[] = []
const saveAs: string[] = []
const unexpected = async (): Promise<never> => {
  throw new Error('unexpected dialog')
}
const dialogs: Dialogs = {
  openDirectory: async () => folders.shift() ?? null,
  openFiles: unexpected,
  saveFile: async () => saveAs.shift() ?? null,
  ask: unexpected
}
const finished: RunRecord[] = []
let services: Services
let userDataDir: string
let exported = ''

async function call<C extends InvokeChannel>(channel: C, payload?: unknown): Promise<InvokeResponses[C]> {
  const request = checkRequest(channel, payload)
  const handler = services.handlers[channel as Exclude<C, 'app:info' | 'app:quit'>] as (r: typeof request) => Promise<InvokeResponses[C]>
  return handler(request)
}

beforeAll(async () => {
  userDataDir = mkdtempSync(join(tmpdir(), 'sat-archive-app-'))
  const ctx: ServiceContext = {
    dialogs,
    userDataDir,
    appVersion: '0.1.0',
    events: {
      emit<E extends keyof EventPayloads>(channel: E, payload: EventPayloads[E]) {
        if (channel === 'runs:finished') finished.push((payload as EventPayloads['runs:finished']).record)
      }
    }
  }
  services = createServices(ctx, { workerPath: builtWorkerPath(), maxThreads: 2 })
  const accepted = await call('runs:enqueue', { runs: expandRuns(notebookExperiment()) })
  expect(accepted).toEqual({ ok: true, accepted: 4 })
  await services.runs.queue.idle()
  for (let i = 0; i < 100 && finished.length < 4; i++) await new Promise((r) => setTimeout(r, 20))
}, 120_000)

afterAll(async () => {
  await services.dispose()
  rmSync(userDataDir, { recursive: true, force: true })
})

describe('app export and Verify through the IPC contract', () => {
  it('exports one NWB file per run with the run\'s per-neuron spike counts', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sat-archive-app-out-'))
    folders.push(dir)
    const r = await call('archive:export', { name: 'Serotonin study', nwb: true, sonata: true })
    if (!r.ok) throw new Error(r.message)
    expect(r.files.filter((f) => f.endsWith('.nwb'))).toHaveLength(4)
    expect(readdirSync(dir).sort()).toEqual(['nwb', 'results.json', 'ro-crate-metadata.json', 'sonata'])
    exported = dir
    for (const rec of finished) {
      const run = (await services.store.get(rec.runId))!
      const t = r.timings.find((x) => x.runId === rec.runId && x.file.endsWith('.nwb'))!
      const back = await readNwbSpikes(join(dir, t.file), run.dt_ms)
      expect(back.counts).toEqual(spikeCounts(run.neurons, run.Ne + run.Ni))
      expect(back.provenance).toEqual(rec.provenance)
    }
  })

  it('exports a folder the headless runner verifies 4/4 identical', () => {
    const r = spawnSync(process.execPath, [builtFile('out/main/cli.js'), '--verify', exported, '--quiet'], { encoding: 'utf8', timeout: 120_000 })
    expect(r.stdout.trim().split('\n').at(-1)).toBe('4/4 identical')
    expect(r.status).toBe(0)
  }, 120_000)

  it('verifies the four runs identical', async () => {
    const r = await call('archive:verify')
    if (!r.ok) throw new Error(r.message)
    expect(r.report.counts).toEqual({ identical: 4, different: 0, 'not-verifiable': 0 })
    expect(r.report.verdicts.map((v) => v.runId)).toEqual(finished.map((f) => f.runId))
  }, 60_000)

  it('verifies the runs 4/4 identical after the project is saved and opened again', async () => {
    const file = join(userDataDir, 'study.satproj')
    saveAs.push(file)
    const saved = await call('project:save', { document: sampleDocument(), saveAs: true })
    expect(saved).toMatchObject({ ok: true, path: file })
    const opened = await call('project:open', { recentPath: file })
    if (!opened.ok) throw new Error(opened.message)
    expect(opened.project.runs.map((r) => r.provenance?.spikes_sha256)).toEqual(finished.map((f) => f.provenance!.spikes_sha256))
    const r = await call('archive:verify')
    if (!r.ok) throw new Error(r.message)
    expect(r.report.counts).toEqual({ identical: 4, different: 0, 'not-verifiable': 0 })
  }, 60_000)

  it('locates the first difference in a run whose stored spikes were altered; refuses runs without provenance, from another version or engine', async () => {
    const [a, b] = [finished[0], finished[1]]
    const run = (await services.store.get(a.runId))!
    // Drop the 100th spike: that neuron's train first differs at that spike's step.
    const k = 100
    const steps = Uint32Array.from([...run.steps.subarray(0, k), ...run.steps.subarray(k + 1)])
    const neurons = Uint16Array.from([...run.neurons.subarray(0, k), ...run.neurons.subarray(k + 1)])
    await services.store.add({ ...run, steps, neurons })
    const old = (await services.store.get(b.runId))!
    const { provenance: _dropped, ...record } = old.record
    await services.store.add({ ...old, record })
    // Another version made the third run; another engine the fourth.
    const [c, d] = [(await services.store.get(finished[2].runId))!, (await services.store.get(finished[3].runId))!]
    await services.store.add({ ...c, record: { ...c.record, provenance: { ...c.record.provenance!, app_version: '0.0.1' } } })
    const otherEngine = d.record.provenance!.engine === 'typescript' ? 'wasm' : 'typescript'
    await services.store.add({ ...d, record: { ...d.record, provenance: { ...d.record.provenance!, engine: otherEngine } } })
    const r = await call('archive:verify')
    if (!r.ok) throw new Error(r.message)
    expect(r.report.verdicts[2].message).toMatch(/^not verifiable: it was made by version 0\.0\.1 and this is version \d/)
    expect(r.report.verdicts[3].message).toMatch(new RegExp(`^not verifiable: it was made with the ${otherEngine} engine and this machine runs \\S+ \\(the spikes match anyway\\)$`))
    const va = r.report.verdicts.find((v) => v.runId === a.runId)!
    expect(va.status).toBe('different')
    expect(va.firstDifference).toMatchObject({ neuron: run.neurons[k], step: run.steps[k] })
    expect(va.message).toContain(`first at neuron ${run.neurons[k]}, step ${run.steps[k]}`)
    expect(va.message).toContain('spiked in the rerun but not in the recorded run')
    const vb = r.report.verdicts.find((v) => v.runId === b.runId)!
    expect(vb).toMatchObject({ status: 'not-verifiable' })
    expect(vb.message).toContain('no provenance was recorded')
    expect(r.report.counts).toEqual({ identical: 0, different: 1, 'not-verifiable': 3 })
  }, 60_000)

  it('says why a folder cannot be written', async () => {
    // A "folder" that is a file: nothing can be made inside it, even as root.
    const file = join(userDataDir, 'a-file')
    writeFileSync(file, 'x')
    folders.push(file)
    const r = await call('archive:export', { name: 'x', nwb: true, sonata: false })
    expect(r.ok).toBe(false)
    expect((r as { message: string }).message).toBe(`Could not save ${file}/nwb: a file is in the way where a folder should be. Nothing was changed on disk.`)
  })

  it('refuses a malformed request at the contract', () => {
    expect(() => checkRequest('archive:export', { name: '', nwb: true, sonata: false })).toThrow()
    expect(() => checkRequest('archive:export', { name: 'x', nwb: 'yes', sonata: false })).toThrow()
  })
})
