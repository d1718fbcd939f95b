import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { parseExperimentYaml, toExperimentYaml } from '../../src-shared/experiment/experiment-yaml'
import { ExperimentFileError } from '../../src-shared/experiment/errors'
import { expandRuns } from '../../src-shared/experiment/expand'
import { notebookExperiment, sweepExperiment } from '../../src-shared/experiment/presets'
import type { ExperimentSpec } from '../../src-shared/experiment/types'
import { defaultParameterSet } from '../../src-shared/params/schema'
import { toCombinedYaml } from '../../src-shared/params/yaml-io'
import { conditionGuard, experimentGuard, gifSettingsGuard } from '../../src-shared/ipc/payloads'

const examplesDir = fileURLToPath(new URL('../../resources/examples/', import.meta.url))
const example = (name: string): string => readFileSync(examplesDir + name, 'utf8')

/** Runs `fn`, expects an ExperimentFileError and returns it. */
function failure(fn: () => unknown): ExperimentFileError {
  try {
    fn()
  } catch (e) {
    if (e instanceof ExperimentFileError) return e
    throw e
  }
  throw new Error('expected an ExperimentFileError')
}

/** Parses `text` as exp.yaml, expecting failure; returns the error. */
function reject(text: string, resolveInclude?: (rel: string) => string | undefined): ExperimentFileError {
  return failure(() => parseExperimentYaml(text, 'exp.yaml', resolveInclude))
}

/** 1-based line of the first line of `text` containing `needle`. */
function lineOf(text: string, needle: string): number {
  const i = text.split('\n').findIndex((l) => l.includes(needle))
  if (i < 0) throw new Error(`'${needle}' not in text`)
  return i + 1
}

const HEAD = 'format: serotonin-experiment\nversion: 1\nname: Test\n'

/** A small valid experiment; `sets` and `conditions` are YAML blocks placed under their keys. */
function doc(sets: string, conditions: string, tail = ''): string {
  return `${HEAD}parameter_sets:\n${sets}conditions:\n${conditions}${tail}`
}

const ONE_SET = '  default: {}\n'
const ONE_CONDITION = '  - name: normal\n    mu_exc: 1\n    mu_inh: 1\n    orientation: 100\n    seed: 42\n    repetitions: 1\n'

describe('example files', () => {
  it('the notebook example equals notebookExperiment()', () => {
    const exp = parseExperimentYaml(example('notebook-four-conditions.experiment.yaml'), 'notebook-four-conditions.experiment.yaml')
    expect(exp).toStrictEqual(notebookExperiment())
    const runs = expandRuns(exp)
    expect(runs.map((r) => r.runId)).toEqual(['normal#1', 'increased serotonin#1', 'slightly decreased serotonin#1', 'decreased serotonin#1'])
    for (const r of runs) {
      expect(r.seed).toBe(42)
      expect(r.params.stimulus.orientation_deg).toBe(100)
      expect(r.inputMode).toBe('exact')
      expect(r.params.termination.burst_threshold_hz).toBe(100)
    }
    expect(runs[3].params.serotonin).toEqual({ mu_exc: 1.02, mu_inh: 1.02 })
  })

  it('the sweep example has 7 x 30 runs, seeds 1001..1030 per condition, random orientation, 80 Hz bursts', () => {
    const exp = parseExperimentYaml(example('sweep-mu-exc.experiment.yaml'), 'sweep.yaml')
    expect(exp).toStrictEqual(sweepExperiment())
    const runs = expandRuns(exp)
    expect(runs).toHaveLength(210)
    const seeds = Array.from({ length: 30 }, (_, r) => 1001 + r)
    const mus = [0.97, 0.98, 0.99, 1, 1.01, 1.02, 1.03]
    mus.forEach((mu, k) => {
      const own = runs.filter((r) => r.condition === exp.conditions[k].name)
      expect(own.map((r) => r.seed)).toEqual(seeds)
      for (const r of own) {
        expect(r.params.serotonin).toEqual({ mu_exc: mu, mu_inh: 1 })
        expect(r.orientation).toBe('random')
        expect(r.params.termination.burst_threshold_hz).toBe(80)
      }
    })
    expect(exp.control).toBe('mu_exc 1.00')
  })

  it('the quick example runs 2 x 3 two-second runs in fast mode', () => {
    const exp = parseExperimentYaml(example('quick-fast-mode.experiment.yaml'), 'quick.yaml')
    const runs = expandRuns(exp)
    expect(runs).toHaveLength(6)
    expect(runs.map((r) => r.seed)).toEqual([42, 43, 44, 42, 43, 44])
    for (const r of runs) {
      expect(r.inputMode).toBe('fast')
      expect(r.params.simulation.duration_s).toBe(2)
      expect(r.params.stimulus.t_off_s).toBeLessThanOrEqual(2)
    }
    expect(exp.control).toBe('normal')
    expect(exp.gif).toBeUndefined()
  })

  it('every example passes the IPC experiment guard', () => {
    for (const f of ['notebook-four-conditions', 'sweep-mu-exc', 'quick-fast-mode']) {
      const exp = parseExperimentYaml(example(`${f}.experiment.yaml`), f)
      expect(() => experimentGuard.check(exp, 'experiment')).not.toThrow()
    }
  })
})

