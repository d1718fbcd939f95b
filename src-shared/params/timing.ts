/**
 * Step counts as the reference computes them (Python's int() truncates), shared
 * by validation, warnings and the memory estimate.
 */

/** n = int(duration * 1000 / dt): the number of stored steps of a run. */
export function stepCount(duration_s: number, dt_ms: number): number {
  return Math.trunc((duration_s * 1000) / dt_ms)
}

/** True when duration / dt is a whole number up to floating-point rounding (0.7 s / 0.7 ms gives 1000.0000000000001). */
export function isWholeStepCount(duration_s: number, dt_ms: number): boolean {
  const q = (duration_s * 1000) / dt_ms
  return Math.abs(q - Math.round(q)) <= 1e-6 * Math.max(1, Math.abs(q))
}

/** Stimulus steps [start, end): int(t_on * n / duration) .. int(t_off * n / duration), as the notebook slices them. */
export function stimulusStepRange(t_on_s: number, t_off_s: number, duration_s: number, dt_ms: number): [number, number] {
  const n = stepCount(duration_s, dt_ms)
  return [Math.trunc((t_on_s * n) / duration_s), Math.trunc((t_off_s * n) / duration_s)]
}

/** Rows the termination measure scans: n - int(t_off * 1000 / dt). */
export function postStimulusSteps(t_off_s: number, duration_s: number, dt_ms: number): number {
  return stepCount(duration_s, dt_ms) - Math.trunc((t_off_s * 1000) / dt_ms)
}
