/**
 * The CLI's cluster modes: `--shard K/N` (one shard into a work folder), `--collect DIR` (merge),
 * `--slurm` (one sbatch --array job, watched and merged) and `--resume DIR` (only the missing shards).
 */
import { availableParallelism } from 'node:os'
import { existsSync, readFileSync } from 'node:fs'
import { rm } from 'node:fs/promises'
import { resolve } from 'node:path'
import type { CliArgs } from './args'
import type { ClusterArgs } from './cluster-args'
import { formatReportTable } from './table'
import { loadExperiment } from './load-experiment'
import { slug } from './write-results'
import { SimPool } from '../pool/sim-pool'
import workerPath from '../pool/worker-path'
import { expandRuns } from '../../src-shared/experiment/expand'
import { APP_VERSION } from '../app-version'
import { runShard } from '../cluster/run-shard'
import { collect, inventory, MissingShardsError } from '../cluster/collect'
import { SlurmError } from '../cluster/slurm-errors'
import { defaultTasks, prepareWorkFolder } from '../cluster/prepare'
import { TaskProgressDisplay } from '../cluster/task-progress-display'
import {
  ensureNotQueued, failedTasks, formatFailures, readClusterRecord, submitRecorded, watchJob, type ClusterRecord
} from '../cluster/cluster-job'
import { workPaths } from '../cluster/work-folder'
import { bytesSha256 } from '../archive/spike-digest'
import type { ArchiveOptions } from '../archive/run-archives'

export function isClusterMode(c: ClusterArgs): boolean {
  return c.shard !== undefined || c.collect !== undefined || c.resume !== undefined || c.slurm
}

const out = process.stdout
const err = process.stderr

export async function runClusterMode(args: CliArgs): Promise<number> {
  const c = args.cluster
  if (c.shard) return shardMode(args)
  const archive = { nwb: args.nwb, sonata: args.sonata }
  if (c.collect) return collectMode(resolve(c.collect), args.quiet, archive)
  if (c.resume) return resumeMode(resolve(c.resume), args.quiet, archive)
  return slurmMode(args, archive)
}

async function shardMode(args: CliArgs): Promise<number> {
  const shard = args.cluster.shard!
  const exp = loadExperiment(args.experimentFile)
  const dir = resolve(args.outDir!)
  const cores = availableParallelism()
  const threads = Math.min(args.threads ?? cores, Math.max(1, expandRuns(exp).length))
  const pool = new SimPool({ workerPath, maxThreads: threads, earlyStop: args.earlyStop || exp.earlyStop === true })
  const abort = new AbortController()
  const onSignal = (): void => abort.abort()
  process.once('SIGINT', onSignal)
  process.once('SIGTERM', onSignal)
  try {
    const experimentFile = args.experimentFile === undefined ? undefined : { path: resolve(args.experimentFile), sha256: bytesSha256(readFileSync(args.experimentFile)) }
    const file = await runShard(exp, shard, dir, { pool, threads, cores, gifs: args.gifs, experimentFile, signal: abort.signal })
    if (abort.signal.aborted) {
      err.write(`Shard ${shard.index}/${shard.count} cancelled; no shard file was written.\n`)
      return 130
    }
    for (const f of file.failed) err.write(`FAILED ${f.runId}: ${f.error}\n`)
    if (!args.quiet) err.write(`Shard ${shard.index}/${shard.count}: ${file.runs.length} runs in ${(file.wall_ms / 1000).toFixed(2)} s -> ${workPaths(dir).shard(shard.index, shard.count)}\n`)
    return file.failed.length > 0 ? 1 : 0
  } finally {
    process.off('SIGINT', onSignal)
    process.off('SIGTERM', onSignal)
    await pool.destroy()
  }
}

