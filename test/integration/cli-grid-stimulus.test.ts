import { describe, expect, it } from 'vitest'
import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { root } from '../helpers/built'
import { runCli } from '../helpers/run-cli'

describe('a 3-axis grid with stimulus strength in the CLI', () => {
  it('runs the example file and writes grid.csv with a column per axis, one row per cell', () => {
    const out = mkdtempSync(join(tmpdir(), 'sat-grid-a-'))
    const r = runCli([join(root, 'resources/examples/grid-stimulus-strength.experiment.yaml'), '--out', out, '--gifs', 'none', '--quiet'])
    expect(r.code, r.stderr).toBe(0)
    const rows = readFileSync(join(out, 'grid.csv'), 'utf8').trim().split('\r\n')
    expect(rows[0]).toMatch(/^mu_exc,mu_inh,stimulus_A,condition,n,termination_time_s_mean,termination_time_s_sd,/)
    expect(rows.slice(1).map((row) => row.split(',').slice(0, 3).join(' '))).toEqual([
      '0.98 1 25', '0.98 1 50', '0.98 1 100', '0.98 1.02 25', '0.98 1.02 50', '0.98 1.02 100',
      '1.02 1 25', '1.02 1 50', '1.02 1 100', '1.02 1.02 25', '1.02 1.02 50', '1.02 1.02 100'
    ])
    expect(rows[1]).toContain('"mu_exc 0.98, mu_inh 1, stimulus_A 25",2,')

    // Paired seeds, and the amplitude really reaches the simulation: the same seed under a
    // stronger stimulus gives more spikes in the stimulus window.
    const results = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8')) as { runs: Array<{ run_id: string; seed: number; parameters: { stimuli_input: { A: number } }; spike_counts: number[] }> }
    const run = (name: string) => results.runs.find((x) => x.run_id === `${name}#1`)!
    const weak = run('mu_exc 1.02, mu_inh 1, stimulus_A 25')
    const strong = run('mu_exc 1.02, mu_inh 1, stimulus_A 100')
    expect([weak.seed, strong.seed]).toEqual([7, 7])
    expect([weak.parameters.stimuli_input.A, strong.parameters.stimuli_input.A]).toEqual([25, 100])
    expect(strong.spike_counts).not.toEqual(weak.spike_counts)
  })
})
