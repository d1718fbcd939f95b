/**
 * The runs of results.json: each run's measures and spike counts, its provenance, its full
 * resolved parameter set (what --verify reruns) and its archive files. Shared by the headless
 * runner and the app's export, so `--verify` reads either folder.
 */
import type { RunRecord } from '../../src-shared/ipc/contract'
import type { ParameterSet } from '../../src-shared/params/types'
import { runsJson } from '../../src-shared/report/experiment-report'
import { orderedProvenance } from '../../src-shared/provenance/run-provenance'

export interface RunForJson {
  record: RunRecord
  params: ParameterSet
  counts: ArrayLike<number>
}

export function runsWithProvenanceJson(runs: readonly RunForJson[], runFiles?: ReadonlyMap<string, Record<string, string>>): object[] {
  return runsJson(runs).map((json, i) => {
    const { record, params } = runs[i]
    const files = runFiles?.get(record.runId)
    return {
      ...json,
      provenance: record.provenance ? orderedProvenance(record.provenance) : null,
      parameters: params,
      ...(files ? { files } : {})
    }
  })
}

/** Spikes per neuron, from the neuron index of each spike. */
export function spikeCounts(neurons: Uint16Array, nNeurons: number): Uint32Array {
  const counts = new Uint32Array(nNeurons)
  for (const n of neurons) counts[n]++
  return counts
}
