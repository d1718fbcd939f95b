/**
 * `--shard K/N`: runs one shard of an experiment and writes its result file atomically into the
 * work folder, with a small progress file beside it that a submitting process (or a person) can
 * watch. Any scheduler can drive this; Slurm array tasks do.
 */
import { mkdir } from 'node:fs/promises'
import { hostname } from 'node:os'
import type { ExperimentSpec } from '../../src-shared/experiment/types'
import { expandRuns } from '../../src-shared/experiment/expand'
import { encodeSpikes } from '../../src-shared/project/spike-codec'
import { writeFileAtomic } from '../io/atomic-write'
import { runExperiment } from '../runs/run-experiment'
import type { SimPool } from '../pool/sim-pool'
import { SHARD_FORMAT, SHARD_FORMAT_VERSION, experimentFingerprint, shardJson, type ShardFile } from './shard-file'
import { shardRuns, type ShardSpec } from './shard-plan'
import { workPaths } from './work-folder'

export interface ShardProgress {
  pid: number
  host: string
  total: number
  done: number
  failed: number
  /** Sum of the running runs' progress (0..1 each). */
  running: number
  finished: boolean
}

export interface RunShardOptions {
  pool: SimPool
  threads: number
  cores: number
  gifs: 'first' | 'all' | 'none'
  /** The experiment file and the SHA-256 of its bytes, when the experiment came from one (provenance). */
  experimentFile?: { path: string; sha256: string }
  signal?: AbortSignal
  onProgress?: (p: ShardProgress) => void
}

export async function runShard(exp: ExperimentSpec, shard: ShardSpec, dir: string, opts: RunShardOptions): Promise<ShardFile> {
  const paths = workPaths(dir)
  await mkdir(paths.shards, { recursive: true })
  await mkdir(paths.progress, { recursive: true })
  const runs = shardRuns(expandRuns(exp), shard)
  const progress: ShardProgress = { pid: process.pid, host: hostname(), total: runs.length, done: 0, failed: 0, running: 0, finished: false }
  const running = new Map<string, number>()
  let lastWrite = 0
  let writing: Promise<void> = Promise.resolve()
  const publish = (force: boolean): void => {
    opts.onProgress?.(progress)
    const now = Date.now()
    if (!force && now - lastWrite < 250) return
    lastWrite = now
    const text = JSON.stringify(progress)
    writing = writing.then(() => writeFileAtomic(paths.progressOf(shard.index), text)).catch(() => undefined)
  }
  publish(true)
  const outcome = await runExperiment(exp, {
    pool: opts.pool,
    threads: opts.threads,
    gifs: opts.gifs,
    signal: opts.signal,
    runs,
    onStatus: (updates, queue) => {
      for (const u of updates) {
        if (u.state === 'running') running.set(u.runId, u.progress)
        else running.delete(u.runId)
      }
      const c = queue.counts()
      progress.done = c.done
      progress.failed = c.failed
      progress.running = [...running.values()].reduce((a, b) => a + b, 0)
      publish(false)
    }
  })
  const file: ShardFile = {
    format: SHARD_FORMAT,
    version: SHARD_FORMAT_VERSION,
    experiment_sha256: experimentFingerprint(exp, opts.gifs, opts.pool.earlyStop),
    experiment: exp,
    gifs: opts.gifs,
    early_stop: opts.pool.earlyStop,
    shard: shard.index,
    of: shard.count,
    run_ids: runs.map((r) => r.runId),
    runs: outcome.finished.map((f) => {
      const gif = outcome.gifs.get(f.record.runId)
      const r = f.result
      const raster = { nSteps: r.nSteps, Ne: r.Ne, Ni: r.Ni, dt_ms: r.dt_ms, ...encodeSpikes(r.steps, r.neurons) }
      return { record: f.record, rep: f.request.rep, params: f.request.params, counts: Array.from(r.counts), raster, ...(gif ? { gif: Buffer.from(gif).toString('base64') } : {}) }
    }),
    failed: outcome.failed,
    gif_errors: [...outcome.gifErrors],
    wall_ms: outcome.wallMs,
    threads: opts.threads,
    cores: opts.cores,
    host: progress.host,
    experiment_file: opts.experimentFile ?? null
  }
  if (opts.signal?.aborted) return file
  await writeFileAtomic(paths.shard(shard.index, shard.count), shardJson(file))
  progress.finished = true
  progress.running = 0
  publish(true)
  await writing
  return file
}