describe('docs/experiment-format.md', () => {
  it('its full example parses, with the include resolved beside it', () => {
    const md = readFileSync(fileURLToPath(new URL('../../docs/experiment-format.md', import.meta.url)), 'utf8')
    const block = /## A full example\n+```yaml\n([\s\S]*?)```/.exec(md)
    expect(block).not.toBeNull()
    const included = defaultParameterSet()
    included.synaptic_weights.j_ee = 1.1
    const exp = parseExperimentYaml(block![1], 'doc.experiment.yaml', (rel) => (rel === 'params/combined.yaml' ? toCombinedYaml(included) : undefined))
    expect(Object.keys(exp.parameterSets)).toEqual(['default', 'fast_and_small', 'from_file'])
    expect(exp.parameterSets.fast_and_small.network).toEqual({ Ne: 180, Ni: 45 })
    expect(exp.parameterSets.from_file.synaptic_weights.j_ee).toBe(1.1)
    expect(exp.conditions.map((c) => c.name)).toEqual(['normal', 'increased serotonin', 'small network', 'from file'])
    expect(expandRuns(exp)).toHaveLength(1 + 1 + 10 + 1)
  })
})

describe('round trip', () => {
  it('toExperimentYaml -> parseExperimentYaml gives back the notebook and the sweep', () => {
    for (const exp of [notebookExperiment(), sweepExperiment(), sweepExperiment(3)]) {
      const text = toExperimentYaml(exp)
      expect(text.startsWith('#')).toBe(true)
      expect(parseExperimentYaml(text, 'x.yaml')).toStrictEqual(exp)
    }
  })

  it('keeps several sets, changed parameters of every kind, awkward names and no control/gif', () => {
    const fast = defaultParameterSet()
    fast.simulation.input_mode = 'fast'
    fast.network.Ne = 180
    fast.network.Ni = 45
    fast.external_input.v_e = 0.0011
    fast.RS.c = -65.5
    const exp: ExperimentSpec = {
      name: 'Odd: names, "quotes" # and all',
      parameterSets: { default: defaultParameterSet(), 'fast: small': fast, true: defaultParameterSet() },
      conditions: [
        { name: 'normal', parameterSet: 'default', mu_exc: 1, mu_inh: 1, orientation: 0, seed: 0, repetitions: 1 },
        { name: '1.00', parameterSet: 'fast: small', mu_exc: 0.1 + 0.2, mu_inh: 1e-7, orientation: 359.5, seed: 4294967295, repetitions: 1 },
        { name: " it's - #odd, {x}", parameterSet: 'true', mu_exc: 10, mu_inh: 0, orientation: 'random', seed: 7, repetitions: 10000 },
        { name: 'null', parameterSet: 'default', mu_exc: 1.02, mu_inh: 1.02, orientation: 12.25, seed: 1, repetitions: 2 },
        { name: 'αβγ ünïcode', parameterSet: 'default', mu_exc: 1, mu_inh: 1, orientation: 1, seed: 1, repetitions: 1 }
      ]
    }
    const text = toExperimentYaml(exp)
    const back = parseExperimentYaml(text, 'odd.yaml')
    expect(back).toStrictEqual(exp)
    expect(toExperimentYaml(back)).toBe(text)
  })

  it('writes only the parameters that differ from the defaults', () => {
    const text = toExperimentYaml(sweepExperiment())
    expect(text).toMatch(/burst_threshold_hz: 80\b/)
    expect(text).not.toMatch(/tau_ampa/)
    expect(toExperimentYaml(notebookExperiment())).toMatch(/^ {2}default: \{\}$/m)
  })
})

