import { describe, expect, it } from 'vitest'
import { spawnSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { GifReader } from 'omggif'
import { builtFile, root } from '../helpers/built'

const cli = (): string => builtFile('out/main/cli.js')

function run(args: string[], cwd = root) {
  const r = spawnSync(process.execPath, [cli(), ...args], { cwd, encoding: 'utf8', timeout: 120_000 })
  return { code: r.status, stdout: r.stdout, stderr: r.stderr }
}

interface ResultsJson {
  experiment: { name: string; control: string }
  runs: Array<{
    condition: string; mu_exc: number; mu_inh: number; seed: number; orientation_deg: number; input_mode: string
    termination_time_s: number; exc_spikes: number; inh_spikes: number; spike_counts: number[]
  }>
}

describe('headless experiment runner (built CLI, real worker threads)', () => {
  it('with no file runs the notebook four conditions: table, results JSON/CSV, four GIFs', () => {
    const out = mkdtempSync(join(tmpdir(), 'sat-cli-'))
    const r = run(['--out', out, '--quiet'])
    expect(r.stderr).toBe('')
    expect(r.code).toBe(0)
    for (const name of ['normal', 'increased serotonin', 'slightly decreased serotonin', 'decreased serotonin']) expect(r.stdout).toContain(name)
    expect(r.stdout).toMatch(/termination \(s\)/)
    const results = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8')) as ResultsJson
    expect(results.runs.map((x) => [x.condition, x.mu_exc, x.mu_inh])).toEqual([
      ['normal', 1, 1], ['increased serotonin', 0.97, 1], ['slightly decreased serotonin', 1.01, 1.01], ['decreased serotonin', 1.02, 1.02]
    ])
    for (const x of results.runs) {
      expect(x.seed).toBe(42)
      expect(x.orientation_deg).toBe(100)
      expect(x.input_mode).toBe('exact')
      expect(x.spike_counts).toHaveLength(450)
      expect(x.spike_counts.slice(0, 360).reduce((a, b) => a + b, 0)).toBe(x.exc_spikes)
      expect(x.spike_counts.slice(360).reduce((a, b) => a + b, 0)).toBe(x.inh_spikes)
      expect(x.termination_time_s).toBeGreaterThanOrEqual(0)
      expect(x.termination_time_s).toBeLessThanOrEqual(3.75)
    }
    // The thesis: normal keeps the bump for the whole delay, mu_exc 0.97 ends it early.
    expect(results.runs[0].termination_time_s).toBe(3.75)
    expect(results.runs[1].termination_time_s).toBeLessThan(3.75)
    const files = readdirSync(out).sort()
    expect(files).toEqual(['conditions.csv', 'decreased-serotonin.gif', 'increased-serotonin.gif', 'inputs', 'normal.gif', 'results.json', 'ro-crate-metadata.json', 'runs.csv', 'slightly-decreased-serotonin.gif'])
    const gif = new GifReader(readFileSync(join(out, 'normal.gif')))
    expect([gif.width, gif.height, gif.numFrames()]).toEqual([1200, 600, 50])
    const csv = readFileSync(join(out, 'runs.csv'), 'utf8').split('\r\n')
    expect(csv[0]).toMatch(/^run_id,condition,repetition,mu_exc,mu_inh,seed,orientation_deg,input_mode,termination_time_s/)
    expect(csv.filter(Boolean)).toHaveLength(5)
  })

  it('runs an experiment file: repetitions, fast mode, statistics against the control', () => {
    const out = mkdtempSync(join(tmpdir(), 'sat-cli-'))
    const r = run([join(root, 'resources/examples/quick-fast-mode.experiment.yaml'), '--out', out, '--threads', '2', '--gifs', 'none', '--quiet'])
    expect(r.code).toBe(0)
    const results = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8')) as ResultsJson
    expect(results.runs).toHaveLength(6)
    expect(new Set(results.runs.map((x) => x.input_mode))).toEqual(new Set(['fast']))
    expect(results.runs.map((x) => x.seed).slice(0, 3)).toEqual([42, 43, 44])
    expect(readdirSync(out).filter((f) => f.endsWith('.gif'))).toHaveLength(0)
    const conditions = readFileSync(join(out, 'conditions.csv'), 'utf8')
    expect(conditions).toMatch(/welch_p_vs_control/)
    // Provenance names the experiment file by its bytes; the crate keeps a copy of it as the run's input.
    const file = join(root, 'resources/examples/quick-fast-mode.experiment.yaml')
    const sha = createHash('sha256').update(readFileSync(file)).digest('hex')
    const raw = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8')) as { experiment: { sha256: string }; runs: Array<{ provenance: { experiment_sha256: string; input_mode: string } }> }
    expect(raw.experiment.sha256).toBe(sha)
    expect(new Set(raw.runs.map((x) => x.provenance.experiment_sha256))).toEqual(new Set([sha]))
    expect(raw.runs[0].provenance.input_mode).toBe('fast')
    expect(readFileSync(join(out, 'inputs/quick-fast-mode.experiment.yaml'))).toEqual(readFileSync(file))
    expect(readFileSync(join(out, 'ro-crate-metadata.json'), 'utf8')).toContain('"@id": "inputs/quick-fast-mode.experiment.yaml"')
  })

  it('bad input: one clear message, no stack trace, nothing written', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sat-cli-bad-'))
    const out = join(dir, 'out')
    const missing = run([join(dir, 'nope.yaml'), '--out', out])
    expect(missing.code).toBe(1)
    expect(missing.stderr.trim()).toMatch(/^Experiment file not found: .*nope\.yaml$/)

    const bad = join(dir, 'bad.yaml')
    writeFileSync(bad, 'format: serotonin-experiment\nconditions:\n  - name: a\n    mu_exc: .nan\n')
    const r = run([bad, '--out', out])
    expect(r.code).toBe(1)
    expect(r.stderr).toMatch(/bad\.yaml.*line 4/)
    expect(r.stderr).not.toMatch(/\n\s+at /)

    const missingSet = join(dir, 'missing-set.yaml')
    writeFileSync(missingSet, 'format: serotonin-experiment\nparameter_sets:\n  default: {}\nconditions:\n  - name: a\n    parameter_set: other\n')
    const r2 = run([missingSet, '--out', out])
    expect(r2.code).toBe(1)
    expect(r2.stderr).toMatch(/parameter set 'other', which the file does not define/)

    const usage = run(['--threads', 'many'])
    expect(usage.code).toBe(2)
    expect(usage.stderr).toMatch(/--threads must be a whole number/)
    expect(() => readdirSync(out)).toThrow()
  })
})
