/**
 * 'gif:export' and 'gif:cancel': GIFs of picked runs, encoded in the worker pool by the same
 * frame renderer the headless runner uses, written atomically where the user chose.
 */
import { join } from 'node:path'
import type { Handlers, ServiceContext } from './context'
import type { SimPool } from '../pool/sim-pool'
import type { RunStore } from '../runs/run-store'
import { gifPanelOf } from '../runs/gif-panel'
import type { ArchivedRun } from '../project/run-archive'
import { CancelFlag } from '../pool/cancel-flag'
import { writeFileAtomic } from '../io/atomic-write'
import { cancelled, failure, safeFileName } from './io-outcome'
import { chooseSavePath, confirmReplace, pathExists } from './save-target'

const GIF_FILTER = { name: 'GIF animation', extensions: ['gif'] }

export function createGifService(ctx: ServiceContext, pool: SimPool, store: RunStore): Pick<Handlers, 'gif:export' | 'gif:cancel'> {
  const jobs = new Map<string, CancelFlag>()
  return {
    'gif:export': async ({ jobId, runIds, layout, settings, titles }) => {
      if (jobs.has(jobId)) return { ok: false, message: `A GIF export with id ${jobId} is already running.` }
      const runs: ArchivedRun[] = []
      for (const id of runIds) {
        const run = await store.get(id)
        if (!run) return { ok: false, message: `Run '${id}' is not available (it may have been removed).` }
        runs.push(run)
      }
      // Where to: one file for a combined GIF, a folder for one GIF per run.
      let targets: string[]
      if (layout === 'combined' || runs.length === 1) {
        const name = runs.length === 1 ? runs[0].record.runId : `${runs.length} runs`
        const path = await chooseSavePath(ctx.dialogs, { title: 'Save GIF', defaultName: `${safeFileName(name, 'raster')}.gif`, filter: GIF_FILTER })
        if (!path) return cancelled()
        targets = [path]
      } else {
        const dir = await ctx.dialogs.openDirectory({ title: 'Choose a folder for the GIFs' })
        if (!dir) return cancelled()
        targets = runs.map((r) => join(dir, `${safeFileName(r.record.runId.replace('#', ' rep '), 'run')}.gif`))
        const existing: string[] = []
        for (const t of targets) if (await pathExists(t)) existing.push(t)
        if (!(await confirmReplace(ctx.dialogs, existing))) return cancelled()
      }
      const flag = new CancelFlag()
      jobs.set(jobId, flag)
      const groups = targets.length === 1 ? [runs] : runs.map((r) => [r])
      const done = new Float64Array(groups.length)
      const report = (): void => ctx.events.emit('gif:progress', { jobId, fraction: done.reduce((a, b) => a + b, 0) / groups.length })
      try {
        const encoded = await Promise.all(
          groups.map((g, i) =>
            pool.encodeGif(g.map((r) => gifPanelOf(r, r.params, r.record, titles?.[runs.indexOf(r)])), settings, {
              cancel: flag,
              onProgress: (f) => {
                done[i] = f
                report()
              }
            })
          )
        )
        if (flag.cancelled) return cancelled()
        for (let i = 0; i < targets.length; i++) await writeFileAtomic(targets[i], encoded[i])
        return { ok: true, paths: targets }
      } catch (err) {
        if (flag.cancelled || (err as Error)?.name === 'AbortError') return cancelled()
        return failure(err, 'The GIF could not be made')
      } finally {
        jobs.delete(jobId)
      }
    },
    'gif:cancel': ({ jobId }) => {
      const flag = jobs.get(jobId)
      flag?.cancel()
      return { cancelled: flag !== undefined }
    }
  }
}
