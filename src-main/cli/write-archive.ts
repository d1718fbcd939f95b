/**
 * The headless runner's output folder as an archive: provenance stamped with the experiment
 * file's SHA-256, the NWB/SONATA files asked for, results.json/CSV/GIFs, then
 * ro-crate-metadata.json describing all of them.
 */
import { mkdir, readFile } from 'node:fs/promises'
import { basename, join, relative } from 'node:path'
import { writeFileAtomic } from '../io/atomic-write'
import { canonicalParameterJson, conditionParametersSha256, PER_RUN_FIELDS } from '../../src-shared/params/canonical'
import type { ExperimentSpec } from '../../src-shared/experiment/types'
import type { ExperimentOutcome } from '../runs/run-experiment'
import type { ArchivedRun } from '../project/run-archive'
import { writeResults, type WrittenResults } from './write-results'
import { writeRunArchives, type ArchiveFileTiming, type ArchiveOptions } from '../archive/run-archives'
import { writeRoCrate, type CrateFile } from '../archive/ro-crate'
import { bytesSha256 } from '../archive/spike-digest'
import { describeOutput } from '../archive/output-files'

export function archivedRunOf(f: ExperimentOutcome['finished'][number]): ArchivedRun {
  const r = f.result
  return { record: f.record, params: f.request.params, steps: r.steps, neurons: r.neurons, nSteps: r.nSteps, Ne: r.Ne, Ni: r.Ni, dt_ms: r.dt_ms }
}

/**
 * The run's inputs inside the crate: a copy of the experiment file, and each condition's resolved
 * parameter set (without the per-run seed and orientation) keyed by its SHA-256.
 */
async function writeInputs(outDir: string, outcome: ExperimentOutcome, experimentPath: string | undefined): Promise<CrateFile[]> {
  const files: CrateFile[] = []
  await mkdir(join(outDir, 'inputs'), { recursive: true })
  if (experimentPath) {
    const rel = `inputs/${basename(experimentPath)}`
    await writeFileAtomic(join(outDir, rel), await readFile(experimentPath))
    files.push({ path: rel, role: 'object', description: 'Copy of the experiment file the runs were made from.' })
  }
  const sets: Record<string, { conditions: string[]; parameters: unknown }> = {}
  for (const f of outcome.finished) {
    const key = conditionParametersSha256(f.request.params)
    sets[key] ??= { conditions: [], parameters: JSON.parse(canonicalParameterJson(f.request.params, PER_RUN_FIELDS)) }
    if (!sets[key].conditions.includes(f.record.condition)) sets[key].conditions.push(f.record.condition)
  }
  await writeFileAtomic(join(outDir, 'inputs/parameters.json'), `${JSON.stringify(sets, null, 1)}\n`)
  files.push({ path: 'inputs/parameters.json', role: 'object', description: 'Resolved parameter set of each condition (seed and orientation are per run, in results.json), keyed by its canonical SHA-256.' })
  return files
}

export async function writeArchive(
  outDir: string,
  exp: ExperimentSpec,
  outcome: ExperimentOutcome,
  meta: { appVersion: string; threads: number; cores: number; experimentFile?: string; command: string },
  opts: ArchiveOptions
): Promise<WrittenResults & { timings: ArchiveFileTiming[] }> {
  let experimentFile: { path: string; sha256: string } | undefined
  if (meta.experimentFile) {
    experimentFile = { path: meta.experimentFile, sha256: bytesSha256(await readFile(meta.experimentFile)) }
    for (const f of outcome.finished) if (f.record.provenance) f.record.provenance.experiment_sha256 = experimentFile.sha256
  }
  const archives = await writeRunArchives(outDir, outcome.finished.map(archivedRunOf), { experimentName: exp.name, experimentFile: meta.experimentFile && basename(meta.experimentFile) }, opts)
  const written = await writeResults(outDir, exp, outcome, { ...meta, experimentFile, runFiles: archives.runFiles })
  const inputs = await writeInputs(outDir, outcome, experimentFile?.path)
  const files: CrateFile[] = [
    ...inputs,
    ...[...written.files.map((p) => relative(outDir, p)), ...archives.timings.map((t) => t.file)].map((path) => ({ path, role: 'result' as const, description: describeOutput(path) }))
  ]
  const starts = outcome.finished.map((f) => f.record.provenance?.started_at).filter((t): t is string => !!t).sort()
  await writeRoCrate(outDir, {
    experimentName: exp.name,
    appVersion: meta.appVersion,
    description: meta.command,
    startTime: starts[0] ?? new Date().toISOString(),
    endTime: new Date().toISOString(),
    files
  })
  return { ...written, timings: archives.timings }
}
