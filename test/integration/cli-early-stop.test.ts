import { describe, expect, it } from 'vitest'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { root } from '../helpers/built'
import { runCli } from '../helpers/run-cli'
import { readResults, timeless } from '../helpers/results-compare'

const experiment = join(root, 'test/fixtures/cluster/kill-resume.experiment.yaml')

const run = (args: string[]) => runCli(args)

describe('--early-stop (built CLI, real worker threads)', () => {
  it('is off by default; on, every termination time is the same, stopped runs say when and mark the rest n/a', () => {
    const tmp = mkdtempSync(join(tmpdir(), 'sat-early-'))
    const whole = join(tmp, 'whole')
    const early = join(tmp, 'early')
    expect(run([experiment, '--out', whole, '--gifs', 'none', '--quiet', '--threads', '2']).code).toBe(0)
    expect(run([experiment, '--out', early, '--gifs', 'none', '--quiet', '--threads', '2', '--early-stop']).code).toBe(0)
    const a = readResults(whole).runs as unknown as Array<Record<string, unknown> & { provenance?: Record<string, unknown> | null }>
    const b = readResults(early).runs as unknown as Array<Record<string, unknown> & { provenance?: Record<string, unknown> | null }>
    expect(b.map((r) => r.termination_time_s)).toEqual(a.map((r) => r.termination_time_s))
    expect(a.every((r) => !('stopped_early_at_s' in r))).toBe(true)
    expect(readFileSync(join(whole, 'runs.csv'), 'utf8')).not.toContain('stopped_early_at_s')
    const stopped = b.filter((r) => r.stopped_early_at_s !== undefined)
    // mu_exc 0.98 loses the bump in some repetitions; mu_exc 1 holds it to the end in all.
    expect(stopped.length).toBeGreaterThan(0)
    for (const r of stopped) {
      expect(r.termination_time_s as number).toBeLessThan(3.75)
      expect(r.stopped_early_at_s as number).toBeLessThan(5)
      expect(r.spike_counts).toBeNull()
      expect(r.exc_spikes).toBeNull()
      expect((r.measures as Record<string, unknown>).bump_rate_hz).toBeNull()
    }
    for (const r of b.filter((x) => x.stopped_early_at_s === undefined)) expect(timeless(r)).toEqual(timeless(a[b.indexOf(r)]))
    expect(readFileSync(join(early, 'runs.csv'), 'utf8').split('\r\n')[0]).toMatch(/,stopped_early_at_s$/)

    // "early_stop: true" in the file (what the app's switch exports) is the same as the flag.
    const file = join(tmp, 'early.experiment.yaml')
    writeFileSync(file, `${readFileSync(experiment, 'utf8')}early_stop: true\n`)
    const fromFile = join(tmp, 'from-file')
    expect(run([file, '--out', fromFile, '--gifs', 'none', '--quiet', '--threads', '2']).code).toBe(0)
    // Provenance names the experiment file, which differs; the results must not.
    const results = (dir: string) => readResults(dir).runs.map((r) => ({ ...r, elapsed_ms: undefined, provenance: undefined }))
    expect(results(fromFile)).toEqual(results(early))

    // --verify reruns a stopped run the way it was made (stopping early too): identical. Told it
    // ran to the end, the rerun runs on and its spikes differ.
    const verified = run(['--verify', early, '--quiet'])
    expect(verified.stdout.trim().split('\n').at(-1)).toBe('16/16 identical')
    const json = JSON.parse(readFileSync(join(early, 'results.json'), 'utf8')) as { runs: Array<Record<string, unknown>> }
    const first = json.runs.findIndex((r) => r.stopped_early_at_s !== undefined)
    delete json.runs[first].stopped_early_at_s
    writeFileSync(join(early, 'results.json'), JSON.stringify(json))
    const edited = run(['--verify', early, '--quiet'])
    expect(edited.stdout).toMatch(new RegExp(`${String(json.runs[first].run_id)}\\s+different: the spike SHA-256 differs`))
    expect(edited.stdout.trim().split('\n').at(-1)).toMatch(/^15\/16 identical/)
  })
})
