// @vitest-environment node
/**
 * Shard format 3 (each run with its spikes) and the importer that brings a job folder's runs
 * into the run store: round trip, order, refusals (missing shards, format 2, tampered runs).
 * Shards here are synthetic but complete (real parameter sets, hashes and spike encodings);
 * test/integration/cluster-import.test.ts makes them with the built CLI.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { parseExperimentYaml, toExperimentYaml } from '../../src-shared/experiment/experiment-yaml'
import { expandRuns } from '../../src-shared/experiment/expand'
import type { ExperimentSpec, RunRequest } from '../../src-shared/experiment/types'
import { RUN_MEASURES, type RunSummary } from '../../src-shared/analysis/summary'
import { parameterHashes } from '../../src-shared/params/run-hashes'
import { runTiming } from '../../src-shared/engine/timing'
import { encodeSpikes } from '../../src-shared/project/spike-codec'
import { SHARD_FORMAT, SHARD_FORMAT_VERSION, experimentFingerprint, readShardFile, shardJson, type ShardFile, type ShardRun } from '../../src-main/cluster/shard-file'
import { shardRuns } from '../../src-main/cluster/shard-plan'
import { workPaths } from '../../src-main/cluster/work-folder'
import { readClusterRuns } from '../../src-main/cluster/import-runs'
import { root } from '../helpers/built'

const exp: ExperimentSpec = parseExperimentYaml(readFileSync(join(root, 'test/fixtures/cluster/small-sweep.experiment.yaml'), 'utf8'), 'small-sweep.experiment.yaml')

let dir: string
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'cluster-import-'))
  mkdirSync(workPaths(dir).shards, { recursive: true })
})
afterEach(() => rmSync(dir, { recursive: true, force: true }))

/** A run's spikes, different for every run: one spike per neuron at a step given by `salt`. */
function spikesOf(req: RunRequest, salt: number): { steps: Uint32Array; neurons: Uint16Array; nSteps: number } {
  const nSteps = runTiming(req.params).nSteps
  const n = req.params.network.Ne + req.params.network.Ni
  const steps = new Uint32Array(n)
  const neurons = new Uint16Array(n)
  for (let i = 0; i < n; i++) {
    steps[i] = (i * 37 + salt * 101) % nSteps
    neurons[i] = i
  }
  const order = [...steps.keys()].sort((a, b) => steps[a] - steps[b] || a - b)
  return { steps: Uint32Array.from(order, (i) => steps[i]), neurons: Uint16Array.from(order, (i) => neurons[i]), nSteps }
}

function shardRun(req: RunRequest, salt: number): ShardRun {
  const { steps, neurons, nSteps } = spikesOf(req, salt)
  const summary = Object.fromEntries(RUN_MEASURES.map((k) => [k, k === 'termination_time_s' ? salt / 10 : NaN])) as unknown as RunSummary
  const p = req.params
  return {
    record: {
      runId: req.runId, condition: req.condition, rep: req.rep, seed: p.simulation.seed, mu_exc: p.serotonin.mu_exc, mu_inh: p.serotonin.mu_inh,
      orientationDeg: p.stimulus.orientation_deg, inputMode: p.simulation.input_mode, summary, elapsedMs: 12, ...parameterHashes(p)
    },
    rep: req.rep,
    params: p,
    counts: [],
    raster: { nSteps, Ne: p.network.Ne, Ni: p.network.Ni, dt_ms: p.simulation.dt_ms, ...encodeSpikes(steps, neurons) }
  }
}

function writeShard(k: number, n: number, edit: (f: ShardFile) => void = () => undefined): ShardFile {
  const runs = shardRuns(expandRuns(exp), { index: k, count: n })
  const file: ShardFile = {
    format: SHARD_FORMAT, version: SHARD_FORMAT_VERSION, experiment_sha256: experimentFingerprint(exp, 'none', false), experiment: exp,
    gifs: 'none', early_stop: false, shard: k, of: n, run_ids: runs.map((r) => r.runId),
    runs: runs.map((r) => shardRun(r, expandRuns(exp).findIndex((x) => x.runId === r.runId) + 1)),
    failed: [], gif_errors: [], wall_ms: 5, threads: 1, cores: 1, host: 'node1', experiment_file: null
  }
  edit(file)
  writeFileSync(workPaths(dir).shard(k, n), shardJson(file))
  return file
}

