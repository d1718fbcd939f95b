/**
 * Reruns recorded runs from their provenance and says, per run, whether the spikes are identical.
 * Shared by `--verify DIR` (runs from results.json) and the app's Verify (runs of the project).
 */
import type { ParameterSet } from '../../src-shared/params/types'
import type { RunProvenance } from '../../src-shared/provenance/run-provenance'
import type { RunRequest } from '../../src-shared/experiment/types'
import { parametersSha256 } from '../../src-shared/params/canonical'
import type { SimPool } from '../pool/sim-pool'
import { RunQueue, type FinishedRun } from '../runs/run-queue'
import { firstSpikeDifference } from './compare-spikes'
import type { VerifyReport, VerifyStatus, VerifyVerdict } from '../../src-shared/provenance/archive-types'

export interface RecordedRun {
  runId: string
  condition: string
  rep: number
  params: ParameterSet
  provenance?: RunProvenance
  /** It was ended by early stopping: the rerun stops the same way, so like is compared with like. */
  stoppedEarly?: boolean
  /** The recorded spikes, when they are at hand (project, NWB file), to locate a difference. */
  spikes?: () => Promise<{ steps: Uint32Array; neurons: Uint16Array } | { missing: string }>
}

export type { VerifyReport, VerifyStatus, VerifyVerdict }

/** Why a run cannot be rerun as recorded, or null when it can. */
function notVerifiable(run: RecordedRun, appVersion: string): string | null {
  const p = run.provenance
  if (!p) return 'no provenance was recorded for it (saved before provenance existed)'
  if (parametersSha256(run.params) !== p.parameters_sha256) {
    return 'its parameters were changed after the run (their SHA-256 no longer matches parameters_sha256)'
  }
  if (p.app_version !== appVersion) return `it was made by version ${p.app_version} and this is version ${appVersion}`
  return null
}

async function rerun(pool: SimPool, runs: RecordedRun[], threads: number): Promise<Map<string, FinishedRun | string>> {
  const out = new Map<string, FinishedRun | string>()
  const queue = new RunQueue(pool, { onStatus: () => undefined, onFinished: (f) => void out.set(f.record.runId, f) }, { threads })
  const requests: RunRequest[] = runs.map((r) => ({
    runId: r.runId,
    condition: r.condition,
    rep: r.rep,
    seed: r.params.simulation.seed,
    orientation: r.provenance!.orientation_drawn ? 'random' : r.params.stimulus.orientation_deg,
    inputMode: r.params.simulation.input_mode,
    params: r.params,
    ...(r.stoppedEarly ? { earlyStop: true } : {})
  }))
  queue.enqueue(requests)
  await queue.idle()
  for (const r of requests) if (!out.has(r.runId)) out.set(r.runId, queue.status(r.runId)?.error ?? 'the rerun did not finish')
  queue.dispose()
  return out
}

export async function verifyRuns(pool: SimPool, runs: RecordedRun[], opts: { appVersion: string; threads?: number }): Promise<VerifyReport> {
  const verdicts = new Map<string, VerifyVerdict>()
  const runnable: RecordedRun[] = []
  for (const r of runs) {
    const why = notVerifiable(r, opts.appVersion)
    if (why) verdicts.set(r.runId, { runId: r.runId, status: 'not-verifiable', message: `not verifiable: ${why}` })
    else runnable.push(r)
  }
  const reruns = runnable.length > 0 ? await rerun(pool, runnable, opts.threads ?? pool.maxThreads) : new Map<string, FinishedRun | string>()
  for (const r of runnable) {
    const p = r.provenance!
    const again = reruns.get(r.runId)!
    if (typeof again === 'string') {
      verdicts.set(r.runId, { runId: r.runId, status: 'not-verifiable', message: `not verifiable: the rerun failed (${again})` })
      continue
    }
    const now = again.record.provenance!
    const same = now.spikes_sha256 === p.spikes_sha256
    if (now.engine !== p.engine) {
      verdicts.set(r.runId, {
        runId: r.runId,
        status: 'not-verifiable',
        message: `not verifiable: it was made with the ${p.engine} engine and this machine runs ${now.engine} (the spikes ${same ? 'match anyway' : 'differ'})`
      })
      continue
    }
    verdicts.set(r.runId, await compareRun(r, again, same))
  }
  const ordered = runs.map((r) => verdicts.get(r.runId)!)
  const counts = { identical: 0, different: 0, 'not-verifiable': 0 }
  for (const v of ordered) counts[v.status]++
  return { verdicts: ordered, counts }
}

/**
 * Identical needs the rerun's spike digest to equal the recorded one and, where the recorded
 * spikes are at hand (project, NWB file), every neuron's spike train to match them too.
 */
async function compareRun(r: RecordedRun, again: FinishedRun, sameDigest: boolean): Promise<VerifyVerdict> {
  const p = r.provenance!
  const counts = `${p.spike_count} spikes recorded, ${again.result.steps.length} now`
  const identical = `identical: ${p.spike_count} spikes, SHA-256 ${p.spikes_sha256.slice(0, 12)}…`
  if (!r.spikes && sameDigest) return { runId: r.runId, status: 'identical', message: identical }
  const recorded = r.spikes ? await r.spikes() : { missing: 'no spike file was written for it (export with --nwb to keep the spikes)' }
  if ('missing' in recorded) {
    if (sameDigest) return { runId: r.runId, status: 'identical', message: `${identical} (${recorded.missing}, so the digest alone was compared)` }
    return { runId: r.runId, status: 'different', message: `different: the spike SHA-256 differs (${counts}); the first difference cannot be located: ${recorded.missing}` }
  }
  const d = firstSpikeDifference(recorded, again.result, r.params.network.Ne + r.params.network.Ni)
  if (!d) {
    if (sameDigest) return { runId: r.runId, status: 'identical', message: identical }
    return { runId: r.runId, status: 'different', message: `different: the spike SHA-256 differs (${counts}) although every neuron's spike train matches the stored spikes, so the recorded digest was changed after the run` }
  }
  const timeS = (d.step * r.params.simulation.dt_ms) / 1000
  const what = d.recordedSpike ? 'spiked in the recorded run but not in the rerun' : 'spiked in the rerun but not in the recorded run'
  const edited = sameDigest ? '; the rerun matches the recorded SHA-256, so the stored spikes were changed after the run' : ''
  return {
    runId: r.runId,
    status: 'different',
    message: `different: first at neuron ${d.neuron}, step ${d.step} (t = ${timeS.toFixed(4)} s), which ${what} (${counts})${edited}`,
    firstDifference: { neuron: d.neuron, step: d.step, timeS }
  }
}
