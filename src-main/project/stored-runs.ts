/** Conversions between runs as the archive holds them (typed arrays) and as a project file stores them. */
import { decodeSpikes, encodeSpikes, runRecordOf, type StoredRun } from '../../src-shared/project/format'
import type { ArchivedRun } from './run-archive'

export function toStoredRun(run: ArchivedRun): StoredRun {
  const encoded = encodeSpikes(run.steps, run.neurons)
  return {
    ...run.record,
    summary: { ...run.record.summary },
    params: run.params,
    raster: { nSteps: run.nSteps, Ne: run.Ne, Ni: run.Ni, dt_ms: run.dt_ms, ...encoded }
  }
}

/** Decodes a validated stored run (validation has already decoded it once, so this cannot fail on bounds). */
export function fromStoredRun(run: StoredRun): ArchivedRun {
  const { raster } = run
  const { steps, neurons } = decodeSpikes(raster, { nSteps: raster.nSteps, nNeurons: raster.Ne + raster.Ni })
  return {
    record: runRecordOf(run),
    params: run.params,
    steps,
    neurons,
    nSteps: raster.nSteps,
    Ne: raster.Ne,
    Ni: raster.Ni,
    dt_ms: raster.dt_ms
  }
}
