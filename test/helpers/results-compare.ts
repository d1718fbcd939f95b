import { readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'

export interface ResultsRun {
  run_id: string
  termination_time_s: number | null
  spike_counts: number[]
  measures: Record<string, number | null>
  provenance?: Record<string, unknown> | null
}

export function readResults(dir: string): { runs: ResultsRun[]; conditions: unknown[]; experiment: unknown; failed_runs: unknown[] } {
  return JSON.parse(readFileSync(join(dir, 'results.json'), 'utf8')) as ReturnType<typeof readResults>
}

/** A run of results.json without when and on how many threads it was made: provenance of that run, not of its result. */
export function timeless<T extends { elapsed_ms?: unknown; provenance?: Record<string, unknown> | null }>(run: T): T {
  const p = run.provenance
  return { ...run, elapsed_ms: undefined, provenance: p && { ...p, started_at: undefined, finished_at: undefined, threads: undefined } }
}

/**
 * Everything of a results folder that must not depend on where or how the runs ran (not timings).
 * A Slurm job runs the self-contained copy of the experiment in its work folder, so with
 * `experimentCopy` the experiment file's path and hash (that copy's) are left out too.
 */
export function comparable(dir: string, opts: { experimentCopy?: boolean } = {}): object {
  const r = readResults(dir)
  const fileKeys = opts.experimentCopy ? { file: undefined, sha256: undefined } : {}
  const fileHash = opts.experimentCopy ? { experiment_sha256: undefined } : {}
  const files = readdirSync(dir).filter((f) => /\.(csv|gif)$/.test(f) || f === 'results.json').sort()
  const bytes = Object.fromEntries(files.filter((f) => f !== 'results.json').map((f) => [f, readFileSync(join(dir, f)).toString('base64')]))
  return {
    files,
    bytes,
    experiment: { ...(r.experiment as object), ...fileKeys },
    conditions: r.conditions,
    failed: r.failed_runs,
    runs: r.runs.map((x) => ({ ...timeless(x), provenance: x.provenance && { ...timeless(x).provenance, ...fileHash } }))
  }
}
