// @vitest-environment jsdom
/**
 * The app's presets are the example files (the CLI runs those): applied to a new project they
 * give the same runs, parameters included (the sweep's 80 Hz burst threshold). Applied over a
 * user's edited set they never change it; imports and presets can go beside what is there.
 */
import { beforeEach, describe, expect, test } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import { installFakeWorkbench } from '../helpers/renderer-fake-workbench'
import { useProjectStore } from '../../src-renderer/stores/project'
import { parseExperimentYaml } from '../../src-shared/experiment/experiment-yaml'
import { expandRuns } from '../../src-shared/experiment/expand'
import type { ExperimentSpec } from '../../src-shared/experiment/types'
import notebookYaml from '../../resources/examples/notebook-four-conditions.experiment.yaml?raw'
import sweepYaml from '../../resources/examples/sweep-mu-exc.experiment.yaml?raw'

const FILES: Record<string, string> = { 'notebook-four-conditions.experiment.yaml': notebookYaml, 'sweep-mu-exc.experiment.yaml': sweepYaml }
const example = (f: string) => parseExperimentYaml(FILES[f], f)

/** What actually runs: every run's condition, seed, orientation and full parameter set. */
function runsOf(exp: ExperimentSpec) {
  return expandRuns(exp).map(({ runId: _, ...r }) => r)
}

beforeEach(() => {
  installFakeWorkbench()
  setActivePinia(createPinia())
})

describe('presets', () => {
  test.each([
    ['notebook', 'notebook-four-conditions.experiment.yaml'],
    ['sweep', 'sweep-mu-exc.experiment.yaml']
  ] as const)('the %s preset runs exactly what %s runs', (preset, file) => {
    const p = useProjectStore()
    p.applyPreset(preset)
    const expected = example(file)
    expect(runsOf(p.experiment())).toEqual(runsOf(expected))
    expect(p.doc.control).toBe(expected.control)
  })

  test("the sweep preset keeps the user's set and adds an 80 Hz copy of it beside", () => {
    const p = useProjectStore()
    p.setParam('default', 'synaptic_weights', 'j_ee', 0.9)
    p.applyPreset('sweep')
    expect(p.doc.parameterSets.default.termination.burst_threshold_hz).toBe(100)
    const set = p.doc.conditions[0].parameterSet
    expect(set).toBe('default (sweep)')
    expect(p.doc.parameterSets[set].termination.burst_threshold_hz).toBe(80)
    expect(p.doc.parameterSets[set].synaptic_weights.j_ee).toBe(0.9)
    // Back to the notebook: its 100 Hz is the user's own set again.
    p.applyPreset('notebook')
    expect(new Set(p.doc.conditions.map((c) => c.parameterSet))).toEqual(new Set(['default']))
  })

  test('asks only over edited conditions, and can add alongside', () => {
    const p = useProjectStore()
    expect(p.presetWouldReplace()).toBe(false)
    p.updateCondition(0, { mu_exc: 0.95 })
    expect(p.presetWouldReplace()).toBe(true)
    p.applyPreset('notebook', 'add')
    expect(p.doc.conditions.map((c) => c.name)).toEqual([
      'normal', 'increased serotonin', 'slightly decreased serotonin', 'decreased serotonin',
      'normal 2', 'increased serotonin 2', 'slightly decreased serotonin 2', 'decreased serotonin 2'
    ])
    expect(p.doc.conditions[0].mu_exc).toBe(0.95)
  })
})

describe('importing an experiment', () => {
  test('a new project is replaced without asking; an edited one can keep its sets and conditions', () => {
    const p = useProjectStore()
    expect(p.importWouldReplace()).toBe(false)
    p.setParam('default', 'RS', 'C', 150)
    expect(p.importWouldReplace()).toBe(true)
    p.importExperiment(example('sweep-mu-exc.experiment.yaml'), 'add')
    // The user's set is untouched; the file's set (80 Hz) differs, so it comes in under a new name.
    expect(p.doc.parameterSets.default.RS.C).toBe(150)
    expect(Object.keys(p.doc.parameterSets)).toEqual(['default', 'default 2'])
    expect(p.doc.parameterSets['default 2'].termination.burst_threshold_hz).toBe(80)
    expect(p.doc.conditions).toHaveLength(4 + 7)
    expect(p.doc.conditions.slice(4).every((c) => c.parameterSet === 'default 2')).toBe(true)
    p.undo()
    expect(p.doc.conditions).toHaveLength(4)
    expect(Object.keys(p.doc.parameterSets)).toEqual(['default'])
  })
})
