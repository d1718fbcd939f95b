/**
 * The project file model. On disk a project is this object as JSON, gzipped. Spikes are kept
 * with each run (compactly, see ./spike-codec.ts) together with the full parameter set that
 * produced them, so a reopened project can still be re-analysed and animated.
 *
 * Changing the shape means a new formatVersion and an upgrade step in ./upgrade.ts.
 */
import type { ProjectDocument, RunRecord } from '../ipc/contract'
import type { ParameterSet } from '../params/types'
import { RUN_MEASURES, type RunSummary } from '../analysis/summary'
import { STOPPED_EARLY_KEY, stoppedEarlyAt } from '../analysis/early-stop'

export { encodeSpikes, decodeSpikes, MAX_SPIKES_PER_RUN, SpikeCodecError, type EncodedSpikes, type SpikeBounds } from './spike-codec'

export const PROJECT_FORMAT = 'serotonin-attractor-workbench-project'
export const CURRENT_FORMAT_VERSION = 3
/** File name extension, without the dot. */
export const PROJECT_EXTENSION = 'satproj'
/** Upper bound on runs per project, to keep a damaged or hostile file from exhausting memory. */
export const MAX_STORED_RUNS = 200_000

export interface StoredRaster {
  nSteps: number
  Ne: number
  Ni: number
  dt_ms: number
  count: number
  /** base64 of delta-encoded LEB128 step varints. */
  steps: string
  /** base64 of LEB128 neuron varints. */
  neurons: string
}

/** A finished run as saved: what the renderer shows, the parameters that produced it, and its spikes. */
export interface StoredRun extends RunRecord {
  params: ParameterSet
  raster: StoredRaster
}

export interface ProjectFile {
  format: typeof PROJECT_FORMAT
  formatVersion: typeof CURRENT_FORMAT_VERSION
  appVersion: string
  /** ISO 8601. */
  savedAt: string
  document: ProjectDocument
  runs: StoredRun[]
}

/**
 * JSON has no NaN or Infinity, and run measures are NaN where undefined (no bump, no delay),
 * so summaries are written with null for NaN and the strings "Infinity"/"-Infinity".
 */
export type StoredNumber = number | null | 'Infinity' | '-Infinity'

export function storeNumber(x: number): StoredNumber {
  if (Number.isNaN(x)) return null
  if (x === Infinity) return 'Infinity'
  if (x === -Infinity) return '-Infinity'
  return x
}

/** Inverse of storeNumber; undefined when `v` is none of the stored forms. */
export function restoreNumber(v: unknown): number | undefined {
  if (typeof v === 'number') return v
  if (v === null) return NaN
  if (v === 'Infinity') return Infinity
  if (v === '-Infinity') return -Infinity
  return undefined
}

function storeSummary(s: RunSummary): Record<string, StoredNumber> {
  const out: Record<string, StoredNumber> = {}
  for (const key of RUN_MEASURES) out[key] = storeNumber(s[key])
  // A run ended by early stopping keeps when it stopped, so a reopened project still marks it.
  const stopped = stoppedEarlyAt(s)
  if (stopped !== undefined) out[STOPPED_EARLY_KEY] = stopped
  return out
}

/** The JSON text of a project, with run summaries made JSON-safe. */
export function serializeProject(project: ProjectFile): string {
  return JSON.stringify({
    format: project.format,
    formatVersion: project.formatVersion,
    appVersion: project.appVersion,
    savedAt: project.savedAt,
    document: project.document,
    runs: project.runs.map((r) => ({ ...r, summary: storeSummary(r.summary) }))
  })
}

/** The RunRecord part of a stored run (what the renderer gets; spikes and parameters stay behind). */
export function runRecordOf(run: StoredRun): RunRecord {
  return {
    runId: run.runId,
    condition: run.condition,
    rep: run.rep,
    seed: run.seed,
    mu_exc: run.mu_exc,
    mu_inh: run.mu_inh,
    orientationDeg: run.orientationDeg,
    inputMode: run.inputMode,
    summary: { ...run.summary },
    elapsedMs: run.elapsedMs,
    parametersSha256: run.parametersSha256,
    conditionSha256: run.conditionSha256,
    ...(run.provenance ? { provenance: run.provenance } : {})
  }
}

/** One stored parameter set per distinct conditionSha256 (what the renderer needs to label groups of runs). */
export function conditionParametersOf(runs: readonly StoredRun[]): Record<string, ParameterSet> {
  const out: Record<string, ParameterSet> = {}
  for (const r of runs) out[r.conditionSha256] ??= r.params
  return out
}
