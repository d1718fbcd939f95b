/**
 * Reads an output folder of the headless runner for `--verify`: the runs recorded in results.json
 * (provenance and resolved parameters), their NWB files when there are some, and the SHA-256 of
 * every file ro-crate-metadata.json lists, so hand edits and missing files are reported.
 */
import { readFile, access } from 'node:fs/promises'
import { join } from 'node:path'
import { PayloadError } from '../../src-shared/ipc/guards'
import { parameterSetGuard } from '../../src-shared/ipc/payloads'
import { runProvenanceGuard } from '../../src-shared/provenance/run-provenance'
import type { ParameterSet } from '../../src-shared/params/types'
import { bytesSha256 } from '../archive/spike-digest'
import { readNwbSpikes } from '../archive/nwb-reader'
import { RO_CRATE_FILE } from '../archive/ro-crate'
import type { RecordedRun } from './verify-runs'

export class ResultsFolderError extends Error {
  override name = 'ResultsFolderError'
  readonly userFacing = true
}

export interface ResultsFolder {
  runs: RecordedRun[]
  /** Runs results.json lists that cannot be rerun at all (their entry is damaged), with why. */
  unreadable: Array<{ runId: string; message: string }>
  /** Folder-level findings: edited or missing files, runs the experiment had but results.json lacks. */
  problems: string[]
}

type Json = Record<string, unknown>
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v)

async function exists(path: string): Promise<boolean> {
  return access(path).then(() => true, () => false)
}

/** Files ro-crate-metadata.json lists whose bytes are gone or no longer match their recorded SHA-256. */
async function crateProblems(dir: string): Promise<string[]> {
  const path = join(dir, RO_CRATE_FILE)
  if (!(await exists(path))) return [`${RO_CRATE_FILE} is missing, so edits to the other files cannot be detected.`]
  let graph: unknown
  try {
    graph = (JSON.parse(await readFile(path, 'utf8')) as Json)['@graph']
  } catch (err) {
    return [`${RO_CRATE_FILE} is not valid JSON (${(err as Error).message}); it was edited or damaged.`]
  }
  const problems: string[] = []
  for (const e of Array.isArray(graph) ? graph : []) {
    if (!isObject(e) || e['@type'] !== 'File' || typeof e.sha256 !== 'string' || typeof e['@id'] !== 'string') continue
    const rel = decodeURIComponent(e['@id'])
    const file = join(dir, rel)
    if (!(await exists(file))) problems.push(`${rel} is listed in ${RO_CRATE_FILE} but missing.`)
    else if (bytesSha256(await readFile(file)) !== e.sha256) problems.push(`${rel} was changed after the run (its SHA-256 differs from the one in ${RO_CRATE_FILE}).`)
  }
  return problems
}

/** Condition runs the experiment asked for (its repetitions) that results.json does not list. */
function missingRuns(json: Json, listed: Set<string>): string[] {
  const exp = json.experiment
  const failed = new Set(Array.isArray(json.failed_runs) ? json.failed_runs.map((f) => (isObject(f) ? f.run_id : undefined)) : [])
  const out: string[] = []
  if (!isObject(exp) || !Array.isArray(exp.conditions)) return out
  for (const c of exp.conditions) {
    if (!isObject(c) || typeof c.name !== 'string' || typeof c.repetitions !== 'number') continue
    for (let k = 1; k <= c.repetitions; k++) {
      const id = `${c.name}#${k}`
      if (!listed.has(id) && !failed.has(id)) out.push(id)
    }
  }
  return out
}

export async function readResultsFolder(dir: string): Promise<ResultsFolder> {
  const path = join(dir, 'results.json')
  let text: string
  try {
    text = await readFile(path, 'utf8')
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code
    if (code === 'ENOENT') {
      throw new ResultsFolderError(
        (await exists(dir))
          ? `No results.json in ${dir}: give the folder that 'npm run experiment -- --out DIR' wrote.`
          : `The results folder ${dir} does not exist.`
      )
    }
    throw new ResultsFolderError(`Cannot read ${path}: ${(err as Error).message}`)
  }
  let json: Json
  try {
    const parsed: unknown = JSON.parse(text)
    if (!isObject(parsed) || !Array.isArray(parsed.runs)) throw new Error('it has no list of runs')
    json = parsed
  } catch (err) {
    throw new ResultsFolderError(`${path} is not a results file of this app (${(err as Error).message}); was it edited by hand?`)
  }
  const runs: RecordedRun[] = []
  const unreadable: ResultsFolder['unreadable'] = []
  const listed = new Set<string>()
  ;(json.runs as unknown[]).forEach((raw, i) => {
    const runId = isObject(raw) && typeof raw.run_id === 'string' ? raw.run_id : `runs[${i}]`
    listed.add(runId)
    try {
      if (!isObject(raw)) throw new PayloadError(`runs[${i}]`, 'expected an object')
      const params: ParameterSet = parameterSetGuard.check(raw.parameters, `runs[${i}].parameters`)
      const provenance = raw.provenance === null || raw.provenance === undefined ? undefined : runProvenanceGuard.check(raw.provenance, `runs[${i}].provenance`)
      const files = isObject(raw.files) ? raw.files : {}
      const nwb = typeof files.nwb === 'string' ? files.nwb : undefined
      runs.push({
        runId,
        condition: typeof raw.condition === 'string' ? raw.condition : runId,
        rep: typeof raw.repetition === 'number' ? raw.repetition - 1 : 0,
        params,
        provenance,
        stoppedEarly: typeof raw.stopped_early_at_s === 'number',
        spikes: nwb
          ? async () => ((await exists(join(dir, nwb))) ? readNwbSpikes(join(dir, nwb), params.simulation.dt_ms) : { missing: `${nwb} is missing` })
          : undefined
      })
    } catch (err) {
      unreadable.push({ runId, message: `not verifiable: its entry in results.json is damaged (${(err as Error).message})` })
    }
  })
  const problems = await crateProblems(dir)
  const missing = missingRuns(json, listed)
  if (missing.length > 0) problems.push(`results.json lacks ${missing.length} run${missing.length > 1 ? 's' : ''} the experiment asked for: ${missing.join(', ')}.`)
  return { runs, unreadable, problems }
}
