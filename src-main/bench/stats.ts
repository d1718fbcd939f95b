export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b)
  const m = s.length >> 1
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2
}

export async function timeMedian(reps: number, fn: () => unknown | Promise<unknown>): Promise<{ median: number; all: number[] }> {
  const all: number[] = []
  for (let i = 0; i < reps; i++) {
    const t = performance.now()
    await fn()
    all.push(performance.now() - t)
  }
  return { median: median(all), all }
}
