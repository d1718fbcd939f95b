import type { GifPanel } from '../pool/tasks'
import type { FinishedRun } from './run-queue'

/** A finished run as one GIF panel, titled like the notebook's figures. */
export function gifPanelOf(run: FinishedRun, title = titleOf(run)): GifPanel {
  const p = run.request.params
  return {
    title,
    Ne: run.result.Ne,
    Ni: run.result.Ni,
    dt_ms: run.result.dt_ms,
    nSteps: run.result.nSteps,
    steps: run.result.steps,
    neurons: run.result.neurons,
    t_on_s: p.stimulus.t_on_s,
    t_off_s: p.stimulus.t_off_s,
    terminationTimeS: run.record.summary.termination_time_s
  }
}

export function titleOf(run: FinishedRun): string {
  const r = run.record
  const rep = run.request.rep > 0 || r.runId.endsWith('#1') === false ? ` #${run.request.rep + 1}` : ''
  return `${capitalise(r.condition)}${rep} (mu_exc ${r.mu_exc}, mu_inh ${r.mu_inh})`
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1)
}
