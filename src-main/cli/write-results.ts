import { mkdir } from 'node:fs/promises'
import { join } from 'node:path'
import { writeFileAtomic } from '../io/atomic-write'
import type { ExperimentSpec } from '../../src-shared/experiment/types'
import type { ExperimentOutcome } from '../runs/run-experiment'
import { buildReport, conditionsCsv, runsCsv, type ReportRun } from '../../src-shared/report/experiment-report'
import { controlCondition } from '../../src-shared/experiment/expand'
import { runsWithProvenanceJson } from '../archive/runs-json'
import { jsonText } from '../archive/output-files'
import type { FinishedRun } from '../runs/run-queue'
import { detectGrid, gridConditionsOf, gridCsv } from '../../src-shared/report/grid-report'

/** What writeResults needs of an outcome: a local run's, or one merged from shard files. */
export type ResultsOutcome = Pick<ExperimentOutcome, 'failed' | 'gifs' | 'wallMs'> & {
  finished: Array<{ record: FinishedRun['record']; request: Pick<FinishedRun['request'], 'rep' | 'params'>; result: { counts: ArrayLike<number> } }>
}

export interface WrittenResults {
  files: string[]
  report: ReturnType<typeof buildReport>
}

export function slug(s: string): string {
  return s.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 60) || 'run'
}

/** results.json, runs.csv, conditions.csv and the GIFs; every file written atomically. */
export async function writeResults(
  outDir: string,
  exp: ExperimentSpec,
  outcome: ResultsOutcome,
  meta: {
    appVersion: string
    threads: number
    cores: number
    /** The experiment file and the SHA-256 of its bytes, when there is one. */
    experimentFile?: { path: string; sha256: string }
    /** Archive files per run id (nwb, sonata), relative to outDir. */
    runFiles?: ReadonlyMap<string, Record<string, string>>
  }
): Promise<WrittenResults> {
  await mkdir(outDir, { recursive: true })
  const runs: ReportRun[] = outcome.finished.map((f) => ({ record: f.record, counts: f.result.counts }))
  const report = buildReport(runs, controlCondition(exp))
  const files: string[] = []
  const write = async (name: string, data: string | Uint8Array): Promise<void> => {
    const path = join(outDir, name)
    await writeFileAtomic(path, data)
    files.push(path)
  }
  const json = {
    experiment: {
      name: exp.name,
      control: report.control ?? null,
      conditions: exp.conditions,
      file: meta.experimentFile?.path ?? null,
      sha256: meta.experimentFile?.sha256 ?? null
    },
    generated_at: new Date().toISOString(),
    app_version: meta.appVersion,
    cores: meta.cores,
    threads: meta.threads,
    wall_time_s: outcome.wallMs / 1000,
    failed_runs: outcome.failed.map((f) => ({ run_id: f.runId, error: f.error })),
    conditions: report.conditions,
    node_version: process.versions.node,
    platform: `${process.platform}-${process.arch}`,
    // Each run's provenance and full resolved parameter set: what --verify reruns.
    runs: runsWithProvenanceJson(outcome.finished.map((f) => ({ record: f.record, params: f.request.params, counts: f.result.counts })), meta.runFiles)
  }
  await write('results.json', jsonText(json))
  await write('runs.csv', runsCsv(runs))
  await write('conditions.csv', conditionsCsv(report))
  const grid = detectGrid(gridConditionsOf(exp))
  if (grid) await write('grid.csv', gridCsv(grid, report))
  for (const f of outcome.finished) {
    const gif = outcome.gifs.get(f.record.runId)
    if (gif) await write(`${slug(f.record.condition)}${f.request.rep > 0 ? `-rep${f.request.rep + 1}` : ''}.gif`, gif)
  }
  return { files, report }
}
