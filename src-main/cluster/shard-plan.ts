/**
 * How an experiment's runs are split into shards: contiguous blocks of the expansion order
 * (condition by condition, repetition by repetition), so every machine computes the same split
 * from the same experiment and shard K of N always holds the same run ids.
 */
import type { RunRequest } from '../../src-shared/experiment/types'

export interface ShardSpec {
  /** 1-based, as Slurm array task ids. */
  index: number
  count: number
}

export class ShardSpecError extends Error {
  override name = 'UsageError'
}

export function parseShardSpec(text: string): ShardSpec {
  const m = /^(\d+)\/(\d+)$/.exec(text.trim())
  const index = m ? Number(m[1]) : NaN
  const count = m ? Number(m[2]) : NaN
  if (!m || count < 1 || count > 100_000 || index < 1 || index > count) {
    throw new ShardSpecError(`--shard must be K/N with 1 <= K <= N (for example 2/8), got '${text}'.`)
  }
  return { index, count }
}

/** The runs of shard `index` of `count`: block [floor((k-1)R/N), floor(kR/N)). */
export function shardRuns<T extends Pick<RunRequest, 'runId'>>(runs: readonly T[], shard: ShardSpec): T[] {
  const from = Math.floor(((shard.index - 1) * runs.length) / shard.count)
  const to = Math.floor((shard.index * runs.length) / shard.count)
  return runs.slice(from, to)
}

/** A compact Slurm array list: [1,2,3,5] -> "1-3,5". */
export function arrayList(indices: readonly number[]): string {
  const sorted = [...indices].sort((a, b) => a - b)
  const parts: string[] = []
  for (let i = 0; i < sorted.length; ) {
    let j = i
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j] + 1) j++
    parts.push(j > i ? `${sorted[i]}-${sorted[j]}` : String(sorted[i]))
    i = j + 1
  }
  return parts.join(',')
}
