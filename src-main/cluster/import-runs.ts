/**
 * A cluster job's runs as the app's run store holds them: every shard of the work folder read,
 * merged in the experiment's order (the same checks as `--collect`, and the folder's
 * experiment.yaml, if any, must be the shards' experiment), and each run checked as
 * strictly as a run in a project file (./shard-spikes.ts) before anything is imported.
 */
import { existsSync } from 'node:fs'
import type { RunStatus } from '../../src-shared/ipc/contract'
import type { ArchivedRun } from '../project/run-archive'
import { inventory, mergeShards } from './collect'
import { archivedRunsOf } from './shard-spikes'
import { readClusterRecord } from './cluster-job'
import { ShardFileError } from './shard-file'
import { workPaths } from './work-folder'
import { experimentDifference } from './experiment-difference'
import { loadExperiment } from '../cli/load-experiment'

export interface ClusterRuns {
  experimentName: string
  runs: ArchivedRun[]
  /** Runs that failed inside their shard (their error as the shard recorded it). */
  failed: RunStatus[]
}

export async function readClusterRuns(dir: string): Promise<ClusterRuns> {
  const inv = await inventory(dir, readClusterRecord(dir)?.tasks)
  if (inv.count === undefined) {
    throw new ShardFileError(`${dir} holds no shard files (${workPaths(dir).shards} is empty or missing), so there is nothing to import yet.`)
  }
  if (inv.missing.length > 0) {
    throw new ShardFileError(
      `${inv.missing.length} of ${inv.count} shards of ${dir} are not there yet (task ${inv.missing.join(', ')}); ` +
        'wait for them, or resume the job, then import.'
    )
  }
  const merged = mergeShards(inv.present)
  const yaml = workPaths(dir).experiment
  if (existsSync(yaml)) {
    const diff = experimentDifference(loadExperiment(yaml), merged.exp)
    if (diff) {
      throw new ShardFileError(`The shards of ${dir} were made from another experiment than its experiment.yaml (${diff}); nothing was imported, so no run is filed under the wrong condition (restore experiment.yaml, or rerun the shards).`)
    }
  }
  const runs = archivedRunsOf(merged.runs, dir, 'nothing was imported')
  return { experimentName: merged.exp.name, runs, failed: merged.outcome.failed }
}