describe('defaults and conveniences', () => {
  it('parameter_set may be left out with one set; omitted condition values come from the set', () => {
    const text = doc('  only:\n    serotonin: { mu_exc: 1.01 }\n    simulation: { seed: 5 }\n    stimulus: { orientation_deg: 45 }\n', '  - name: a\n')
    const exp = parseExperimentYaml(text, 'e.yaml')
    expect(exp.conditions).toEqual([{ name: 'a', parameterSet: 'only', mu_exc: 1.01, mu_inh: 1, orientation: 45, seed: 5, repetitions: 1 }])
  })

  it('without parameter_sets, conditions use an all-default set called default; an empty set is the defaults too', () => {
    const a = parseExperimentYaml(`${HEAD}conditions:\n${ONE_CONDITION}`, 'e.yaml')
    expect(a.parameterSets).toEqual({ default: defaultParameterSet() })
    expect(a.conditions[0].parameterSet).toBe('default')
    const b = parseExperimentYaml(doc('  default:\n', ONE_CONDITION), 'e.yaml')
    expect(b.parameterSets.default).toEqual(defaultParameterSet())
  })

  it('a missing name comes from the file name; gif keys left out take the defaults', () => {
    const text = `format: serotonin-experiment\nconditions:\n${ONE_CONDITION}gif: { frames: 80 }\n`
    const exp = parseExperimentYaml(text, 'dir/my-run.experiment.yaml')
    expect(exp.name).toBe('my-run')
    expect(exp.gif).toEqual({ width: 1200, height: 600, frames: 80, frame_ms: 100, mode: 'accumulate' })
    expect(exp.control).toBeUndefined()
  })

  it('reads a parameter set from a combined file through resolveInclude', () => {
    const params = defaultParameterSet()
    params.network.Ne = 200
    const asked: string[] = []
    const text = doc('  from_file:\n    file: params/combined.yaml\n', ONE_CONDITION)
    const exp = parseExperimentYaml(text, 'e.yaml', (rel) => {
      asked.push(rel)
      return rel === 'params/combined.yaml' ? toCombinedYaml(params) : undefined
    })
    expect(asked).toEqual(['params/combined.yaml'])
    expect(exp.parameterSets.from_file).toEqual(params)
  })
})

