import { describe, expect, it } from 'vitest'
import { parseExperimentYaml, toExperimentYaml } from '../../src-shared/experiment/experiment-yaml'
import { axisRange } from '../../src-shared/experiment/grid'
import { expandRuns } from '../../src-shared/experiment/expand'
import { detectGrid, gridConditionsOf, gridCsv } from '../../src-shared/report/grid-report'
import { buildReport } from '../../src-shared/report/experiment-report'
import type { RunRecord } from '../../src-shared/ipc/contract'
import type { ExperimentSpec } from '../../src-shared/experiment/types'
import type { RunSummary } from '../../src-shared/analysis/summary'
import { inputKey, inputSpecOf } from '../../src-shared/engine/input-spec'

const head = 'format: serotonin-experiment\nversion: 1\nname: g\n'
const parse = (body: string) => parseExperimentYaml(head + body, 'g.experiment.yaml')

/** The message parsing `body` fails with. */
function bad(body: string): string {
  try {
    parse(body)
  } catch (e) {
    return (e as Error).message
  }
  throw new Error('no error')
}

/** The experiment's runs as finished records whose termination time is their index. */
function runsWithTermination(exp: ExperimentSpec, orientationDeg: number) {
  return expandRuns(exp).map((r, i) => ({
    record: { runId: r.runId, condition: r.condition, rep: r.rep, seed: r.seed, mu_exc: r.params.serotonin.mu_exc, mu_inh: r.params.serotonin.mu_inh, orientationDeg, inputMode: 'exact', elapsedMs: 1, summary: { termination_time_s: i } as unknown as RunSummary } as RunRecord,
    counts: []
  }))
}

