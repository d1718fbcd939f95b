/**
 * The early-stopping setting as data: in experiment files (early_stop:), in the experiment and
 * project payloads and run requests (validated), and in saved projects (a stopped run keeps when
 * it stopped).
 */
import { describe, expect, it } from 'vitest'
import { parseExperimentYaml, toExperimentYaml } from '../../src-shared/experiment/experiment-yaml'
import { expandRuns } from '../../src-shared/experiment/expand'
import { experimentGuard, projectDocumentGuard, runRequestGuard } from '../../src-shared/ipc/payloads'
import { serializeProject } from '../../src-shared/project/format'
import { upgradeProject } from '../../src-shared/project/upgrade'
import { stoppedEarlyAt } from '../../src-shared/analysis/early-stop'
import { sampleProject } from '../helpers/project-fixtures'

const head = 'format: serotonin-experiment\nversion: 1\nname: e\nconditions:\n  - { name: a, mu_exc: 1, mu_inh: 1, repetitions: 2 }\n'
const parse = (tail: string) => parseExperimentYaml(head + tail, 'e.experiment.yaml')

describe('early_stop in experiment files', () => {
  it('is off unless the file says true; on, every run request carries it, and writing keeps it', () => {
    expect(parse('').earlyStop).toBeUndefined()
    expect(expandRuns(parse('')).every((r) => !('earlyStop' in r))).toBe(true)
    expect(parse('early_stop: false\n').earlyStop).toBeUndefined()
    const on = parse('early_stop: true\n')
    expect(on.earlyStop).toBe(true)
    expect(expandRuns(on).map((r) => r.earlyStop)).toEqual([true, true])
    const text = toExperimentYaml(on)
    expect(text).toMatch(/^early_stop: true$/m)
    expect(parseExperimentYaml(text, 'back.yaml')).toEqual(on)
    expect(toExperimentYaml(parse(''))).not.toMatch(/^early_stop/m)
  })

  it('anything but true or false is refused with its line', () => {
    expect(() => parse('early_stop: yes\n')).toThrow(/line 6: early_stop must be true or false \(stop each run once its termination time is decided\), not/)
    expect(() => parse('early_stop: 1\n')).toThrow(/line 6: early_stop must be true or false/)
  })
})

describe('early stopping across the IPC boundary', () => {
  const exp = parse('early_stop: true\n')
  const doc = { name: 'p', parameterSets: exp.parameterSets, conditions: exp.conditions, view: {} }

  it('run requests, experiments and project documents accept a yes/no and nothing else', () => {
    const [req] = expandRuns(exp)
    expect(runRequestGuard.check(req, 'req').earlyStop).toBe(true)
    expect(() => runRequestGuard.check({ ...req, earlyStop: 'yes' }, 'req')).toThrow(/req\.earlyStop/)
    expect(experimentGuard.check(exp, 'exp').earlyStop).toBe(true)
    expect(() => experimentGuard.check({ ...exp, earlyStop: 1 }, 'exp')).toThrow(/exp\.earlyStop/)
    expect(projectDocumentGuard.check({ ...doc, earlyStop: true }, 'document').earlyStop).toBe(true)
    expect(projectDocumentGuard.check(doc, 'document').earlyStop).toBeUndefined()
    expect(() => projectDocumentGuard.check({ ...doc, earlyStop: null }, 'document')).toThrow(/document\.earlyStop/)
  })
})

describe('saved projects', () => {
  it('keep the switch and when each stopped run stopped; a bad stop time is refused', () => {
    const project = sampleProject(2, 50)
    project.document = { ...project.document, earlyStop: true }
    project.runs[1] = { ...project.runs[1], summary: { ...project.runs[1].summary, exc_rate_hz: NaN, stopped_early_at_s: 1.8 } as typeof project.runs[1]['summary'] }
    const back = upgradeProject(JSON.parse(serializeProject(project))).project
    expect(back.document.earlyStop).toBe(true)
    expect(stoppedEarlyAt(back.runs[1].summary)).toBe(1.8)
    expect(back.runs[1].summary.exc_rate_hz).toBeNaN()
    expect(stoppedEarlyAt(back.runs[0].summary)).toBeUndefined()
    const bad = JSON.parse(serializeProject(project)) as { runs: Array<{ summary: Record<string, unknown> }> }
    bad.runs[1].summary.stopped_early_at_s = -1
    expect(() => upgradeProject(bad)).toThrow(/runs\[1\]\.summary\.stopped_early_at_s \(run 'run-1'\): expected the time the run stopped early \(s, 0 or more\), got -1/)
  })
})