describe('rejections', () => {
  it('YAML syntax errors carry line and column', () => {
    const text = `${HEAD}conditions:\n  - name: [normal\n    mu_exc: 1\n`
    const e = reject(text)
    expect(e.errors[0].message).toMatch(/YAML syntax error/)
    expect(e.errors[0].line).toBeGreaterThanOrEqual(5)
    expect(e.errors[0].column).toBeGreaterThan(0)
    expect(e.message).toMatch(/^exp\.yaml, line \d+: YAML syntax error/)
  })

  it('duplicate keys (e.g. two sets of one name) are syntax errors with their line', () => {
    const text = doc('  a: {}\n  a: {}\n', ONE_CONDITION)
    const e = reject(text)
    expect(e.errors[0].message).toMatch(/duplicated mapping key/)
    expect(e.errors[0].line).toBe(lineOf(text, '  a: {}') + 1)
  })

  it('alias bombs and aliases in general are refused', () => {
    const bomb = [
      'format: serotonin-experiment',
      'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]',
      'b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]',
      'c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]',
      'd: [*c,*c,*c,*c,*c,*c,*c,*c,*c]'
    ].join('\n')
    const e = reject(bomb)
    expect(e.errors).toHaveLength(1)
    expect(e.errors[0].message).toMatch(/aliases \(\*name\) are not allowed/)
    expect(e.errors[0].line).toBe(3)
  })

  it('files over 1 MB, empty files and non-mappings are refused', () => {
    expect(reject(`${HEAD}# ${'x'.repeat(1_000_001)}\n`).message).toMatch(/limited to 1000000 \(1 MB\)/)
    expect(reject('').message).toMatch(/exp\.yaml is empty/)
    expect(reject('- a\n- b\n').message).toMatch(/not a list/)
  })

  it('a missing or wrong format marker, and a parameter file given as an experiment', () => {
    expect(reject(`name: x\nconditions:\n${ONE_CONDITION}`).message).toMatch(/add the line "format: serotonin-experiment"/)
    const wrong = reject(`format: serotonin-params\nconditions:\n${ONE_CONDITION}`)
    expect(wrong.errors[0]).toMatchObject({ line: 1, path: 'format' })
    expect(wrong.errors[0].message).toMatch(/'serotonin-params' is not "serotonin-experiment"/)
    const params = reject(toCombinedYaml(defaultParameterSet()))
    expect(params.errors).toHaveLength(1)
    expect(params.message).toMatch(/looks like a parameter file .*RS/)
  })

  it('a newer or unknown version', () => {
    expect(reject(doc(ONE_SET, ONE_CONDITION).replace('version: 1', 'version: 2')).errors[0].message).toMatch(/newer version of the workbench/)
    expect(reject(doc(ONE_SET, ONE_CONDITION).replace('version: 1', 'version: "1"')).errors[0]).toMatchObject({ line: 2, path: 'version' })
  })

  it('unknown top-level keys with a suggestion, and parameters at the top level', () => {
    const text = doc(ONE_SET, ONE_CONDITION, 'contrl: normal\nsimulation: { input_mode: fast }\nrepetitions: 3\n')
    const e = reject(text)
    expect(e.errors.map((x) => x.message)).toEqual([
      "Unknown key 'contrl' at the top level: did you mean 'control'?",
      expect.stringMatching(/^'simulation' is a parameter group: .*parameter set/),
      expect.stringMatching(/^'repetitions' is a setting of each condition/)
    ])
    expect(e.errors[0].line).toBe(lineOf(text, 'contrl'))
    expect(e.message).toBe(`exp.yaml has 3 problems; the first is at line ${lineOf(text, 'contrl')}: Unknown key 'contrl' at the top level: did you mean 'control'?`)
  })

  it('unknown condition keys with a suggestion, and parameters inside a condition', () => {
    const text = doc(ONE_SET, '  - name: normal\n    mu_ex: 1\n    duration_s: 2\n    parameterSet: default\n')
    const e = reject(text)
    const line = lineOf(text, '- name: normal')
    expect(e.errors[0]).toMatchObject({ line: line + 1, path: 'conditions[0].mu_ex', message: `Condition 'normal' (line ${line}) has no setting 'mu_ex': did you mean 'mu_exc'?` })
    expect(e.errors[1].message).toMatch(/sets 'duration_s', a parameter \(simulation\.duration_s\)/)
    expect(e.errors[2].message).toMatch(/did you mean 'parameter_set'\?/)
  })

  it('a condition using a set the file does not define', () => {
    const text = doc(ONE_SET, '  - name: x\n    parameter_set: fast\n')
    const e = reject(text)
    const line = lineOf(text, '- name: x')
    expect(e.errors).toHaveLength(1)
    expect(e.errors[0].message).toBe(`Condition 'x' (line ${line}) uses parameter set 'fast', which the file does not define (it defines: default).`)
    expect(e.errors[0].line).toBe(line + 1)
  })

  it('with several sets, every condition must name one', () => {
    const e = reject(doc('  a: {}\n  b: {}\n', '  - name: x\n'))
    expect(e.errors[0].message).toMatch(/does not say which parameter set it uses: add "parameter_set:" with one of a, b/)
  })

  it('wrong types, NaN and infinity, out-of-range and non-integer values, each at its own line', () => {
    const cond = [
      '  - name: x',
      '    mu_exc: "1.01"',
      '    mu_inh: .nan',
      '    orientation: 360',
      '    seed: -.inf',
      '    repetitions: 2.5',
      '  - name: y',
      '    mu_exc: 11',
      '    mu_inh: true',
      '    orientation: randon',
      '    seed: 4294967290',
      '    repetitions: 30',
      ''
    ].join('\n')
    const text = doc(ONE_SET, cond)
    const e = reject(text)
    const at = (needle: string): number => lineOf(text, needle)
    expect(e.errors.map((x) => [x.line, x.message])).toEqual([
      [at('"1.01"'), `Condition 'x': mu_exc = "1.01" is text, not a number: remove the quotes`],
      [at('.nan'), `Condition 'x': mu_inh is NaN (not a number): it must be a finite number, between 0 and 10`],
      [at('360'), `Condition 'x': orientation = 360 is out of range: must be between 0 and 359.999999 deg`],
      [at('-.inf'), `Condition 'x': seed = -infinity is not a finite number: it must be between 0 and 4294967295`],
      [at('2.5'), `Condition 'x': repetitions = 2.5 must be a whole number (between 1 and 10000)`],
      [at('mu_exc: 11'), `Condition 'y': mu_exc = 11 is out of range: must be between 0 and 10`],
      [at('true'), `Condition 'y': mu_inh = true is a yes/no value, not a number (between 0 and 10)`],
      [at('randon'), `Condition 'y': orientation = 'randon' is neither a number of degrees (between 0 and 359.999999 deg) nor 'random': did you mean 'random'?`]
    ])
  })

  it('seeds of the last repetition beyond the largest seed', () => {
    const e = reject(doc(ONE_SET, '  - name: y\n    seed: 4294967290\n    repetitions: 30\n'))
    expect(e.errors[0].message).toBe(`Condition 'y': seed 4294967290 with 30 repetitions would use seeds up to 4294967319, above the largest seed 4294967295`)
  })

  it('names: unique, text, present', () => {
    const text = doc(ONE_SET, '  - name: a\n  - name: a\n  - name: 12\n  - mu_exc: 1\n')
    const e = reject(text)
    const l = (i: number): number => lineOf(text, '  - ') + i
    expect(e.errors.map((x) => x.message)).toEqual([
      `Two conditions are named 'a' (lines ${l(0)} and ${l(1)}); condition names must be unique`,
      `Condition 3: its name must be text, not 12: put it in quotes ("12")`,
      `Condition 4 (line ${l(3)}) has no name: every condition needs one (name: ...)`
    ])
  })

  it('control must name a condition', () => {
    const text = doc(ONE_SET, ONE_CONDITION, 'control: norml\n')
    const e = reject(text)
    expect(e.errors[0]).toMatchObject({ line: lineOf(text, 'control:'), path: 'control' })
    expect(e.errors[0].message).toBe(`control = 'norml' names no condition: did you mean 'normal'? (the conditions are normal)`)
  })

  it('an empty, missing or mis-shaped conditions list', () => {
    expect(reject(`${HEAD}parameter_sets:\n${ONE_SET}`).message).toMatch(/has no conditions/)
    expect(reject(doc(ONE_SET, '')).message).toMatch(/conditions is empty/)
    expect(reject(`${HEAD}conditions:\n  normal: { mu_exc: 1 }\n`).message).toMatch(/must be a list of conditions, not a group of values: start each condition with "- name: \.\.\."/)
  })

  it('gif settings: ranges, unknown keys and modes', () => {
    const text = doc(ONE_SET, ONE_CONDITION, 'gif:\n  width: 50\n  frame: 10\n  mode: slidng\n')
    const e = reject(text)
    expect(e.errors.map((x) => [x.line, x.message])).toEqual([
      [lineOf(text, 'width: 50'), 'gif.width = 50 is out of range: must be between 100 and 4000 px'],
      [lineOf(text, 'frame: 10'), "gif has no setting 'frame': did you mean 'frames'?"],
      [lineOf(text, 'mode: slidng'), "gif.mode = 'slidng' is not an option: must be 'accumulate' or 'sliding'; did you mean 'sliding'?"]
    ])
  })
})

