/**
 * Opt-in early stopping: a run ends as soon as its termination time is decided, that is once a
 * complete window after the stimulus has returned the rule's "stop" verdict (later spikes cannot
 * change an earlier window, and the rule takes the first such window). Only the termination time
 * is then known; every measure that needs the whole run is NaN ("not available"), never a
 * value computed from part of it.
 */
import type { SpikeRaster } from '../engine/types'
import type { ParameterSet } from '../params/types'
import { runTiming } from '../engine/timing'
import { rowsPerSecond, terminationTime } from './termination'
import type { RunSummary } from './summary'

/** The recorded spikes so far: the engines' spike buffer (steps ascending). */
export interface SpikesSoFar {
  steps: Uint32Array
  neurons: Uint16Array
  length: number
}

/**
 * The engines' `stopWhen` check for these parameters: true once the termination time is decided
 * from the steps before `completeSteps`. Cost: one pass over the windows so far, between chunks.
 */
export function terminationDecided(p: ParameterSet): (spikes: SpikesSoFar, completeSteps: number) => boolean {
  const s_off = runTiming(p).delayStart
  const Ne = p.network.Ne
  const half = Math.floor(p.termination.window_steps / 2)
  return (spikes, completeSteps) => {
    // Not even the first window after the stimulus is complete yet.
    if (completeSteps - s_off <= 2 * half) return false
    const raster: SpikeRaster = {
      Ne,
      Ni: p.network.Ni,
      dt_ms: p.simulation.dt_ms,
      nSteps: completeSteps,
      steps: spikes.steps.subarray(0, spikes.length),
      neurons: spikes.neurons.subarray(0, spikes.length)
    }
    // Without a "stop" verdict the rule answers m / rps, the end of the complete part.
    return terminationTime(raster, s_off, p.termination) < (completeSteps - s_off) / rowsPerSecond(p.simulation.dt_ms)
  }
}

/** A run ended by early stopping carries one more number in its summary: when it stopped (s). */
export type StoppedRunSummary = RunSummary & { stopped_early_at_s: number }

/** The summary key that says so (results.json and runs.csv name it the same). */
export const STOPPED_EARLY_KEY = 'stopped_early_at_s'

export function stoppedEarlyAt(s: RunSummary): number | undefined {
  return (s as Partial<StoppedRunSummary>).stopped_early_at_s
}

/** The summary of a run stopped early: its termination time, when it stopped, and NaN for the rest. */
export function stoppedRunSummary(result: SpikeRaster & { stoppedEarlyAtStep: number }, p: ParameterSet, full: RunSummary): StoppedRunSummary {
  const out = { ...full, stopped_early_at_s: NaN }
  for (const k of Object.keys(out) as Array<keyof StoppedRunSummary>) out[k] = NaN
  const s_off = runTiming(p).delayStart
  out.termination_time_s = terminationTime(result, s_off, p.termination)
  out.stopped_early_at_s = (result.stoppedEarlyAtStep * p.simulation.dt_ms) / 1000
  return out
}
