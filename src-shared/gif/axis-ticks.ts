/** Plotly-like "nice" tick positions for an axis that starts at 0. */

export interface AxisTicks {
  values: number[]
  labels: string[]
}

/** Ticks at multiples of 1, 2 or 5 x 10^k, the smallest step giving at most `maxTicks` intervals within [0, max]. */
export function niceTicks(max: number, maxTicks = 5): AxisTicks {
  if (!(max > 0) || !Number.isFinite(max)) return { values: [0], labels: ['0'] }
  let magnitude = Math.pow(10, Math.floor(Math.log10(max / maxTicks)))
  let step = magnitude
  for (;;) {
    let found = false
    for (const m of [1, 2, 5]) {
      step = m * magnitude
      if (max / step <= maxTicks) {
        found = true
        break
      }
    }
    if (found) break
    magnitude *= 10
  }
  const decimals = Math.max(0, -Math.floor(Math.log10(step) + 1e-9))
  const values: number[] = []
  const labels: string[] = []
  for (let i = 0; i * step <= max * (1 + 1e-9); i++) {
    const v = i * step
    values.push(v)
    // Like plotly: 0, 0.5, 1, 1.5 rather than 0.0, 0.5, 1.0.
    labels.push(String(Number(v.toFixed(decimals))))
  }
  return { values, labels }
}
