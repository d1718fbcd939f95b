import { readFileSync, readdirSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { load } from 'js-yaml'
import { describe, expect, it } from 'vitest'
import { defaultParameterSet } from '../../src-shared/params/schema'
import { ParameterFileError, type ParamError } from '../../src-shared/params/errors'
import {
  MAX_PARAMETER_FILE_CHARS,
  formatYamlNumber,
  parseCombinedYaml,
  parseGroupYaml,
  parseReferenceFiles,
  toCombinedYaml,
  toGroupYaml,
  toReferenceFiles
} from '../../src-shared/params/yaml-io'
import type { ParameterSet } from '../../src-shared/params/types'

const fixtureDir = fileURLToPath(new URL('../fixtures/reference/params/', import.meta.url))
const fixtures: Record<string, string> = Object.fromEntries(
  readdirSync(fixtureDir).filter((f) => f.endsWith('.yaml')).map((f) => [f, readFileSync(fixtureDir + f, 'utf8')])
)

/** Runs `fn`, expects a ParameterFileError and returns it. */
function failure(fn: () => unknown): ParameterFileError {
  try {
    fn()
  } catch (e) {
    if (e instanceof ParameterFileError) return e
    throw e
  }
  throw new Error('expected a ParameterFileError')
}

const RS_TEXT = fixtures['RS.yaml']

function rsWith(line: string, replacement: string): string {
  expect(RS_TEXT).toContain(line)
  return RS_TEXT.replace(line, replacement)
}

describe('reading reference group files', () => {
  it('reads each reference file as published', () => {
    expect(parseGroupYaml(RS_TEXT, 'RS', 'RS.yaml')).toEqual(defaultParameterSet().RS)
    expect(parseGroupYaml(fixtures['stimuli_input.yaml'], 'stimuli_input', 'stimuli_input.yaml')).toEqual({ A: 100, eta: 1000 })
  })

  it('reports a YAML syntax error with file, line and column', () => {
    const e = failure(() => parseGroupYaml('C: 100\na: [0.01,\n', 'RS', 'RS.yaml'))
    expect(e.errors).toHaveLength(1)
    expect(e.errors[0]).toMatchObject({ code: 'syntax', file: 'RS.yaml', line: 3, column: 1 })
    expect(e.errors[0].message).toMatch(/^YAML syntax error: /)
    expect(e.message).toMatch(/^RS\.yaml, line 3: YAML syntax error: .+\.$/)
    const dup = failure(() => parseGroupYaml(RS_TEXT + 'C: 5\n', 'RS', 'RS.yaml'))
    expect(dup.errors[0]).toMatchObject({ code: 'syntax', line: 15, message: expect.stringContaining('duplicated mapping key') })
  })

  it('names an unknown key, its line and the closest known key', () => {
    const e = failure(() => parseGroupYaml(rsWith('v_peak: 50', 'v_peek: 50'), 'RS', 'RS.yaml'))
    const unknown = e.errors.find((x) => x.code === 'unknown-key')
    expect(unknown).toMatchObject({ group: 'RS', key: 'v_peek', line: 9, column: 1, file: 'RS.yaml' })
    expect(unknown?.message).toBe("RS has no parameter 'v_peek': did you mean 'v_peak'?")
    // Renaming a key also leaves the real one missing.
    expect(e.errors.find((x) => x.code === 'missing-key')?.key).toBe('v_peak')
    expect(e.message).toContain('RS.yaml has 2 problems; the first is RS.yaml, line 9:')
  })

  it('rejects wrong types with the line of the key', () => {
    const quoted = failure(() => parseGroupYaml(rsWith('C: 100', 'C: "100"'), 'RS', 'RS.yaml'))
    expect(quoted.errors[0]).toMatchObject({ code: 'type', key: 'C', line: 1, message: expect.stringContaining('remove the quotes') })
    const yes = failure(() => parseGroupYaml(rsWith('k: 3', 'k: true'), 'RS', 'RS.yaml'))
    expect(yes.errors[0]).toMatchObject({ code: 'type', key: 'k', line: 11 })
    const empty = failure(() => parseGroupYaml(rsWith('k: 3', 'k:'), 'RS', 'RS.yaml'))
    expect(empty.errors[0].message).toContain('RS.k has no value')
    const list = failure(() => parseGroupYaml(rsWith('k: 3', 'k: [3, 4]'), 'RS', 'RS.yaml'))
    expect(list.errors[0].message).toContain('is a list')
  })

  it('rejects .nan and .inf', () => {
    const nan = failure(() => parseGroupYaml(rsWith('a: 0.01', 'a: .nan'), 'RS', 'RS.yaml'))
    expect(nan.errors[0]).toMatchObject({ code: 'not-finite', key: 'a', line: 2, message: expect.stringContaining('RS.a is NaN') })
    const inf = failure(() => parseGroupYaml(rsWith('d: 400', 'd: -.inf'), 'RS', 'RS.yaml'))
    expect(inf.errors[0]).toMatchObject({ code: 'not-finite', key: 'd', line: 5, message: expect.stringContaining('-infinity is not a finite number') })
  })

  it('rejects out-of-range values stating value, range and unit', () => {
    const e = failure(() => parseGroupYaml(rsWith('C: 100', 'C: -5'), 'RS', 'RS.yaml'))
    expect(e.errors[0]).toMatchObject({ code: 'range', line: 1, message: 'RS.C = -5 is out of range: must be > 0 pF' })
    expect(e.message).toBe('RS.yaml, line 1: RS.C = -5 is out of range: must be > 0 pF.')
  })

  it('requires every key of the group in a group file', () => {
    const e = failure(() => parseGroupYaml('A: 100\n', 'stimuli_input', 'stimuli_input.yaml'))
    expect(e.errors[0]).toMatchObject({ code: 'missing-key', key: 'eta', message: expect.stringContaining("missing parameter 'eta'") })
  })

  it('rejects empty files, lists and oversized text', () => {
    expect(failure(() => parseGroupYaml('# nothing here\n', 'RS', 'RS.yaml')).errors[0].code).toBe('empty')
    expect(failure(() => parseGroupYaml('- 1\n- 2\n', 'RS', 'RS.yaml')).errors[0]).toMatchObject({ code: 'not-mapping', message: expect.stringContaining('not a list') })
    const big = `C: 100\n# ${'x'.repeat(MAX_PARAMETER_FILE_CHARS)}\n`
    expect(failure(() => parseGroupYaml(big, 'RS', 'RS.yaml')).errors[0]).toMatchObject({ code: 'too-large', message: expect.stringContaining('limited to 1000000 (1 MB)') })
  })

  it('rejects YAML aliases, including a "billion laughs" document, without expanding them', () => {
    const bomb = [
      'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]',
      'b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]',
      'c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]',
      'd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]',
      'e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]',
      'f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]',
      'g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]',
      'h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]',
      'i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]'
    ].join('\n')
    const e = failure(() => parseCombinedYaml(bomb, 'bomb.yaml'))
    expect(e.errors).toHaveLength(1)
    expect(e.errors[0]).toMatchObject({ code: 'alias', file: 'bomb.yaml', line: 2 })
    expect(e.errors[0].message).toContain('YAML aliases (*name) are not allowed')
    const single = failure(() => parseGroupYaml(RS_TEXT.replace('c: -60', 'c: *v_r').replace('v_r: -60', 'v_r: &v_r -60'), 'RS', 'RS.yaml'))
    expect(single.errors[0].code).toBe('alias')
  })
})

describe('reading the six reference files together', () => {
  it('recognises files by base name, keeps defaults for groups not given and reports unknown files', () => {
    const rs = rsWith('C: 100', 'C: 150')
    const r = parseReferenceFiles({ 'utils/RS.yaml': rs, 'C:\\study\\FS.yaml': fixtures['FS.yaml'], 'notes.yaml': 'x: 1' })
    expect(r.groups).toEqual(['RS', 'FS'])
    expect(r.unknownFiles).toEqual(['notes.yaml'])
    const expected = defaultParameterSet()
    expected.RS.C = 150
    expect(r.params).toEqual(expected)
  })

  it('gathers the problems of every file and says which file each is in', () => {
    const e = failure(() => parseReferenceFiles({ ...fixtures, 'RS.yaml': rsWith('C: 100', 'C: -1'), 'FS.yaml': fixtures['FS.yaml'].replace('k: 1', 'kk: 1') }))
    expect(e.errors.map((x) => [x.file, x.code, x.line])).toEqual([
      ['RS.yaml', 'range', 1],
      ['FS.yaml', 'unknown-key', 11],
      ['FS.yaml', 'missing-key', undefined]
    ])
    expect(e.file).toBeUndefined()
    expect(e.message).toMatch(/^The parameters have 3 problems; the first is RS\.yaml, line 1: RS\.C = -1/)
  })

  it('refuses two files for the same group', () => {
    const e = failure(() => parseReferenceFiles({ 'a/RS.yaml': RS_TEXT, 'b/RS.yaml': RS_TEXT }))
    expect(e.errors[0]).toMatchObject({ code: 'duplicate-file', file: 'b/RS.yaml' })
  })

  it('applies cross-field rules to the merged set, locating the offending key', () => {
    const text = fixtures['receptor_kinetics.yaml'].replace('tau_ampa: 5', 'tau_ampa: 0.05')
    const e = failure(() => parseReferenceFiles({ 'receptor_kinetics.yaml': text }))
    expect(e.errors[0]).toMatchObject({ code: 'cross-field', file: 'receptor_kinetics.yaml', line: 1, key: 'tau_ampa' })
  })
})

describe('writing and re-reading', () => {
  it('writes the defaults as files whose values are identical to the reference files', () => {
    const files = toReferenceFiles(defaultParameterSet())
    expect(Object.keys(files).sort()).toEqual(Object.keys(fixtures).sort())
    for (const [name, text] of Object.entries(files)) {
      expect(load(text), name).toEqual(load(fixtures[name]))
    }
    expect(toGroupYaml(defaultParameterSet(), 'RS')).toMatch(/^C: 100 +# Membrane capacitance \(pF\)$/m)
  })

  function unusual(): ParameterSet {
    const p = defaultParameterSet()
    p.RS.a = 1e-7
    p.RS.u = -0.1 - 0.2
    p.FS.b = 123456789.123
    p.receptor_kinetics.g_gabab = 5e-324
    p.synaptic_weights.sigma = 1 / 3
    p.external_input.g_e_external = 1e21
    p.simulation.input_mode = 'fast'
    p.simulation.seed = 4294967295
    p.serotonin.mu_exc = 0.97
    return p
  }

  it('round-trips the six files exactly, float for float', () => {
    const p = unusual()
    const r = parseReferenceFiles(toReferenceFiles(p))
    const expected = defaultParameterSet()
    for (const g of ['RS', 'FS', 'receptor_kinetics', 'synaptic_weights', 'external_input', 'stimuli_input'] as const) {
      ;(expected as unknown as Record<string, unknown>)[g] = p[g]
    }
    expect(r.params).toEqual(expected)
  })

  it('round-trips the combined file exactly, with its header comment', () => {
    const p = unusual()
    const text = toCombinedYaml(p)
    expect(text.startsWith('# Serotonin Attractor Workbench parameter set.')).toBe(true)
    expect(text).toContain('a group that is present may list only some of its parameters')
    expect(parseCombinedYaml(text, 'set.yaml')).toEqual(p)
  })

  it('writes exponents that YAML 1.1 readers (PyYAML) also take as numbers', () => {
    expect(formatYamlNumber(1e-7)).toBe('1.0e-7')
    expect(formatYamlNumber(1.5e-7)).toBe('1.5e-7')
    expect(formatYamlNumber(1e21)).toBe('1.0e+21')
    expect(formatYamlNumber(0.45)).toBe('0.45')
    expect(formatYamlNumber(-60)).toBe('-60')
    expect(load('x: 1.0e-7')).toEqual({ x: 1e-7 })
  })
})

describe('reading a combined file', () => {
  it('gives missing groups and missing keys their defaults', () => {
    const p = parseCombinedYaml('RS:\n  C: 120\nserotonin:\n  mu_exc: 1.02\n', 'set.yaml')
    const expected = defaultParameterSet()
    expected.RS.C = 120
    expected.serotonin.mu_exc = 1.02
    expect(p).toEqual(expected)
  })

  it('accepts flow style and locates keys in it', () => {
    const e = failure(() => parseCombinedYaml('# header\nnetwork: {Ne: 360}\nRS: {C: 100, k: -3}\n', 'set.yaml'))
    expect(e.errors[0]).toMatchObject({ code: 'range', group: 'RS', key: 'k', line: 3, column: 14 })
  })

  it('names unknown groups and keys with suggestions and lines', () => {
    const e = failure(() => parseCombinedYaml('RS:\n  C: 100\nserotonine:\n  mu_exc: 1\nnetwork:\n  Nee: 10\n', 'set.yaml'))
    const byCode = (c: ParamError['code']): ParamError | undefined => e.errors.find((x) => x.code === c)
    expect(byCode('unknown-group')).toMatchObject({ line: 3, message: "Unknown parameter group 'serotonine': did you mean 'serotonin'?" })
    expect(byCode('unknown-key')).toMatchObject({ line: 6, message: "network has no parameter 'Nee': did you mean 'Ne'?" })
  })

  it('rejects integer fields with fractions and out-of-range counts', () => {
    const e = failure(() => parseCombinedYaml('network:\n  Ne: 360.5\n  Ni: 0\ntermination:\n  window_steps: 10.5\n', 'set.yaml'))
    expect(e.errors.map((x) => [x.key, x.code, x.line])).toEqual([
      ['Ne', 'integer', 2],
      ['Ni', 'range', 3],
      ['window_steps', 'integer', 5]
    ])
  })

  it('applies cross-field rules against defaults of the groups left out', () => {
    const e = failure(() => parseCombinedYaml('stimulus:\n  t_on_s: 1.5\n', 'set.yaml'))
    expect(e.errors).toHaveLength(1)
    expect(e.errors[0]).toMatchObject({ code: 'cross-field', key: 't_on_s', line: 2, message: 'stimulus.t_on_s = 1.5 s must be before stimulus.t_off_s = 1.25 s' })
    const late = failure(() => parseCombinedYaml('simulation:\n  duration_s: 1\n', 'set.yaml'))
    expect(late.errors[0].message).toContain('stimulus.t_off_s = 1.25 s is after the end of the run (simulation.duration_s = 1 s)')
  })

  it('refuses a run too large for memory, naming the figure', () => {
    const e = failure(() => parseCombinedYaml('network:\n  Ne: 100000\n  Ni: 100000\n', 'big.yaml'))
    const mem = e.errors.find((x) => x.code === 'memory')
    expect(mem).toMatchObject({ file: 'big.yaml', line: 2 })
    expect(mem?.message).toContain('GiB of memory')
    expect(mem?.message).toContain('2.00 GiB limit')
  })

  it('rejects an empty group, a non-mapping document and a __proto__ key', () => {
    expect(failure(() => parseCombinedYaml('RS:\nFS:\n  C: 20\n', 'set.yaml')).errors[0]).toMatchObject({ code: 'not-mapping', group: 'RS', line: 1, message: expect.stringContaining('RS is empty') })
    expect(failure(() => parseCombinedYaml('just text', 'set.yaml')).errors[0].code).toBe('not-mapping')
    const proto = failure(() => parseCombinedYaml('__proto__:\n  polluted: 1\n', 'set.yaml'))
    expect(proto.errors[0].code).toBe('unknown-group')
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
  })

  it('rejects .inf and .nan in a combined file', () => {
    const e = failure(() => parseCombinedYaml('serotonin:\n  mu_exc: .inf\n  mu_inh: .NaN\n', 'set.yaml'))
    expect(e.errors.map((x) => [x.key, x.code, x.line])).toEqual([
      ['mu_exc', 'not-finite', 2],
      ['mu_inh', 'not-finite', 3]
    ])
  })
})
