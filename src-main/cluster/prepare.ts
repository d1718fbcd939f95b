/**
 * A work folder ready for `sbatch`: the experiment, the array job script, a README for whoever
 * opens it on a login node, and the empty shards/logs/progress folders. Shared by `--slurm` and
 * the app's "On the cluster" target.
 */
import { mkdir, writeFile } from 'node:fs/promises'
import type { ExperimentSpec } from '../../src-shared/experiment/types'
import { expandRuns } from '../../src-shared/experiment/expand'
import { toExperimentYaml } from '../../src-shared/experiment/experiment-yaml'
import { slug } from '../cli/write-results'
import { sbatchScript } from './slurm'
import { clusterReadme } from './cluster-readme'
import type { ClusterRecord } from './cluster-job'
import { workPaths } from './work-folder'

/** One task per 10 runs, 1 to 100, never more tasks than runs. */
export function defaultTasks(runs: number): number {
  return Math.max(1, Math.min(100, Math.round(runs / 10), runs))
}

export async function prepareWorkFolder(
  dir: string,
  exp: ExperimentSpec,
  record: ClusterRecord,
  runner: { node: string; cli: string }
): Promise<string[]> {
  const paths = workPaths(dir)
  for (const d of [paths.shards, paths.logs, paths.progress]) await mkdir(d, { recursive: true })
  await writeFile(paths.experiment, toExperimentYaml(exp))
  const jobName = `sat-${slug(exp.name)}`.slice(0, 40)
  await writeFile(paths.script, sbatchScript({ jobName, dir, tasks: record.tasks, ...runner, gifs: record.gifs, earlyStop: record.earlyStop, slurm: record.slurm }))
  await writeFile(paths.readme, clusterReadme(exp.name, record.tasks, expandRuns(exp).length))
  return [paths.experiment, paths.script, paths.readme]
}
