/**
 * Full check of a project in the current format. A project file comes from disk, so it is as
 * untrusted as an IPC payload: every field is checked with a bound, and every raster is decoded
 * against the parameters of its run before anything of it is used.
 */
import { custom, literal, num, obj, opt, PayloadError, str, type Guard } from '../ipc/guards'
import { runProvenanceGuard } from '../provenance/run-provenance'
import { name, parameterSetGuard, projectDocumentGuard, runIdGuard } from '../ipc/payloads'
import { RUN_MEASURES, type RunSummary } from '../analysis/summary'
import { STOPPED_EARLY_KEY } from '../analysis/early-stop'
import { runTiming } from '../engine/timing'
import { parameterHashes } from '../params/run-hashes'
import { base64Length } from './base64'
import { ProjectFormatError } from './errors'
import {
  CURRENT_FORMAT_VERSION, MAX_STORED_RUNS, PROJECT_FORMAT, restoreNumber, type ProjectFile, type StoredRaster, type StoredRun
} from './format'
import { decodeSpikes, MAX_SPIKES_PER_RUN, SpikeCodecError } from './spike-codec'

const summaryGuard: Guard<RunSummary> = custom('run summary', (v, path) => {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new PayloadError(path, 'expected an object of run measures')
  const src = v as Record<string, unknown>
  for (const key of Object.keys(src)) {
    if (!(RUN_MEASURES as readonly string[]).includes(key) && key !== STOPPED_EARLY_KEY) throw new PayloadError(path, `unexpected measure '${key}'`)
  }
  const out = {} as RunSummary
  for (const key of RUN_MEASURES) {
    if (!Object.hasOwn(src, key)) throw new PayloadError(`${path}.${key}`, 'missing')
    const x = restoreNumber(src[key])
    if (x === undefined) throw new PayloadError(`${path}.${key}`, `expected a number (or null for "undefined"), got ${JSON.stringify(src[key])}`)
    out[key] = x
  }
  if (Object.hasOwn(src, STOPPED_EARLY_KEY)) {
    const at = src[STOPPED_EARLY_KEY]
    if (typeof at !== 'number' || !Number.isFinite(at) || at < 0) throw new PayloadError(`${path}.${STOPPED_EARLY_KEY}`, `expected the time the run stopped early (s, 0 or more), got ${JSON.stringify(at)}`)
    Object.assign(out, { [STOPPED_EARLY_KEY]: at })
  }
  return out
})

const rasterGuard: Guard<StoredRaster> = obj({
  nSteps: num({ min: 1, max: 0xffff_ffff, int: true }),
  Ne: num({ min: 1, max: 0xffff, int: true }),
  Ni: num({ min: 0, max: 0xffff, int: true }),
  dt_ms: num({ min: 1e-9, max: 1e6 }),
  count: num({ min: 0, max: MAX_SPIKES_PER_RUN, int: true }),
  steps: str({ max: base64Length(MAX_SPIKES_PER_RUN * 5) }),
  neurons: str({ max: base64Length(MAX_SPIKES_PER_RUN * 3) })
})

const sha256Guard = str({ min: 64, max: 64, pattern: /^[0-9a-f]{64}$/ })

const storedRunGuard: Guard<StoredRun> = obj({
  runId: runIdGuard,
  condition: name,
  rep: num({ min: 0, max: 100_000, int: true }),
  seed: num({ min: 0, max: 4294967295, int: true }),
  mu_exc: num({ min: 0, max: 10 }),
  mu_inh: num({ min: 0, max: 10 }),
  orientationDeg: num({ min: 0, max: 360 }),
  inputMode: literal('exact', 'fast'),
  summary: summaryGuard,
  elapsedMs: num({ min: 0 }),
  parametersSha256: sha256Guard,
  conditionSha256: sha256Guard,
  provenance: opt(runProvenanceGuard),
  params: parameterSetGuard,
  raster: rasterGuard
})

/** The hashes must be those of the stored parameters: Compare groups runs by them. */
function checkHashes(run: StoredRun, path: string): void {
  const h = parameterHashes(run.params)
  if (run.parametersSha256 !== h.parametersSha256) throw new PayloadError(`${path}.parametersSha256`, "does not match the run's parameters")
  if (run.conditionSha256 !== h.conditionSha256) throw new PayloadError(`${path}.conditionSha256`, "does not match the run's parameters")
}

