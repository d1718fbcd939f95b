import { describe, expect, it } from 'vitest'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { root } from '../helpers/built'
import { runCli } from '../helpers/run-cli'
import { parseExperimentYaml } from '../../src-shared/experiment/experiment-yaml'

const run = (args: string[]) => runCli(args)

describe('grid experiments in the CLI', () => {
  it('writes grid.csv, one row per cell; shards merged write the same grid.csv', () => {
    const tmp = mkdtempSync(join(tmpdir(), 'sat-grid-'))
    const file = join(tmp, 'g.experiment.yaml')
    writeFileSync(file, [
      'format: serotonin-experiment', 'version: 1', 'name: tiny grid',
      'parameter_sets:', '  default: { simulation: { duration_s: 1.6, input_mode: fast } }',
      'grid: { mu_exc: [0.98, 1.02, 0.02], mu_inh: [0.99, 1.01], repetitions: 2, seed: 3 }', ''
    ].join('\n'))
    const local = join(tmp, 'local')
    expect(run([file, '--out', local, '--gifs', 'none', '--quiet']).code).toBe(0)
    const rows = readFileSync(join(local, 'grid.csv'), 'utf8').trim().split('\r\n')
    expect(rows[0]).toMatch(/^mu_exc,mu_inh,condition,n,termination_time_s_mean,termination_time_s_sd,/)
    expect(rows.slice(1).map((r) => r.split(',').slice(0, 2).join(' '))).toEqual(['0.98 0.99', '0.98 1.01', '1 0.99', '1 1.01', '1.02 0.99', '1.02 1.01'])
    expect(rows.slice(1).every((r) => r.split(',')[4] === '2')).toBe(true)

    const work = join(tmp, 'work')
    for (const k of [1, 2]) expect(run([file, '--shard', `${k}/2`, '--out', work, '--gifs', 'none', '--quiet']).code).toBe(0)
    expect(run(['--collect', work]).code).toBe(0)
    expect(readFileSync(join(work, 'grid.csv'), 'utf8')).toBe(readFileSync(join(local, 'grid.csv'), 'utf8'))
  })

  it('the 21 x 21 example grid reads as 441 conditions', () => {
    const text = readFileSync(join(root, 'resources/examples/grid-mu-exc-mu-inh.experiment.yaml'), 'utf8')
    expect(parseExperimentYaml(text, 'grid.yaml').conditions).toHaveLength(441)
  })
})
