/** "Did you mean" for mistyped group and parameter names. */

function editDistance(a: string, b: string): number {
  const prev = new Array<number>(b.length + 1)
  const cur = new Array<number>(b.length + 1)
  for (let j = 0; j <= b.length; j++) prev[j] = j
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
    }
    for (let j = 0; j <= b.length; j++) prev[j] = cur[j]
  }
  return prev[b.length]
}

/**
 * The known name closest to `input`, or undefined when none is plausibly meant.
 * Case is compared loosely first ('V_PEAK' -> 'v_peak') but exact case breaks
 * ties, because neuron groups have both 'c' and 'C'.
 */
export function closestName(input: string, candidates: readonly string[]): string | undefined {
  const needle = input.trim().toLowerCase()
  if (needle.length === 0) return undefined
  let best: string | undefined
  let bestScore = Infinity
  for (const name of candidates) {
    const loose = editDistance(needle, name.toLowerCase())
    const score = loose * 100 + editDistance(input.trim(), name)
    if (score < bestScore) {
      bestScore = score
      best = name
    }
  }
  if (best === undefined) return undefined
  const loose = Math.floor(bestScore / 100)
  const allowed = Math.max(1, Math.floor(needle.length / 3))
  if (loose === 0) return best
  return loose <= allowed && loose < needle.length ? best : undefined
}
