/**
 * `--collect DIR`: merges the shard files of a work folder into exactly the outputs of a local
 * run (results.json, runs.csv, conditions.csv, GIFs), in the experiment's run order. Nothing is
 * written unless every shard is present and all belong to the same experiment.
 */
import { existsSync, readdirSync } from 'node:fs'
import { basename } from 'node:path'
import type { ExperimentSpec } from '../../src-shared/experiment/types'
import { expandRuns } from '../../src-shared/experiment/expand'
import { writeResults, type ResultsOutcome, type WrittenResults } from '../cli/write-results'
import { readShardFile, ShardFileError, type ShardFile, type ShardRun } from './shard-file'
import { workPaths } from './work-folder'
import { archivedRunsOf } from './shard-spikes'
import { writeRunArchives, type ArchiveFileTiming, type ArchiveOptions } from '../archive/run-archives'

export interface ShardInventory {
  /** Shard count N of the files found (undefined when none). */
  count?: number
  present: ShardFile[]
  missing: number[]
}

/** The shard count N of a work folder, from its shard files' names (undefined when there are none). */
export function shardCount(dir: string, expectedCount?: number): number | undefined {
  const paths = workPaths(dir)
  const names = existsSync(paths.shards) ? readdirSync(paths.shards).filter((f) => /^shard-\d+-of-\d+\.json$/.test(f)) : []
  const counts = new Set(names.map((f) => Number(/-of-(\d+)\./.exec(f)![1])))
  if (expectedCount !== undefined) counts.add(expectedCount)
  if (counts.size > 1) {
    throw new ShardFileError(`${paths.shards} holds shards of different splits (N = ${[...counts].sort((a, b) => a - b).join(', ')}); keep one split per work folder.`)
  }
  return [...counts][0]
}

/** The shard files of a work folder, and which of 1..N are missing. */
export async function inventory(dir: string, expectedCount?: number): Promise<ShardInventory> {
  const paths = workPaths(dir)
  const count = shardCount(dir, expectedCount)
  if (count === undefined) return { present: [], missing: [] }
  const present: ShardFile[] = []
  const missing: number[] = []
  for (let k = 1; k <= count; k++) {
    const p = paths.shard(k, count)
    if (existsSync(p)) present.push(await readShardFile(p))
    else missing.push(k)
  }
  return { count, present, missing }
}

export interface Collected {
  exp: ExperimentSpec
  outcome: ResultsOutcome
  /** The shards' runs in the experiment's order (with their spikes, for importing into a project). */
  runs: ShardRun[]
  /** The experiment file every shard ran, with its SHA-256 (stamped into each run's provenance). */
  experimentFile?: { path: string; sha256: string }
  gifErrors: Array<[string, string]>
  threads: number
  cores: number
}

/** Merges complete shards into one outcome, checking that they are one experiment's, whole and disjoint. */
export function mergeShards(shards: readonly ShardFile[]): Collected {
  if (shards.length === 0) throw new ShardFileError('No shard files to merge.')
  const first = shards[0]
  for (const s of shards) {
    if (s.experiment_sha256 !== first.experiment_sha256) {
      throw new ShardFileError(`Shard ${s.shard} of ${s.of} belongs to a different experiment (or --gifs or --early-stop choice) than shard ${first.shard}; run every shard from the same file.`)
    }
  }
  const exp = first.experiment
  const expected = expandRuns(exp)
  const byId = new Map<string, ShardRun>()
  const covered = new Set<string>()
  for (const s of shards) {
    for (const id of s.run_ids) covered.add(id)
    for (const r of s.runs) byId.set(r.record.runId, r)
  }
  const uncovered = expected.filter((r) => !covered.has(r.runId))
  if (uncovered.length > 0) throw new ShardFileError(`The shards do not cover ${uncovered.length} runs (first: ${uncovered[0].runId}).`)
  const finished: ResultsOutcome['finished'] = []
  const runs: ShardRun[] = []
  const gifs = new Map<string, Uint8Array>()
  // Stamped as a local run's are (write-archive.ts): the experiment file every shard ran.
  const experimentFile = first.experiment_file ?? undefined
  for (const req of expected) {
    const r = byId.get(req.runId)
    if (!r) continue
    if (experimentFile && r.record.provenance) r.record.provenance.experiment_sha256 = experimentFile.sha256
    runs.push(r)
    finished.push({ record: r.record, request: { rep: r.rep, params: r.params }, result: { counts: r.counts } })
    if (r.gif) gifs.set(req.runId, new Uint8Array(Buffer.from(r.gif, 'base64')))
  }
  return {
    exp,
    outcome: {
      finished,
      failed: shards.flatMap((s) => s.failed),
      gifs,
      // The slowest shard: what the whole would have taken with the shards side by side.
      wallMs: Math.max(...shards.map((s) => s.wall_ms))
    },
    runs,
    experimentFile,
    gifErrors: shards.flatMap((s) => s.gif_errors),
    threads: shards.reduce((a, s) => a + s.threads, 0),
    cores: Math.max(...shards.map((s) => s.cores))
  }
}

export class MissingShardsError extends Error {
  override name = 'ExperimentError'
  constructor(readonly dir: string, readonly missing: number[], readonly count: number) {
    super(`${missing.length} of ${count} shards are missing from ${workPaths(dir).shards} (shard ${missing.join(', ')}); nothing was merged.`)
  }
}

export async function collect(
  dir: string,
  outDir: string,
  appVersion: string,
  archive: ArchiveOptions = { nwb: false, sonata: false }
): Promise<{ written: WrittenResults; collected: Collected; timings: ArchiveFileTiming[] }> {
  const inv = await inventory(dir)
  if (inv.count === undefined) throw new ShardFileError(`${workPaths(dir).shards} holds no shard files; run the shards first (--shard K/N --out ${dir}).`)
  if (inv.missing.length > 0) throw new MissingShardsError(dir, inv.missing, inv.count)
  const collected = mergeShards(inv.present)
  const { experimentFile } = collected
  // NWB/SONATA files, when asked, from the shards' spikes, exactly as a local run's --nwb writes them.
  const archives = archive.nwb || archive.sonata
    ? await writeRunArchives(outDir, archivedRunsOf(collected.runs, dir, 'nothing was merged'), { experimentName: collected.exp.name, experimentFile: experimentFile && basename(experimentFile.path) }, archive)
    : undefined
  const written = await writeResults(outDir, collected.exp, collected.outcome, { appVersion, threads: collected.threads, cores: collected.cores, experimentFile, runFiles: archives?.runFiles })
  return { written, collected, timings: archives?.timings ?? [] }
}
