import type { GifPanel } from '../pool/tasks'
import type { SpikeRaster } from '../../src-shared/engine/types'
import type { ParameterSet } from '../../src-shared/params/types'
import type { RunRecord } from '../../src-shared/ipc/contract'

/** A finished run as one GIF panel: what the headless runner and the app's GIF export both draw. */
export function gifPanelOf(raster: SpikeRaster, params: ParameterSet, record: RunRecord, name?: string): GifPanel {
  return {
    title: titleOf(record, name),
    Ne: raster.Ne,
    Ni: raster.Ni,
    dt_ms: raster.dt_ms,
    nSteps: raster.nSteps,
    steps: raster.steps,
    neurons: raster.neurons,
    t_on_s: params.stimulus.t_on_s,
    t_off_s: params.stimulus.t_off_s,
    terminationTimeS: record.summary.termination_time_s
  }
}

/**
 * A panel's title: the run's name (as the app lists it, else its condition and repetition), with
 * its serotonin levels unless the name already states them.
 */
export function titleOf(r: RunRecord, name?: string): string {
  // The first repetition reads like the notebook's titles; later ones carry their number.
  const base = name ?? `${r.condition}${r.rep > 0 ? ` #${r.rep + 1}` : ''}`
  // Repeating levels the name gives read "Mu_exc 0.98 (mu_exc 0.98, mu_inh 1)".
  if (/\bmu_(exc|inh)\b/i.test(base)) return base
  return `${capitalise(base)} (mu_exc ${r.mu_exc}, mu_inh ${r.mu_inh})`
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1)
}