describe('shard format 3', () => {
  it('round-trips each run with its spikes and NaN measures', async () => {
    const written = writeShard(1, 2)
    const read = await readShardFile(workPaths(dir).shard(1, 2))
    expect(read.version).toBe(3)
    expect(read.runs.map((r) => r.raster)).toEqual(written.runs.map((r) => r.raster))
    expect(Number.isNaN(read.runs[0].record.summary.exc_rate_hz)).toBe(true)
  })

  it('refuses a format 2 shard, saying what to rerun', async () => {
    writeShard(2, 3, (f) => {
      f.version = 2
      for (const r of f.runs) delete (r as Partial<ShardRun>).raster
    })
    await expect(readShardFile(workPaths(dir).shard(2, 3))).rejects.toThrow(/format 2 \(spike counts without spikes\).*rerun that shard with this version \(--shard 2\/3/)
  })
})

describe('readClusterRuns', () => {
  it('gives every run in the experiment order with its exact spikes, whatever order the shards were written in', async () => {
    for (const k of [3, 1, 2]) writeShard(k, 3)
    const { runs, experimentName } = await readClusterRuns(dir)
    expect(experimentName).toBe('shard test')
    expect(runs.map((r) => r.record.runId)).toEqual(expandRuns(exp).map((r) => r.runId))
    expandRuns(exp).forEach((req, i) => {
      const want = spikesOf(req, i + 1)
      expect(runs[i].steps).toEqual(want.steps)
      expect(runs[i].neurons).toEqual(want.neurons)
      expect(runs[i].nSteps).toBe(want.nSteps)
    })
  })

  it('refuses incomplete shards, naming the missing tasks, and an empty folder', async () => {
    await expect(readClusterRuns(dir)).rejects.toThrow(/holds no shard files/)
    writeShard(2, 4)
    await expect(readClusterRuns(dir)).rejects.toThrow('3 of 4 shards of ' + dir + ' are not there yet (task 1, 3, 4)')
  })

  it('refuses shards made from another experiment than the folder\'s experiment.yaml, saying what differs', async () => {
    for (const k of [1, 2]) writeShard(k, 2)
    const edited = { ...exp, conditions: exp.conditions.map((c) => (c.name === 'low' ? { ...c, repetitions: 3 } : c)) }
    writeFileSync(workPaths(dir).experiment, toExperimentYaml(edited))
    await expect(readClusterRuns(dir)).rejects.toThrow(`The shards of ${dir} were made from another experiment than its experiment.yaml (condition 'low' differs); nothing was imported`)
    writeFileSync(workPaths(dir).experiment, toExperimentYaml({ ...exp, name: 'other' }))
    await expect(readClusterRuns(dir)).rejects.toThrow("(it is named 'other', they 'shard test')")
    writeFileSync(workPaths(dir).experiment, toExperimentYaml(exp))
    expect((await readClusterRuns(dir)).runs).toHaveLength(5)
  })

  it('refuses a run whose parameters do not match its hash, or whose spikes fall outside its raster; nothing half-imported', async () => {
    writeShard(1, 2, (f) => void (f.runs[1].params = { ...f.runs[1].params, serotonin: { ...f.runs[1].params.serotonin, mu_exc: 1.5 } }))
    writeShard(2, 2)
    await expect(readClusterRuns(dir)).rejects.toThrow(/Run 'normal#2' in the shards of .* is not valid \(run.parametersSha256: does not match the run's parameters\); nothing was imported/)
    unlinkSync(workPaths(dir).shard(1, 2))
    writeShard(1, 2, (f) => void (f.runs[0].raster.nSteps = 10))
    await expect(readClusterRuns(dir)).rejects.toThrow(/Run 'normal#1' .* not valid \(run.raster.nSteps:/)
  })
})
