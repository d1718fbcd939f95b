import type { ExperimentSpec, GifSettings, RunRequest } from '../../src-shared/experiment/types'
import { expandRuns } from '../../src-shared/experiment/expand'
import { DEFAULT_GIF } from '../../src-shared/experiment/presets'
import type { RunStatus } from '../../src-shared/ipc/contract'
import type { SimPool } from '../pool/sim-pool'
import { CancelFlag } from '../pool/cancel-flag'
import { RunQueue, type FinishedRun } from './run-queue'
import { gifPanelOf } from './gif-panel'

export interface ExperimentRunOptions {
  pool: SimPool
  threads?: number
  /** Which runs get a GIF: each condition's first repetition, every run, or none. */
  gifs: 'first' | 'all' | 'none'
  gifSettings?: GifSettings
  onStatus?: (updates: RunStatus[], queue: RunQueue) => void
  signal?: AbortSignal
  /** Only these runs (a shard of the experiment); default every run. */
  runs?: RunRequest[]
}

export interface ExperimentOutcome {
  finished: FinishedRun[]
  failed: RunStatus[]
  cancelled: number
  gifs: Map<string, Uint8Array>
  gifErrors: Map<string, string>
  wallMs: number
}

/**
 * Runs a whole experiment headless: every run on the pool, and each wanted GIF encoded in a
 * worker as soon as its run finishes, so encoding overlaps the remaining simulations.
 */
export async function runExperiment(exp: ExperimentSpec, opts: ExperimentRunOptions): Promise<ExperimentOutcome> {
  const started = performance.now()
  const requests = opts.runs ?? expandRuns(exp)
  const finished: FinishedRun[] = []
  const gifJobs: Array<Promise<void>> = []
  const gifs = new Map<string, Uint8Array>()
  const gifErrors = new Map<string, string>()
  const gifFlag = new CancelFlag()
  const settings = opts.gifSettings ?? exp.gif ?? DEFAULT_GIF
  const queue: RunQueue = new RunQueue(
    opts.pool,
    {
      onStatus: (updates) => opts.onStatus?.(updates, queue),
      onFinished: (run) => {
        finished.push(run)
        if (opts.gifs === 'all' || (opts.gifs === 'first' && run.request.rep === 0)) {
          const job = opts.pool
            .encodeGif([gifPanelOf(run.result, run.request.params, run.record)], settings, { cancel: gifFlag })
            .then((bytes) => void gifs.set(run.record.runId, bytes))
            .catch((err: unknown) => void gifErrors.set(run.record.runId, err instanceof Error ? err.message : String(err)))
          gifJobs.push(job)
        }
      }
    },
    { threads: opts.threads }
  )
  const onAbort = (): void => {
    queue.cancelAll()
    gifFlag.cancel()
  }
  opts.signal?.addEventListener('abort', onAbort, { once: true })
  try {
    queue.enqueue(requests)
    await queue.idle()
    await Promise.all(gifJobs)
  } finally {
    opts.signal?.removeEventListener('abort', onAbort)
  }
  const failed: RunStatus[] = []
  let cancelled = 0
  for (const r of requests) {
    const s = queue.status(r.runId)
    if (s?.state === 'failed') failed.push(s)
    if (s?.state === 'cancelled') cancelled++
  }
  // Results in the experiment's order, whatever order the threads finished in.
  const order = new Map(requests.map((r, i) => [r.runId, i]))
  finished.sort((a, b) => order.get(a.record.runId)! - order.get(b.record.runId)!)
  return { finished, failed, cancelled, gifs, gifErrors, wallMs: performance.now() - started }
}
