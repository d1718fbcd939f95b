/**
 * Shard runs as the run store and the archive writers take them: each run checked as strictly as
 * a run in a project file (fields, parameter hashes, spikes within the raster's bounds), then
 * its spikes decoded. Shard files come from other machines, so nothing is trusted unchecked.
 */
import { PayloadError } from '../../src-shared/ipc/guards'
import { checkStoredRun } from '../../src-shared/project/validate-project'
import { fromStoredRun } from '../project/stored-runs'
import type { ArchivedRun } from '../project/run-archive'
import { ShardFileError, type ShardRun } from './shard-file'

export function archivedRunsOf(runs: readonly ShardRun[], dir: string, nothingDone: string): ArchivedRun[] {
  return runs.map((r) => {
    try {
      return fromStoredRun(checkStoredRun({ ...r.record, params: r.params, raster: r.raster }, 'run'))
    } catch (e) {
      if (!(e instanceof PayloadError)) throw e
      throw new ShardFileError(`Run '${r.record.runId}' in the shards of ${dir} is not valid (${e.path}: ${e.reason.replace(/[.\s]+$/, '')}); ${nothingDone}.`)
    }
  })
}
