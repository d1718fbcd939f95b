/** Builds the provenance record of a finished run in the main process (app or headless runner). */
import type { RunProvenance } from '../../src-shared/provenance/run-provenance'
import type { SimulationResult } from '../../src-shared/engine/types'
import type { ParameterSet } from '../../src-shared/params/types'
import { APP_VERSION } from '../app-version'
import { spikesSha256 } from './spike-digest'

/** `parametersSha256` is the run record's own (src-shared/params/run-hashes.ts), so the parameters are hashed once. */
export function runProvenance(
  params: ParameterSet,
  parametersSha256: string,
  result: Pick<SimulationResult, 'engine' | 'steps' | 'neurons'>,
  run: { startedAt: number; finishedAt: number; threads: number; orientationDrawn: boolean }
): RunProvenance {
  return {
    app_version: APP_VERSION,
    // runSimulation always sets it; a result without it came from the reference TypeScript path.
    engine: result.engine ?? 'typescript',
    input_mode: params.simulation.input_mode,
    orientation_drawn: run.orientationDrawn,
    parameters_sha256: parametersSha256,
    spikes_sha256: spikesSha256(result.steps, result.neurons),
    spike_count: result.steps.length,
    node_version: process.versions.node,
    electron_version: process.versions.electron ?? null,
    platform: `${process.platform}-${process.arch}`,
    started_at: new Date(run.startedAt).toISOString(),
    finished_at: new Date(run.finishedAt).toISOString(),
    threads: run.threads
  }
}
