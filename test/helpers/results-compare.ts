import { readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'

export interface ResultsRun {
  run_id: string
  termination_time_s: number | null
  spike_counts: number[]
  measures: Record<string, number | null>
}

export function readResults(dir: string): { runs: ResultsRun[]; conditions: unknown[]; experiment: unknown; failed_runs: unknown[] } {
  return JSON.parse(readFileSync(join(dir, 'results.json'), 'utf8')) as ReturnType<typeof readResults>
}

/** Everything of a results folder that must not depend on where or how the runs ran (not timings). */
export function comparable(dir: string): object {
  const r = readResults(dir)
  const files = readdirSync(dir).filter((f) => /\.(csv|gif)$/.test(f) || f === 'results.json').sort()
  const bytes = Object.fromEntries(files.filter((f) => f !== 'results.json').map((f) => [f, readFileSync(join(dir, f)).toString('base64')]))
  return {
    files,
    bytes,
    experiment: r.experiment,
    conditions: r.conditions,
    failed: r.failed_runs,
    runs: r.runs.map((x) => ({ ...x, elapsed_ms: undefined }))
  }
}
