/**
 * The 'runs:*' channels: the queue on the worker pool, and the store of finished runs the
 * rasters, GIFs and project files read from.
 */
import type { Handlers, ServiceContext } from './context'
import { RunQueue } from '../runs/run-queue'
import type { RunStore } from '../runs/run-store'
import type { SimPool } from '../pool/sim-pool'
import type { RasterPayload } from '../../src-shared/ipc/contract'
import { estimateRunMemoryBytes, MAX_RUN_MEMORY_BYTES, formatBytes } from '../../src-shared/params/memory'

export type RunsChannel =
  | 'runs:enqueue' | 'runs:cancel' | 'runs:cancelAll' | 'runs:forget' | 'runs:setRemoved' | 'runs:getRaster' | 'runs:getThreads' | 'runs:setThreads'

export interface RunsService extends Pick<Handlers, RunsChannel> {
  queue: RunQueue
  dispose(): void
}

export function createRunsService(ctx: ServiceContext, pool: SimPool, store: RunStore): RunsService {
  const queue = new RunQueue(pool, {
    onStatus: (updates) => ctx.events.emit('runs:status', { updates }),
    onFinished: (run) => {
      const r = run.result
      void store
        .add({ record: run.record, params: run.request.params, steps: r.steps, neurons: r.neurons, nSteps: r.nSteps, Ne: r.Ne, Ni: r.Ni, dt_ms: r.dt_ms })
        .then(() => ctx.events.emit('runs:finished', { record: run.record }))
        .catch((err: unknown) => console.error('Storing a finished run failed:', err))
    }
  })

  return {
    queue,
    'runs:enqueue': ({ runs }) => {
      for (const r of runs) {
        const bytes = estimateRunMemoryBytes(r.params)
        if (bytes > MAX_RUN_MEMORY_BYTES) {
          return {
            ok: false,
            message: `Run '${r.runId}' would need about ${formatBytes(bytes)} of memory, more than the ${formatBytes(MAX_RUN_MEMORY_BYTES)} a run may use; reduce Ne, Ni or the duration. Nothing was queued.`
          }
        }
      }
      try {
        return { ok: true, accepted: queue.enqueue(runs) }
      } catch (err) {
        return { ok: false, message: err instanceof Error ? err.message : String(err) }
      }
    },
    'runs:cancel': ({ runIds }) => ({ cancelled: queue.cancel(runIds) }),
    'runs:cancelAll': () => ({ cancelled: queue.cancelAll() }),
    'runs:forget': async ({ runIds }) => {
      queue.forget(runIds)
      let n = 0
      for (const id of runIds) if (await store.remove(id)) n++
      return { forgotten: n }
    },
    'runs:setRemoved': async ({ runIds, removed }) => ({ changed: await store.setRemoved(runIds, removed) }),
    'runs:getRaster': async ({ runId }) => {
      const run = await store.get(runId)
      if (!run) return { ok: false, message: `Run '${runId}' is not in this project (it may have been removed or never finished).` }
      const raster: RasterPayload = {
        runId,
        Ne: run.Ne,
        Ni: run.Ni,
        dt_ms: run.dt_ms,
        nSteps: run.nSteps,
        t_on_s: run.params.stimulus.t_on_s,
        t_off_s: run.params.stimulus.t_off_s,
        terminationTimeS: run.record.summary.termination_time_s,
        steps: run.steps,
        neurons: run.neurons
      }
      return { ok: true, raster }
    },
    'runs:getThreads': () => ({ threads: queue.threads, max: pool.maxThreads }),
    'runs:setThreads': ({ threads }) => {
      queue.threads = threads
      return { threads: queue.threads }
    },
    dispose: () => queue.dispose()
  }
}
