/** `npm run experiment -- --verify DIR`: reruns every recorded run and prints one line per run. */
import { resolve } from 'node:path'
import { SimPool } from '../pool/sim-pool'
import workerPath from '../pool/worker-path'
import { APP_VERSION } from '../app-version'
import { readResultsFolder } from '../verify/results-folder'
import { verifyRuns, type VerifyVerdict } from '../verify/verify-runs'

export interface VerifySummary {
  total: number
  identical: number
  lines: string[]
}

/** Verdict lines, folder problems and the closing "N/M identical" line. */
export function formatVerify(verdicts: VerifyVerdict[], problems: string[]): VerifySummary {
  const identical = verdicts.filter((v) => v.status === 'identical').length
  const width = Math.max(0, ...verdicts.map((v) => v.runId.length))
  const lines = verdicts.map((v) => `${v.runId.padEnd(width)}  ${v.message}`)
  for (const p of problems) lines.push(`Note: ${p}`)
  lines.push(`${identical}/${verdicts.length} identical`)
  return { total: verdicts.length, identical, lines }
}

export async function runVerifyCli(dir: string, opts: { threads: number; out: NodeJS.WritableStream; err: NodeJS.WritableStream; quiet: boolean }): Promise<number> {
  const folder = await readResultsFolder(resolve(dir))
  if (!opts.quiet) opts.err.write(`Verifying ${folder.runs.length + folder.unreadable.length} runs of ${resolve(dir)} on ${opts.threads} worker thread${opts.threads > 1 ? 's' : ''}…\n`)
  const pool = new SimPool({ workerPath, maxThreads: opts.threads })
  try {
    const report = await verifyRuns(pool, folder.runs, { appVersion: APP_VERSION, threads: opts.threads })
    const verdicts: VerifyVerdict[] = [...report.verdicts, ...folder.unreadable.map((u) => ({ runId: u.runId, status: 'not-verifiable' as const, message: u.message }))]
    const summary = formatVerify(verdicts, folder.problems)
    opts.out.write(`${summary.lines.join('\n')}\n`)
    return summary.identical === summary.total && summary.total > 0 && folder.problems.length === 0 ? 0 : 1
  } finally {
    await pool.destroy()
  }
}
