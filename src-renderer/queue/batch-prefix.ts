/**
 * Each "Run all" gets its own run-id prefix (b1:, b2:, ...) so queuing the same conditions
 * again never collides with runs already queued, finished or loaded from the project.
 */
const BATCH = /^b(\d+):/

export function nextBatchPrefix(...existing: Iterable<string>[]): string {
  let max = 0
  for (const ids of existing) {
    for (const id of ids) {
      const m = BATCH.exec(id)
      if (m) max = Math.max(max, Number(m[1]))
    }
  }
  return `b${max + 1}:`
}
