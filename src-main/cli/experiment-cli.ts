/**
 * Headless runner: `npm run experiment -- [EXPERIMENT.yaml] [--out DIR] [--threads N]`.
 * Never imports 'electron'; it shares the worker file and every service below the shell with the app.
 */
import { resolve } from 'node:path'
import { availableParallelism } from 'node:os'
import { parseArgs, USAGE, UsageError } from './args'
import { formatReportTable } from './table'
import { ProgressDisplay } from './progress-display'
import { slug } from './write-results'
import { writeArchive } from './write-archive'
import { runVerifyCli } from './verify-cli'
import { loadExperiment } from './load-experiment'
import { SimPool } from '../pool/sim-pool'
import workerPath from '../pool/worker-path'
import { runExperiment } from '../runs/run-experiment'
import { expandRuns } from '../../src-shared/experiment/expand'
import { APP_VERSION } from '../app-version'
import { isClusterMode, runClusterMode } from './cluster-cli'

const USER_ERRORS = new Set(['ExperimentFileError', 'ExperimentError', 'ParameterFileError', 'DivergenceError', 'ResultsFolderError', 'SlurmError'])

function timestamp(d = new Date()): string {
  const p = (n: number): string => String(n).padStart(2, '0')
  return `${d.getFullYear()}${p(d.getMonth() + 1)}${p(d.getDate())}-${p(d.getHours())}${p(d.getMinutes())}${p(d.getSeconds())}`
}

async function main(argv: string[]): Promise<number> {
  const args = parseArgs(argv)
  if (args.help) {
    process.stdout.write(`${USAGE}\n`)
    return 0
  }
  if (args.verifyDir !== undefined) {
    return runVerifyCli(args.verifyDir, { threads: args.threads ?? availableParallelism(), out: process.stdout, err: process.stderr, quiet: args.quiet })
  }
  if (isClusterMode(args.cluster)) return runClusterMode(args)
  const exp = loadExperiment(args.experimentFile)
  const runs = expandRuns(exp)
  const cores = availableParallelism()
  const threads = Math.min(args.threads ?? cores, Math.max(1, runs.length))
  const outDir = resolve(args.outDir ?? `results/${slug(exp.name)}-${timestamp()}`)
  const err = process.stderr
  if (!args.quiet) {
    err.write(`${exp.name}\n${exp.conditions.length} conditions, ${runs.length} runs on ${threads} worker thread${threads > 1 ? 's' : ''} (${cores} cores)\n`)
  }
  const pool = new SimPool({ workerPath, maxThreads: threads, earlyStop: args.earlyStop || exp.earlyStop === true })
  const display = new ProgressDisplay(err, runs.length, args.quiet)
  const abort = new AbortController()
  const onSigint = (): void => {
    err.write('\nCancelling… (press Ctrl+C again to quit at once)\n')
    process.off('SIGINT', onSigint)
    abort.abort()
  }
  process.on('SIGINT', onSigint)
  try {
    const outcome = await runExperiment(exp, {
      pool,
      threads,
      gifs: args.gifs,
      signal: abort.signal,
      onStatus: (_updates, queue) => {
        const c = queue.counts()
        let runningProgress = 0
        for (const u of _updates) if (u.state === 'running') runningProgress += u.progress
        display.update({ ...c, runningProgress })
      }
    })
    display.finish()
    if (abort.signal.aborted) {
      err.write(`Cancelled: ${outcome.finished.length} of ${runs.length} runs had finished; nothing was written.\n`)
      return 130
    }
    const written = await writeArchive(
      outDir,
      exp,
      outcome,
      { appVersion: APP_VERSION, threads, cores, experimentFile: args.experimentFile && resolve(args.experimentFile), command: `npm run experiment -- ${argv.join(' ')}` },
      { nwb: args.nwb, sonata: args.sonata }
    )
    process.stdout.write(`\n${formatReportTable(written.report)}\n\n`)
    for (const t of written.timings) err.write(`${t.file}: ${(t.bytes / 1024).toFixed(0)} KiB in ${t.ms.toFixed(0)} ms\n`)
    for (const f of outcome.failed) err.write(`FAILED ${f.runId}: ${f.error}\n`)
    for (const [id, message] of outcome.gifErrors) err.write(`GIF of ${id} failed: ${message}\n`)
    process.stdout.write(
      `${outcome.finished.length} runs in ${(outcome.wallMs / 1000).toFixed(2)} s wall time; ` +
        `${outcome.gifs.size} GIF${outcome.gifs.size === 1 ? '' : 's'}.\nResults in ${outDir}\n`
    )
    return outcome.failed.length > 0 ? 1 : 0
  } finally {
    process.off('SIGINT', onSigint)
    await pool.destroy()
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code
  },
  (e: unknown) => {
    // User errors are one sentence; anything else is a bug and keeps its stack.
    if (e instanceof UsageError) process.stderr.write(`${e.message}\n\n${USAGE}\n`)
    else if (isUserError(e)) process.stderr.write(`${(e as Error).message}\n`)
    else process.stderr.write(`Internal error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`)
    process.exitCode = e instanceof UsageError ? 2 : 1
  }
)

function isUserError(e: unknown): boolean {
  if (!(e instanceof Error)) return false
  return USER_ERRORS.has(e.name) || (e as { userFacing?: boolean }).userFacing === true
}