describe('grid: in experiment files', () => {
  it('expands [start, stop, step] x list into one condition per cell with paired seeds', () => {
    const exp = parse('grid:\n  mu_exc: [0.97, 1.03, 0.005]\n  mu_inh: [0.98, 1, 1.02]\n  repetitions: 30\n  seed: 1001\n  orientation: random\n')
    expect(exp.conditions).toHaveLength(13 * 3)
    expect(exp.conditions.slice(0, 4).map((c) => [c.name, c.mu_exc, c.mu_inh])).toEqual([
      ['mu_exc 0.97, mu_inh 0.98', 0.97, 0.98], ['mu_exc 0.97, mu_inh 1', 0.97, 1], ['mu_exc 0.97, mu_inh 1.02', 0.97, 1.02], ['mu_exc 0.975, mu_inh 0.98', 0.975, 0.98]
    ])
    expect(exp.conditions.at(-1)!.mu_exc).toBe(1.03)
    const runs = expandRuns(exp)
    expect(runs).toHaveLength(13 * 3 * 30)
    // Paired: repetition r has seed 1001 + r in every cell.
    for (const r of runs) expect(r.seed).toBe(1001 + r.rep)
    expect(new Set(exp.conditions.map((c) => c.orientation))).toEqual(new Set(['random']))
  })

  it('a 21 x 21 grid, { from, to, step }, and the defaults of the parameter set', () => {
    const exp = parse('parameter_sets:\n  quick: { simulation: { seed: 5, input_mode: fast } }\ngrid:\n  mu_exc: { from: 0.97, to: 1.03, step: 0.003 }\n  mu_inh: [0.97, 1.03, 0.003]\n')
    expect(exp.conditions).toHaveLength(441)
    expect(exp.conditions.every((c) => c.seed === 5 && c.repetitions === 1 && c.parameterSet === 'quick' && c.orientation === 100)).toBe(true)
    expect(detectGrid(gridConditionsOf(exp))?.values[0]).toEqual(axisRange(0.97, 1.03, 0.003))
    expect(axisRange(0.97, 1.03, 0.003)).toHaveLength(21)
    expect(axisRange(0.97, 1.03, 0.003)[7]).toBe(0.991)
  })

  it('ascending lists of three are values; grid and conditions combine; writing and reading back gives the same experiment', () => {
    const exp = parse('conditions:\n  - { name: ref, mu_exc: 1, mu_inh: 1 }\ngrid: { mu_exc: [0.97, 0.98, 0.99], mu_inh: [1, 1.01] }\ncontrol: ref\n')
    expect(exp.conditions.map((c) => c.name)).toEqual([
      'ref', 'mu_exc 0.97, mu_inh 1', 'mu_exc 0.97, mu_inh 1.01', 'mu_exc 0.98, mu_inh 1', 'mu_exc 0.98, mu_inh 1.01', 'mu_exc 0.99, mu_inh 1', 'mu_exc 0.99, mu_inh 1.01'
    ])
    expect(parseExperimentYaml(toExperimentYaml(exp), 'back.yaml')).toEqual(exp)
    expect(detectGrid(gridConditionsOf(exp))).toBeUndefined() // 'ref' (1, 1) makes it not a full grid
    expect(detectGrid(gridConditionsOf({ ...exp, conditions: exp.conditions.slice(1) }))?.names).toEqual([
      'mu_exc 0.97, mu_inh 1', 'mu_exc 0.97, mu_inh 1.01', 'mu_exc 0.98, mu_inh 1', 'mu_exc 0.98, mu_inh 1.01', 'mu_exc 0.99, mu_inh 1', 'mu_exc 0.99, mu_inh 1.01'
    ])
  })

  it('bad grids: one message each, with the line', () => {
    expect(bad('grid:\n  mu_exc: [1.03, 0.97, 0.01]\n  mu_inh: [1]\n')).toMatch(/grid\.mu_exc/)
    expect(bad('grid:\n  mu_exc: { from: 0.9, to: 1.1, step: 0.0001 }\n  mu_inh: [1]\n')).toMatch(/more than 200 values; use a larger step/)
    expect(bad('grid:\n  mu_exc: [0.9, 1]\n')).toMatch(/grid needs at least two axes out of mu_exc, mu_inh, stimulus_A .*; it has only mu_exc/)
    expect(bad('grid:\n  mu_exc: [0.9, 1]\n  mu_inh: [1, 1]\n')).toMatch(/lists a value twice/)
    expect(bad('grid:\n  mu_exc: [0.9, 1]\n  mu_inh: [1]\n  reps: 3\n')).toMatch(/line 7.*grid has no setting 'reps'/s)
    expect(bad('grid:\n  mu_exc: { from: 0, to: 10, step: 0.1 }\n  mu_inh: { from: 0, to: 10, step: 0.5 }\n')).toMatch(/101 x 21 = 2121 cells; an experiment may have at most 1000 conditions/)
    expect(bad('grid:\n  mu_exc: [0.9, 1]\n  mu_inh: [1]\n  repetitions: 2.5\n')).toMatch(/grid\.repetitions must be a whole number/)
  })

  it('grid.csv: one row per cell, mean and sd of every measure', () => {
    const exp = parse('grid: { mu_exc: [0.97, 1], mu_inh: [1, 1.01], repetitions: 2 }\n')
    const grid = detectGrid(gridConditionsOf(exp))!
    const runs = runsWithTermination(exp, 100)
    const csv = gridCsv(grid, buildReport(runs), ['termination_time_s']).split('\r\n')
    expect(csv.slice(0, 5)).toEqual([
      'mu_exc,mu_inh,condition,n,termination_time_s_mean,termination_time_s_sd',
      '0.97,1,"mu_exc 0.97, mu_inh 1",2,0.5,0.7071067811865476',
      '0.97,1.01,"mu_exc 0.97, mu_inh 1.01",2,2.5,0.7071067811865476',
      '1,1,"mu_exc 1, mu_inh 1",2,4.5,0.7071067811865476',
      '1,1.01,"mu_exc 1, mu_inh 1.01",2,6.5,0.7071067811865476'
    ])
  })

  it('a stimulus_A axis: one derived parameter set per value, paired seeds, different input trains', () => {
    const exp = parse('parameter_sets:\n  base: { simulation: { seed: 9 } }\ngrid:\n  mu_exc: [0.98, 1.02]\n  stimulus_A: [50, 100, 25]\n  repetitions: 2\n')
    // [50, 100, 25] is not ascending, so it is a range: 50 to 100 in steps of 25.
    expect(exp.conditions.map((c) => [c.name, c.parameterSet, c.mu_exc, c.mu_inh])).toEqual([
      ['mu_exc 0.98, stimulus_A 50', 'base, stimulus_A 50', 0.98, 1], ['mu_exc 0.98, stimulus_A 75', 'base, stimulus_A 75', 0.98, 1], ['mu_exc 0.98, stimulus_A 100', 'base, stimulus_A 100', 0.98, 1],
      ['mu_exc 1.02, stimulus_A 50', 'base, stimulus_A 50', 1.02, 1], ['mu_exc 1.02, stimulus_A 75', 'base, stimulus_A 75', 1.02, 1], ['mu_exc 1.02, stimulus_A 100', 'base, stimulus_A 100', 1.02, 1]
    ])
    expect(Object.keys(exp.parameterSets)).toEqual(['base', 'base, stimulus_A 50', 'base, stimulus_A 75', 'base, stimulus_A 100'])
    expect(exp.parameterSets['base, stimulus_A 75'].stimuli_input.A).toBe(75)
    expect(exp.parameterSets['base, stimulus_A 75'].simulation.seed).toBe(9)
    const runs = expandRuns(exp)
    expect(runs.map((r) => r.seed)).toEqual([9, 10, 9, 10, 9, 10, 9, 10, 9, 10, 9, 10])
    expect(new Set(runs.map((r) => inputKey(inputSpecOf(r.params, r.orientation)))).size).toBe(6) // 3 amplitudes x 2 seeds
    expect(runs[0].params.stimuli_input.A).toBe(50)
    const grid = detectGrid(gridConditionsOf(exp))!
    expect([grid.axes, grid.values]).toEqual([['mu_exc', 'stimulus_A'], [[0.98, 1.02], [50, 75, 100]]])
    expect(grid.names.slice(0, 3)).toEqual(['mu_exc 0.98, stimulus_A 50', 'mu_exc 0.98, stimulus_A 75', 'mu_exc 0.98, stimulus_A 100'])
    expect(parseExperimentYaml(toExperimentYaml(exp), 'back.yaml')).toEqual(exp)
  })

  it('three axes: every combination, the last varying fastest; grid.csv names all three', () => {
    const exp = parse('grid:\n  mu_exc: [0.98, 1]\n  mu_inh: [1, 1.01]\n  stimulus_A: { from: 50, to: 100, step: 50 }\n  orientation: 40\n')
    expect(exp.conditions.map((c) => c.name)).toEqual([
      'mu_exc 0.98, mu_inh 1, stimulus_A 50', 'mu_exc 0.98, mu_inh 1, stimulus_A 100', 'mu_exc 0.98, mu_inh 1.01, stimulus_A 50', 'mu_exc 0.98, mu_inh 1.01, stimulus_A 100',
      'mu_exc 1, mu_inh 1, stimulus_A 50', 'mu_exc 1, mu_inh 1, stimulus_A 100', 'mu_exc 1, mu_inh 1.01, stimulus_A 50', 'mu_exc 1, mu_inh 1.01, stimulus_A 100'
    ])
    expect(exp.conditions.every((c) => c.orientation === 40)).toBe(true)
    const grid = detectGrid(gridConditionsOf(exp))!
    expect(grid.axes).toEqual(['mu_exc', 'mu_inh', 'stimulus_A'])
    const runs = runsWithTermination(exp, 40)
    const csv = gridCsv(grid, buildReport(runs), ['termination_time_s']).split('\r\n')
    expect(csv.slice(0, 3)).toEqual([
      'mu_exc,mu_inh,stimulus_A,condition,n,termination_time_s_mean,termination_time_s_sd',
      '0.98,1,50,"mu_exc 0.98, mu_inh 1, stimulus_A 50",1,0,',
      '0.98,1,100,"mu_exc 0.98, mu_inh 1, stimulus_A 100",1,1,'
    ])
  })

  it('bad stimulus_A axes: which key, which value, which range, which line', () => {
    expect(bad('grid:\n  mu_exc: [0.9, 1]\n  stimulus_A: [50, -5]\n')).toMatch(/line 6.*grid\.stimulus_A: value 2 must be a number of at least 0, not -5/s)
    expect(bad('grid:\n  stimulus_A: [50, 100]\n')).toMatch(/line 4.*grid needs at least two axes .*; it has only stimulus_A/s)
    expect(bad('grid:\n  mu_exc: [1]\n  stimulus_A: "strong"\n')).toMatch(/grid\.stimulus_A must be \[start, stop, step\]/)
    expect(bad('parameter_sets:\n  default: {}\n  "default, stimulus_A 50": {}\ngrid: { mu_exc: [1, 1.01], stimulus_A: [50], parameter_set: default }\n')).toMatch(/line 7.*needs a parameter set named 'default, stimulus_A 50', but the file already defines one/s)
    expect(bad('grid:\n  mu_exc: [0.9, 1, 0.01]\n  mu_inh: [0.9, 1, 0.01]\n  stimulus_A: [0, 100, 10]\n')).toMatch(/grid has 11 x 11 x 11 = 1331 cells; an experiment may have at most 1000 conditions/)
  })
})