describe('parameter-set errors point at the offending key of the experiment file', () => {
  it('range, unknown key, unknown group, wrong type and enum errors', () => {
    const sets = [
      '  fast_and_small:',
      '    simulation: { input_mode: quick }',
      '    network:',
      '      Ne: 0',
      '      Nee: 4',
      '    netwrk: { Ne: 10 }',
      '    RS: { C: "100" }',
      ''
    ].join('\n')
    const text = doc(sets, ONE_CONDITION)
    const e = reject(text)
    const byPath = Object.fromEntries(e.errors.map((x) => [x.path, x]))
    expect(byPath['parameter_sets.fast_and_small.simulation.input_mode']).toMatchObject({
      line: lineOf(text, 'input_mode: quick'),
      message: expect.stringMatching(/^Parameter set 'fast_and_small': simulation\.input_mode = "quick" is not an option/)
    })
    expect(byPath['parameter_sets.fast_and_small.network.Ne']).toMatchObject({ line: lineOf(text, 'Ne: 0'), message: expect.stringMatching(/network\.Ne = 0 is out of range: must be between 1 and 5000/) })
    expect(byPath['parameter_sets.fast_and_small.network.Nee']).toMatchObject({ line: lineOf(text, 'Nee: 4'), message: expect.stringMatching(/did you mean 'Ne'\?/) })
    expect(byPath['parameter_sets.fast_and_small.netwrk']).toMatchObject({ line: lineOf(text, 'netwrk'), message: expect.stringMatching(/did you mean 'network'\?/) })
    expect(byPath['parameter_sets.fast_and_small.RS.C']).toMatchObject({ line: lineOf(text, 'C: "100"'), message: expect.stringMatching(/remove the quotes/) })
    // Errors come in file order.
    const lines = e.errors.map((x) => x.line ?? 0)
    expect(lines).toEqual([...lines].sort((a, b) => a - b))
  })

  it('cross-field errors on a defaulted key point at the nearest key that is written', () => {
    const text = doc('  short:\n    simulation:\n      duration_s: 1\n', ONE_CONDITION)
    const e = reject(text)
    expect(e.errors).toHaveLength(1)
    expect(e.errors[0].message).toMatch(/^Parameter set 'short': stimulus\.t_off_s = 1\.25 s is after the end of the run/)
    expect(e.errors[0].line).toBe(lineOf(text, '  short:'))
  })

  it('a set that is not a mapping, or mixes file: with groups', () => {
    const text = doc('  a: 5\n  b:\n    file: p.yaml\n    network: { Ne: 10 }\n', '  - name: x\n    parameter_set: a\n')
    const e = reject(text, () => '')
    expect(e.errors[0]).toMatchObject({ line: lineOf(text, '  a: 5'), message: expect.stringMatching(/Parameter set 'a' must hold parameter groups .*not 5/) })
    expect(e.errors[1]).toMatchObject({ line: lineOf(text, 'network: { Ne'), message: expect.stringMatching(/has both "file:" and 'network'/) })
  })

  it('includes: unavailable, missing, absolute, and errors inside the included file', () => {
    const text = doc('  from_file:\n    file: params/combined.yaml\n', ONE_CONDITION)
    const fileLine = lineOf(text, 'file: params')
    const none = reject(text)
    expect(none.errors[0]).toMatchObject({ line: fileLine, message: expect.stringMatching(/includes are not available here/) })
    expect(reject(text, () => undefined).errors[0].message).toMatch(/params\/combined\.yaml, which was not found \(the path is relative to the experiment file\)/)
    expect(reject(text.replace('params/', '/etc/'), () => 'x: 1').errors[0].message).toMatch(/is an absolute path/)
    const bad = reject(text, () => 'network:\n  Ne: 0\n')
    expect(bad.errors[0]).toMatchObject({ line: fileLine })
    expect(bad.errors[0].message).toMatch(/^Parameter set 'from_file' reads params\/combined\.yaml, line 2: network\.Ne = 0 is out of range/)
    const threw = reject(text, () => {
      throw new Error('EACCES: permission denied')
    })
    expect(threw.errors[0].message).toMatch(/could not be read \(EACCES: permission denied\)/)
  })
})

