/** Progress and time left of the queue, from the runs' statuses and the number of worker threads. */
import type { RunStatus } from '../../src-shared/ipc/contract'

export interface QueueEstimate {
  total: number
  queued: number
  running: number
  done: number
  failed: number
  cancelled: number
  /** 0..1 of all runs, counting a running run's progress. */
  fraction: number
  /** Estimated wall time until the queue is empty, ms; null when nothing is left or no run has finished to time by. */
  remainingMs: number | null
}

export function estimateQueue(statuses: Iterable<RunStatus>, threads: number): QueueEstimate {
  const e: QueueEstimate = { total: 0, queued: 0, running: 0, done: 0, failed: 0, cancelled: 0, fraction: 0, remainingMs: null }
  let durationSum = 0
  let timed = 0
  let runningLeft = 0
  let longestRunningLeft = 0
  for (const s of statuses) {
    e.total++
    e[s.state]++
    if (s.state === 'done' && s.startedAt !== undefined && s.finishedAt !== undefined) {
      durationSum += s.finishedAt - s.startedAt
      timed++
    }
    if (s.state === 'running') {
      const left = 1 - Math.min(1, Math.max(0, s.progress))
      runningLeft += left
      longestRunningLeft = Math.max(longestRunningLeft, left)
    }
  }
  if (e.total === 0) return e
  const settled = e.done + e.failed + e.cancelled
  e.fraction = (settled + (e.running - runningLeft)) / e.total
  const work = e.queued + runningLeft
  if (timed > 0 && work > 0) {
    const mean = durationSum / timed
    const lanes = Math.max(1, Math.min(threads, e.queued + e.running))
    // Never less than the slowest running run still needs, however many threads share the rest.
    e.remainingMs = Math.max((work * mean) / lanes, longestRunningLeft * mean)
  }
  return e
}

export function formatDuration(ms: number): string {
  const s = Math.round(ms / 1000)
  if (s < 60) return `${s} s`
  const m = Math.floor(s / 60)
  if (m < 60) return `${m} min ${String(s % 60).padStart(2, '0')} s`
  return `${Math.floor(m / 60)} h ${String(m % 60).padStart(2, '0')} min`
}
