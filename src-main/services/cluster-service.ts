/**
 * The app's "On the cluster" run target: writes the experiment, the sbatch array script and a
 * README into a new folder (to copy to a login node) and, when asked and `sbatch` is on PATH,
 * submits it. The folder is the same as `npm run experiment -- FILE --slurm` prepares, so
 * `--collect`/`--resume` work on it from the command line.
 */
import { existsSync } from 'node:fs'
import { delimiter, dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Handlers, ServiceContext } from './context'
import { cancelled, failure } from './io-outcome'
import { slug } from '../cli/write-results'
import { expandRuns } from '../../src-shared/experiment/expand'
import { prepareWorkFolder } from '../cluster/prepare'
import { submitRecorded, type ClusterRecord } from '../cluster/cluster-job'

/** Whether `cmd` is an executable file in one of PATH's folders. */
export function onPath(cmd: string, path = process.env.PATH ?? ''): boolean {
  return path.split(delimiter).some((d) => d !== '' && existsSync(join(d, cmd)))
}

/** The built headless runner next to the main bundle (out/main/cli.js), as the job script calls it. */
function builtCli(): string {
  const here = dirname(fileURLToPath(import.meta.url))
  const candidates = [join(here, 'cli.js'), join(here, '..', 'cli.js')]
  return candidates.find((p) => existsSync(p)) ?? candidates[0]
}

export function createClusterService(
  ctx: ServiceContext,
  runner?: { node: string; cli: string },
  /** Told of each folder written, so the app may follow, cancel, resume and import it. */
  onWritten?: (folder: string) => void
): Pick<Handlers, 'cluster:prepare'> {
  return {
    'cluster:prepare': async (req) => {
      const parent = await ctx.dialogs.openDirectory({ title: 'Folder for the cluster job (on a file system the compute nodes share)' })
      if (!parent) return cancelled()
      // A folder name without spaces or quotes: it appears in #SBATCH lines and shell commands.
      const folder = join(parent, `${slug(req.experiment.name)}-slurm`)
      if (existsSync(folder)) return failure(new Error(`${folder} already exists; choose another folder or remove it, so no job is written or submitted twice.`))
      const runs = expandRuns(req.experiment).length
      const record: ClusterRecord = {
        format: 'serotonin-cluster-job',
        tasks: Math.min(req.tasks, runs),
        gifs: 'first',
        earlyStop: req.experiment.earlyStop === true,
        slurm: { partition: req.partition, time: req.time, mem: req.mem, cpusPerTask: 1 },
        jobs: []
      }
      try {
        await prepareWorkFolder(folder, req.experiment, record, runner ?? { node: 'node', cli: builtCli() })
      } catch (err) {
        return failure(err)
      }
      onWritten?.(folder)
      const sbatchFound = onPath('sbatch')
      if (!req.submit || !sbatchFound) return { ok: true, folder, sbatchFound }
      try {
        return { ok: true, folder, sbatchFound, jobId: await submitRecorded(folder, record) }
      } catch (err) {
        // The folder stays: it is complete and unsubmitted, and its README says how to submit it.
        return failure(err, `The folder ${folder} was written but not submitted`)
      }
    }
  }
}