async function collectMode(dir: string, quiet: boolean, archive: ArchiveOptions, jobId?: string): Promise<number> {
  try {
    const { written, collected, timings } = await collect(dir, dir, APP_VERSION, archive)
    out.write(`\n${formatReportTable(written.report)}\n\n`)
    for (const t of timings) err.write(`${t.file}: ${(t.bytes / 1024).toFixed(0)} KiB in ${t.ms.toFixed(0)} ms\n`)
    for (const f of collected.outcome.failed) err.write(`FAILED ${f.runId}: ${f.error}\n`)
    for (const [id, message] of collected.gifErrors) err.write(`GIF of ${id} failed: ${message}\n`)
    out.write(`${collected.outcome.finished.length} runs merged from ${workPaths(dir).shards}.\nResults in ${dir}\n`)
    return collected.outcome.failed.length > 0 ? 1 : 0
  } catch (e) {
    if (!(e instanceof MissingShardsError)) throw e
    const record = readClusterRecord(dir)
    const job = jobId ?? record?.jobs.at(-1)?.id
    err.write(`${e.message}\n`)
    if (record && !quiet) err.write(`${formatFailures(await failedTasks(dir, job, e.count), job)}\n`)
    err.write(record ? `Resubmit only those with: npm run experiment -- --resume ${dir}\n` : `Run them with --shard K/${e.count} --out ${dir}, then --collect ${dir} again.\n`)
    return 1
  }
}

async function slurmMode(args: CliArgs, archive: ArchiveOptions): Promise<number> {
  const c = args.cluster
  const exp = loadExperiment(args.experimentFile)
  const runs = expandRuns(exp).length
  const tasks = Math.min(c.tasks ?? defaultTasks(runs), runs)
  const dir = resolve(args.outDir ?? `results/${slug(exp.name)}-slurm`)
  if (readClusterRecord(dir)) {
    throw new SlurmError(`${dir} already holds a submitted job (cluster.json); use --collect ${dir} or --resume ${dir}, or choose another --out.`)
  }
  const created = !existsSync(dir)
  const record: ClusterRecord = {
    format: 'serotonin-cluster-job',
    tasks,
    gifs: args.gifs,
    earlyStop: args.earlyStop || exp.earlyStop === true,
    slurm: { partition: c.partition, time: c.time, mem: c.mem, cpusPerTask: args.threads ?? 1 },
    jobs: []
  }
  const written = await prepareWorkFolder(dir, exp, record, { node: process.execPath, cli: resolve(process.argv[1]) })
  let jobId: string
  try {
    jobId = await submitRecorded(dir, record)
  } catch (e) {
    // Nothing was submitted: leave no half-prepared work folder behind.
    if (created) await rm(dir, { recursive: true, force: true })
    else for (const p of written) await rm(p, { force: true })
    throw e
  }
  err.write(`Submitted job ${jobId}: ${runs} runs in ${tasks} array tasks. Work folder ${dir}\n`)
  if (c.noWait) {
    out.write(`${jobId}\n`)
    err.write(`Merge when it has finished with: npm run experiment -- --collect ${dir}\n`)
    return 0
  }
  return waitAndCollect(dir, jobId, Array.from({ length: tasks }, (_, i) => i + 1), args.quiet, tasks, archive)
}

async function resumeMode(dir: string, quiet: boolean, archive: ArchiveOptions): Promise<number> {
  const record = readClusterRecord(dir)
  if (!record) throw new SlurmError(`${dir} has no cluster.json: it was not submitted with --slurm (for --shard folders, run the missing shards and --collect).`)
  await ensureNotQueued(record)
  const { missing } = await inventory(dir, record.tasks)
  if (missing.length === 0) {
    err.write('Every shard is present; merging.\n')
    return collectMode(dir, quiet, archive)
  }
  const jobId = await submitRecorded(dir, record, missing)
  err.write(`Resubmitted ${missing.length} of ${record.tasks} shards as job ${jobId} (tasks ${missing.join(', ')}).\n`)
  return waitAndCollect(dir, jobId, missing, quiet, record.tasks, archive)
}

async function waitAndCollect(dir: string, jobId: string, tasks: number[], quiet: boolean, count: number, archive: ArchiveOptions): Promise<number> {
  const display = new TaskProgressDisplay(err, jobId, quiet)
  await watchJob(dir, jobId, tasks, (views) => display.update(views))
  display.finish()
  const failures = await failedTasks(dir, jobId, count)
  if (failures.length > 0) {
    err.write(`${formatFailures(failures, jobId)}\n${failures.length} of ${count} shards are missing; nothing was merged. ` +
      `Resubmit only those with: npm run experiment -- --resume ${dir}\n`)
    return 1
  }
  return collectMode(dir, quiet, archive, jobId)
}
