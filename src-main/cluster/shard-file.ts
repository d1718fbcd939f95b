/**
 * One shard's results on disk: every finished run's record, per-neuron spike counts, spikes (as
 * a project file stores them) and GIF, and the runs that failed. JSON with non-finite numbers
 * kept (NaN measures stay NaN after merging).
 */
import { readFile } from 'node:fs/promises'
import type { ExperimentSpec } from '../../src-shared/experiment/types'
import type { RunRecord, RunStatus } from '../../src-shared/ipc/contract'
import type { ParameterSet } from '../../src-shared/params/types'
import type { StoredRaster } from '../../src-shared/project/format'
import { sha256Hex } from '../../src-shared/util/sha256'

export const SHARD_FORMAT = 'serotonin-shard'
/** 3: each run carries its spikes (`raster`), so the app can import cluster runs whole. */
export const SHARD_FORMAT_VERSION = 3

export interface ShardRun {
  record: RunRecord
  rep: number
  /** The run's full resolved parameter set: results.json records it, and --verify reruns from it. */
  params: ParameterSet
  counts: number[]
  /** The run's spikes, delta-varint base64 as in project files (src-shared/project/spike-codec.ts). */
  raster: StoredRaster
  /** base64 GIF bytes, when this run gets a GIF. */
  gif?: string
}

export interface ShardFile {
  format: typeof SHARD_FORMAT
  version: number
  /** Identifies experiment + GIF choice: shards of different experiments never merge. */
  experiment_sha256: string
  experiment: ExperimentSpec
  gifs: 'first' | 'all' | 'none'
  early_stop: boolean
  shard: number
  of: number
  run_ids: string[]
  runs: ShardRun[]
  failed: RunStatus[]
  gif_errors: Array<[string, string]>
  wall_ms: number
  threads: number
  cores: number
  host: string
  /** The experiment file the shard ran, with its SHA-256: merged results record it as a local run does. */
  experiment_file: { path: string; sha256: string } | null
}

export function experimentFingerprint(exp: ExperimentSpec, gifs: string, earlyStop: boolean): string {
  return sha256Hex(JSON.stringify(encodeNonFinite({ exp, gifs, earlyStop })))
}

const NONFINITE = '$nonfinite'

function encodeNonFinite(v: unknown): unknown {
  return JSON.parse(JSON.stringify(v, replacer)) as unknown
}

function replacer(_k: string, v: unknown): unknown {
  return typeof v === 'number' && !Number.isFinite(v) ? { [NONFINITE]: String(v) } : v
}

function reviver(_k: string, v: unknown): unknown {
  if (v && typeof v === 'object' && !Array.isArray(v)) {
    const keys = Object.keys(v)
    if (keys.length === 1 && keys[0] === NONFINITE) return Number((v as Record<string, string>)[NONFINITE])
  }
  return v
}

export function shardJson(shard: ShardFile): string {
  return JSON.stringify(shard, replacer)
}

export class ShardFileError extends Error {
  override name = 'ExperimentError'
}

export async function readShardFile(path: string): Promise<ShardFile> {
  let parsed: Partial<ShardFile>
  try {
    parsed = JSON.parse(await readFile(path, 'utf8'), reviver) as Partial<ShardFile>
  } catch (e) {
    throw new ShardFileError(`Cannot read shard file ${path}: ${(e as Error).message}`)
  }
  if (parsed.format === SHARD_FORMAT && parsed.version === 2) {
    throw new ShardFileError(
      `${path} is a shard file of format 2 (spike counts without spikes), written by an older workbench; ` +
        `rerun that shard with this version (--shard ${parsed.shard ?? 'K'}/${parsed.of ?? 'N'} --out DIR, or --resume DIR for a Slurm work folder after removing the old shard files).`
    )
  }
  if (parsed.format !== SHARD_FORMAT || parsed.version !== SHARD_FORMAT_VERSION || !Array.isArray(parsed.runs)) {
    throw new ShardFileError(`${path} is not a shard file of this version (format ${SHARD_FORMAT} ${SHARD_FORMAT_VERSION}).`)
  }
  return parsed as ShardFile
}