/** Checks that the raster belongs to the run's parameters and that its spikes decode within bounds. */
function checkRaster(run: StoredRun, path: string): void {
  const r = run.raster
  const p = run.params
  const where = `${path}.raster`
  if (r.Ne !== p.network.Ne || r.Ni !== p.network.Ni) {
    throw new PayloadError(where, `the raster is of ${r.Ne}+${r.Ni} neurons but the run's parameters give ${p.network.Ne}+${p.network.Ni}`)
  }
  if (r.Ne + r.Ni > 0x10000) throw new PayloadError(where, `${r.Ne + r.Ni} neurons exceed the limit of 65536`)
  if (r.dt_ms !== p.simulation.dt_ms) throw new PayloadError(`${where}.dt_ms`, `${r.dt_ms} ms differs from the run's simulation.dt_ms ${p.simulation.dt_ms} ms`)
  const n = runTiming(p).nSteps
  if (r.nSteps !== n) throw new PayloadError(`${where}.nSteps`, `${r.nSteps} differs from the ${n} steps the run's parameters give`)
  try {
    decodeSpikes(r, { nSteps: r.nSteps, nNeurons: r.Ne + r.Ni })
  } catch (err) {
    if (err instanceof SpikeCodecError) throw new PayloadError(where, err.message)
    throw err
  }
}

/** One run as a project stores it, fully checked (fields, hashes, raster); throws PayloadError. */
export function checkStoredRun(raw: unknown, path: string): StoredRun {
  const run = storedRunGuard.check(raw, path)
  checkHashes(run, path)
  checkRaster(run, path)
  return run
}

function describeFailure(err: PayloadError, raw: unknown): string {
  let where = err.path || 'the file'
  const m = /^runs\[(\d+)\]/.exec(err.path)
  if (m) {
    const runs = (raw as { runs?: unknown }).runs
    const run = Array.isArray(runs) ? (runs[Number(m[1])] as { runId?: unknown } | undefined) : undefined
    if (run && typeof run.runId === 'string' && run.runId.length <= 300) where += ` (run '${run.runId}')`
  }
  return `The project file is not valid: ${where}: ${err.reason.replace(/[.\s]+$/, '')}.`
}

/** Validates a project already upgraded to the current format; throws ProjectFormatError naming the field. */
export function validateProject(raw: unknown): ProjectFile {
  try {
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new PayloadError('', 'expected an object')
    const src = raw as Record<string, unknown>
    const allowed = ['format', 'formatVersion', 'appVersion', 'savedAt', 'document', 'runs']
    for (const key of Object.keys(src)) if (!allowed.includes(key)) throw new PayloadError('', `unexpected field '${key}'`)
    literal(PROJECT_FORMAT).check(src.format, 'format')
    literal(CURRENT_FORMAT_VERSION).check(src.formatVersion, 'formatVersion')
    const appVersion = str({ max: 100 }).check(src.appVersion, 'appVersion')
    const savedAt = str({ max: 100 }).check(src.savedAt, 'savedAt')
    if (!Number.isFinite(Date.parse(savedAt))) throw new PayloadError('savedAt', `${JSON.stringify(savedAt)} is not a date`)
    const document = projectDocumentGuard.check(src.document, 'document')
    if (!Array.isArray(src.runs)) throw new PayloadError('runs', 'expected an array of runs')
    if (src.runs.length > MAX_STORED_RUNS) throw new PayloadError('runs', `${src.runs.length} runs exceed the limit of ${MAX_STORED_RUNS}`)
    const runs: StoredRun[] = []
    const ids = new Set<string>()
    for (let i = 0; i < src.runs.length; i++) {
      const path = `runs[${i}]`
      const run = checkStoredRun(src.runs[i], path)
      if (ids.has(run.runId)) throw new PayloadError(`${path}.runId`, `the run id '${run.runId}' appears twice`)
      ids.add(run.runId)
      runs.push(run)
    }
    return { format: PROJECT_FORMAT, formatVersion: CURRENT_FORMAT_VERSION, appVersion, savedAt, document, runs }
  } catch (err) {
    if (err instanceof PayloadError) throw new ProjectFormatError('invalid', describeFailure(err, raw))
    throw err
  }
}
