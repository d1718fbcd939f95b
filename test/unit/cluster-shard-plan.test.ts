import { describe, expect, it } from 'vitest'
import { arrayList, parseShardSpec, shardRuns } from '../../src-main/cluster/shard-plan'
import { parseArgs } from '../../src-main/cli/args'
import { expandRuns } from '../../src-shared/experiment/expand'
import { sweepExperiment } from '../../src-shared/experiment/presets'

describe('shard plan', () => {
  it('splits the runs into N disjoint contiguous blocks that cover every run, the same way every time', () => {
    const runs = expandRuns(sweepExperiment(30))
    for (const n of [1, 3, 7, 16, 210, 500]) {
      const blocks = Array.from({ length: n }, (_, i) => shardRuns(runs, { index: i + 1, count: n }))
      expect(blocks.flat().map((r) => r.runId)).toEqual(runs.map((r) => r.runId))
      const sizes = blocks.map((b) => b.length)
      expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1)
    }
    expect(shardRuns(runs, { index: 2, count: 7 }).map((r) => r.runId)).toEqual(
      shardRuns(expandRuns(sweepExperiment(30)), { index: 2, count: 7 }).map((r) => r.runId)
    )
    expect(shardRuns(runs, { index: 2, count: 7 })[0].runId).toBe('mu_exc 0.98#1')
  })

  it('parses K/N and refuses anything else with the form to type', () => {
    expect(parseShardSpec('2/8')).toEqual({ index: 2, count: 8 })
    for (const bad of ['0/3', '4/3', '1/0', 'a/b', '2', '1/3/4']) expect(() => parseShardSpec(bad)).toThrow(/--shard must be K\/N/)
  })

  it('writes compact Slurm array lists', () => {
    expect(arrayList([5, 1, 2, 3, 7, 8])).toBe('1-3,5,7-8')
    expect(arrayList([4])).toBe('4')
  })

  it('command line: cluster options parse, combine sensibly, and fail with one sentence', () => {
    const a = parseArgs(['f.yaml', '--slurm', '--partition', 'short', '--tasks', '8', '--time', '01:30:00', '--mem', '2000', '--no-wait'])
    expect(a.cluster).toMatchObject({ slurm: true, partition: 'short', tasks: 8, time: '01:30:00', mem: 2000, noWait: true })
    expect(parseArgs(['f.yaml', '--shard', '1/4', '--out', 'w']).cluster.shard).toEqual({ index: 1, count: 4 })
    expect(() => parseArgs(['f.yaml', '--shard', '1/4'])).toThrow('--shard needs --out DIR')
    expect(() => parseArgs(['--collect', 'd', '--resume', 'd'])).toThrow('cannot be combined')
    expect(() => parseArgs(['f.yaml', '--partition', 'p'])).toThrow('only apply with --slurm')
    expect(() => parseArgs(['f.yaml', '--slurm', '--time', 'soon'])).toThrow("--time must be Slurm's")
    expect(() => parseArgs(['f.yaml', '--collect', 'd'])).toThrow('give no experiment file')
    expect(() => parseArgs(['f.yaml', '--shard', '9/4', '--out', 'w'])).toThrow(/UsageError|--shard must be/)
  })
})
