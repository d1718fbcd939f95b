/** Small valid projects and runs for the project-file tests (deterministic, no simulation). */
import type { ProjectDocument, RunRecord } from '../../src-shared/ipc/contract'
import type { RunSummary } from '../../src-shared/analysis/summary'
import { defaultParameterSet } from '../../src-shared/params/schema'
import { parameterHashes } from '../../src-shared/params/run-hashes'
import { DEFAULT_GIF, notebookConditions } from '../../src-shared/experiment/presets'
import { CURRENT_FORMAT_VERSION, PROJECT_FORMAT, serializeProject, type ProjectFile } from '../../src-shared/project/format'
import type { ArchivedRun } from '../../src-main/project/run-archive'
import { toStoredRun } from '../../src-main/project/stored-runs'
import type { ParameterSet } from '../../src-shared/params/types'
import type { RunProvenance } from '../../src-shared/provenance/run-provenance'
import { parametersSha256 } from '../../src-shared/params/canonical'
import { spikesSha256 } from '../../src-main/archive/spike-digest'

export function mulberry32(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** `count` spikes sorted by step, steps < nSteps, neurons < nNeurons, with repeated steps. */
export function randomSpikes(count: number, nSteps: number, nNeurons: number, seed = 1): { steps: Uint32Array; neurons: Uint16Array } {
  const rand = mulberry32(seed)
  const steps = new Uint32Array(count)
  const neurons = new Uint16Array(count)
  for (let i = 0; i < count; i++) {
    steps[i] = Math.floor(rand() * nSteps)
    neurons[i] = Math.floor(rand() * nNeurons)
  }
  steps.sort()
  return { steps, neurons }
}

export function summary(seed: number): RunSummary {
  return {
    termination_time_s: 1.5 + seed,
    exc_rate_hz: 3.25,
    inh_rate_hz: 11.5,
    bump_rate_hz: 40.125,
    decoded_reference_deg: 101,
    decoded_vector_deg: 99.5,
    decode_error_reference_deg: 1,
    decode_error_vector_deg: 0.5,
    exc_spikes: 1000 + seed,
    inh_spikes: 500,
    mean_delay_input_exc: -12.5,
    // NaN where a measure is undefined: must survive the JSON round trip.
    mean_delay_input_inh: NaN,
    mean_delay_input_stim_neuron: 4.75
  }
}

export function archivedRun(index: number, spikeCount = 2000): ArchivedRun {
  const params = defaultParameterSet()
  params.serotonin.mu_exc = 0.97 + 0.01 * index
  const nSteps = Math.trunc((params.simulation.duration_s * 1000) / params.simulation.dt_ms)
  const { Ne, Ni } = params.network
  const { steps, neurons } = randomSpikes(spikeCount, nSteps, Ne + Ni, 100 + index)
  const record: RunRecord = {
    runId: `run-${index}`,
    condition: index % 2 === 0 ? 'normal' : 'increased serotonin',
    rep: index,
    seed: 42 + index,
    mu_exc: params.serotonin.mu_exc,
    mu_inh: 1,
    orientationDeg: 100,
    inputMode: index % 2 === 0 ? 'exact' : 'fast',
    summary: summary(index),
    elapsedMs: 1234.5,
    ...(index % 2 === 1 ? { provenance: sampleProvenance(params, steps, neurons) } : {}),
    ...parameterHashes(params)
  }
  return { record, params, steps, neurons, nSteps, Ne, Ni, dt_ms: params.simulation.dt_ms }
}

/** A provenance record as format 3 stores it (hashes real, versions made up). */
export function sampleProvenance(params: ParameterSet, steps: Uint32Array, neurons: Uint16Array): RunProvenance {
  return {
    app_version: '0.1.0',
    engine: 'wasm-simd',
    input_mode: params.simulation.input_mode,
    orientation_drawn: false,
    parameters_sha256: parametersSha256(params),
    spikes_sha256: spikesSha256(steps, neurons),
    spike_count: steps.length,
    node_version: '20.19.0',
    electron_version: null,
    platform: 'linux-x64',
    started_at: '2025-01-02T03:04:05.000Z',
    finished_at: '2025-01-02T03:04:06.500Z',
    threads: 2
  }
}

export function sampleDocument(name = 'Serotonin test'): ProjectDocument {
  return {
    name,
    parameterSets: { default: defaultParameterSet() },
    conditions: notebookConditions(),
    control: 'normal',
    gif: { ...DEFAULT_GIF },
    view: { tab: 'runs', picked: ['run-0'] }
  }
}

export function sampleProject(runCount = 3, spikeCount = 2000): ProjectFile {
  const runs = []
  for (let i = 0; i < runCount; i++) runs.push(toStoredRun(archivedRun(i, spikeCount)))
  return {
    format: PROJECT_FORMAT,
    formatVersion: CURRENT_FORMAT_VERSION,
    appVersion: '0.1.0',
    savedAt: '2025-01-02T03:04:05.000Z',
    document: sampleDocument(),
    runs
  }
}

type Obj = Record<string, unknown>
const o = (v: unknown): Obj => v as Obj

/** The same project as format 1 would have written it, as parsed JSON. */
export function formatOneProject(): Obj {
  const v1 = o(JSON.parse(serializeProject(sampleProject(2, 50))))
  const stripInputMode = (params: unknown) => {
    delete o(o(params).simulation).input_mode
  }
  const doc = o(v1.document)
  delete doc.view
  delete doc.gif
  stripInputMode(o(doc.parameterSets).default)
  doc.conditions = (doc.conditions as Obj[]).map((c) => {
    const { orientation, ...rest } = c
    return { ...rest, orientation_deg: orientation }
  })
  for (const run of v1.runs as Obj[]) {
    delete run.inputMode
    delete run.provenance
    delete run.parametersSha256
    delete run.conditionSha256
    stripInputMode(run.params)
  }
  v1.formatVersion = 1
  return v1
}

/** The same project as format 2 wrote it: runs without provenance and without their parameter hashes. */
export function formatTwoProject(runCount = 2): Obj {
  const v2 = o(JSON.parse(serializeProject(sampleProject(runCount, 50))))
  for (const run of v2.runs as Obj[]) {
    delete run.provenance
    delete run.parametersSha256
    delete run.conditionSha256
  }
  v2.formatVersion = 2
  return v2
}
