/**
 * 'archive:export' (the project's runs as NWB/SONATA files plus ro-crate-metadata.json in a folder
 * the user picks) and 'archive:verify' (rerun every run of the project from its provenance and
 * compare spike for spike with the stored spikes). The same writers and verifier as the
 * headless runner's --nwb, --sonata and --verify.
 */
import { join } from 'node:path'
import type { Handlers, ServiceContext } from './context'
import type { SimPool } from '../pool/sim-pool'
import type { RunStore } from '../runs/run-store'
import { writeRunArchives } from '../archive/run-archives'
import { runsWithProvenanceJson, spikeCounts } from '../archive/runs-json'
import { describeOutput, jsonText } from '../archive/output-files'
import { writeFileAtomic } from '../io/atomic-write'
import { writeRoCrate, RO_CRATE_FILE } from '../archive/ro-crate'
import { verifyRuns } from '../verify/verify-runs'
import { cancelled, failure } from './io-outcome'
import { APP_VERSION } from '../app-version'
import { confirmReplace, pathExists } from './save-target'
import { stoppedEarlyAt } from '../../src-shared/analysis/early-stop'

export function createArchiveService(ctx: ServiceContext, pool: SimPool, store: RunStore): Pick<Handlers, 'archive:export' | 'archive:verify'> {
  return {
    'archive:export': async ({ name, nwb, sonata }) => {
      const runs = await store.listFinished()
      if (runs.length === 0) return { ok: false, message: 'There are no finished runs to export; run some conditions first.' }
      if (!nwb && !sonata) return { ok: false, message: 'Choose NWB, SONATA or both.' }
      const dir = await ctx.dialogs.openDirectory({ title: 'Choose a folder for the NWB files' })
      if (!dir) return cancelled()
      if (!(await confirmReplace(ctx.dialogs, (await pathExists(join(dir, RO_CRATE_FILE))) ? [join(dir, RO_CRATE_FILE)] : []))) return cancelled()
      try {
        const started = new Date().toISOString()
        const written = await writeRunArchives(dir, runs, { experimentName: name }, { nwb, sonata })
        // The same runs section as the headless runner's results.json, so `--verify DIR` reads this folder too.
        const results = {
          experiment: { name },
          generated_at: new Date().toISOString(),
          app_version: APP_VERSION,
          written_by: 'the app (Export NWB)',
          runs: runsWithProvenanceJson(runs.map((r) => ({ record: r.record, params: r.params, counts: spikeCounts(r.neurons, r.Ne + r.Ni) })), written.runFiles)
        }
        await writeFileAtomic(join(dir, 'results.json'), jsonText(results))
        const files = ['results.json', ...written.timings.map((t) => t.file)]
        await writeRoCrate(dir, {
          experimentName: name,
          appVersion: ctx.appVersion,
          description: `Exported from the app: ${runs.length} run${runs.length > 1 ? 's' : ''}${nwb ? ', NWB' : ''}${sonata ? ', SONATA' : ''}.`,
          startTime: runs.map((r) => r.record.provenance?.started_at ?? started).sort()[0],
          endTime: new Date().toISOString(),
          files: files.map((path) => ({ path, role: 'result', description: describeOutput(path) }))
        })
        return { ok: true, folder: dir, files: [...files, RO_CRATE_FILE], timings: written.timings }
      } catch (err) {
        return failure(err)
      }
    },
    'archive:verify': async () => {
      const runs = await store.listFinished()
      if (runs.length === 0) return { ok: false, message: 'There are no finished runs to verify.' }
      try {
        const report = await verifyRuns(
          pool,
          runs.map((r) => ({
            runId: r.record.runId,
            condition: r.record.condition,
            rep: r.record.rep,
            params: r.params,
            provenance: r.record.provenance,
            stoppedEarly: stoppedEarlyAt(r.record.summary) !== undefined,
            spikes: async () => ({ steps: r.steps, neurons: r.neurons })
          })),
          // The constant that stamped the provenance, so like is compared with like.
          { appVersion: APP_VERSION }
        )
        return { ok: true, report }
      } catch (err) {
        return failure(err)
      }
    }
  }
}