describe('limits match the IPC guards', () => {
  const base = { name: 'x', parameterSet: 'default', mu_exc: 1, mu_inh: 1, orientation: 100, seed: 1, repetitions: 1 }
  const cases: Array<[string, number | string]> = [
    ['mu_exc', 0], ['mu_exc', 10], ['mu_exc', -0.001], ['mu_exc', 10.001],
    ['orientation', 0], ['orientation', 359.999999], ['orientation', 359.9999995], ['orientation', -1],
    ['seed', 0], ['seed', 4294967295], ['seed', 4294967296], ['seed', 1.5],
    ['repetitions', 1], ['repetitions', 10000], ['repetitions', 0], ['repetitions', 10001]
  ]
  it.each(cases)('condition %s = %s: the file and conditionGuard agree', (key, value) => {
    const c = { ...base, [key]: value }
    let guardOk = true
    try {
      conditionGuard.check(c, 'c')
    } catch {
      guardOk = false
    }
    const yaml = `${HEAD}conditions:\n  - { name: x, mu_exc: ${c.mu_exc}, mu_inh: 1, orientation: ${c.orientation}, seed: ${c.seed}, repetitions: ${c.repetitions} }\n`
    let fileOk = true
    try {
      parseExperimentYaml(yaml, 'e.yaml')
    } catch (e) {
      if (!(e instanceof ExperimentFileError)) throw e
      fileOk = false
    }
    expect(fileOk).toBe(guardOk)
  })

  it.each([['width', 99], ['width', 100], ['height', 4000], ['height', 4001], ['frames', 0], ['frames', 1000], ['frame_ms', 9], ['frame_ms', 10000]] as Array<[string, number]>)(
    'gif %s = %s: the file and gifSettingsGuard agree',
    (key, value) => {
      const gif = { width: 1200, height: 600, frames: 50, frame_ms: 100, mode: 'accumulate', [key]: value }
      let guardOk = true
      try {
        gifSettingsGuard.check(gif, 'gif')
      } catch {
        guardOk = false
      }
      let fileOk = true
      try {
        parseExperimentYaml(doc(ONE_SET, ONE_CONDITION, `gif: { ${key}: ${value} }\n`), 'e.yaml')
      } catch (e) {
        if (!(e instanceof ExperimentFileError)) throw e
        fileOk = false
      }
      expect(fileOk).toBe(guardOk)
    }
  )
})
