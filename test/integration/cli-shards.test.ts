import { describe, expect, it } from 'vitest'
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { root } from '../helpers/built'
import { runCli } from '../helpers/run-cli'
import { comparable, readResults } from '../helpers/results-compare'
import { readNwbSpikes } from '../../src-main/archive/nwb-reader'

const experiment = join(root, 'test/fixtures/cluster/small-sweep.experiment.yaml')

const run = (args: string[]) => runCli(args)

describe('--shard K/N and --collect (built CLI, real worker threads)', () => {
  it('shards run in any order and merged give exactly a local run: files, CSV bytes, GIF bytes, per-neuron counts', () => {
    const tmp = mkdtempSync(join(tmpdir(), 'sat-shards-'))
    const local = join(tmp, 'local')
    const work = join(tmp, 'work')
    expect(run([experiment, '--out', local, '--quiet', '--threads', '2']).code).toBe(0)

    for (const k of [3, 1]) expect(run([experiment, '--shard', `${k}/3`, '--out', work, '--threads', '1', '--quiet']).code).toBe(0)
    // A missing shard: named, nothing merged.
    const early = run(['--collect', work])
    expect(early.code).toBe(1)
    expect(early.stderr).toContain('1 of 3 shards are missing')
    expect(early.stderr).toContain('shard 2)')
    expect(existsSync(join(work, 'results.json'))).toBe(false)

    expect(run([experiment, '--shard', '2/3', '--out', work, '--threads', '1', '--quiet']).code).toBe(0)
    expect(readdirSync(join(work, 'shards')).sort()).toEqual(['shard-1-of-3.json', 'shard-2-of-3.json', 'shard-3-of-3.json'])
    const merged = run(['--collect', work])
    expect(merged.stderr).toBe('')
    expect(merged.code).toBe(0)
    expect(merged.stdout).toContain('5 runs merged')

    expect(comparable(work)).toEqual(comparable(local))
    const runs = readResults(work).runs
    expect(runs.map((r) => r.run_id)).toEqual(['normal#1', 'normal#2', 'normal#3', 'low#1', 'low#2'])
    expect(runs[0].spike_counts).toHaveLength(450)
    expect(runs.every((r) => r.spike_counts.some((c) => c > 0))).toBe(true)
  })

  it('--collect DIR --nwb writes one NWB file per run from the shards\' spikes, with a local run\'s per-neuron counts', async () => {
    const tmp = mkdtempSync(join(tmpdir(), 'sat-shards-nwb-'))
    const local = join(tmp, 'local')
    const work = join(tmp, 'work')
    expect(run([experiment, '--out', local, '--gifs', 'none', '--quiet', '--threads', '2']).code).toBe(0)
    for (const k of [1, 2]) expect(run([experiment, '--shard', `${k}/2`, '--out', work, '--gifs', 'none', '--threads', '1', '--quiet']).code).toBe(0)
    const merged = run(['--collect', work, '--nwb'])
    expect(merged.code, merged.stderr).toBe(0)
    expect(merged.stderr).toMatch(/^nwb\/.*\.nwb: \d+ KiB in \d+ ms$/m)
    const runs = (JSON.parse(readFileSync(join(work, 'results.json'), 'utf8')) as { runs: Array<{ run_id: string; files?: { nwb?: string } }> }).runs
    const want = readResults(local).runs
    expect(runs.map((r) => r.run_id)).toEqual(want.map((r) => r.run_id))
    for (const [i, r] of runs.entries()) {
      expect(r.files?.nwb).toMatch(/^nwb\/.*\.nwb$/)
      expect(Array.from((await readNwbSpikes(join(work, r.files!.nwb!), 0.1)).counts)).toEqual(want[i].spike_counts)
    }
  })

  it('refuses to merge shards of different experiments or different splits', () => {
    const tmp = mkdtempSync(join(tmpdir(), 'sat-shards-bad-'))
    const work = join(tmp, 'work')
    expect(run([experiment, '--shard', '1/2', '--out', work, '--quiet']).code).toBe(0)
    expect(run([experiment, '--shard', '2/2', '--out', work, '--gifs', 'none', '--quiet']).code).toBe(0)
    const r = run(['--collect', work])
    expect(r.code).toBe(1)
    expect(r.stderr.trim()).toMatch(/^Shard \d of 2 belongs to a different experiment \(or --gifs or --early-stop choice\)/)

    expect(run([experiment, '--shard', '1/3', '--out', work, '--quiet']).code).toBe(0)
    const mixed = run(['--collect', work])
    expect(mixed.code).toBe(1)
    expect(mixed.stderr).toMatch(/holds shards of different splits \(N = 2, 3\)/)
    expect(existsSync(join(work, 'results.json'))).toBe(false)
  })
})
