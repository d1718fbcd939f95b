import { readFileSync, readdirSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import {
  GROUP_NAMES,
  PARAMETER_SCHEMA,
  REFERENCE_FILE_GROUPS,
  cloneParameterSet,
  defaultParameterSet,
  describeRange,
  getFieldSpec,
  groupFields,
  isInRange,
  schemaGroups
} from '../../src-shared/params/schema'
import { parseReferenceFiles } from '../../src-shared/params/yaml-io'
import { validateField, validateParameterSet } from '../../src-shared/params/validate'

const fixtureDir = fileURLToPath(new URL('../fixtures/reference/params/', import.meta.url))
const resourceDir = fileURLToPath(new URL('../../resources/params/', import.meta.url))

function readDir(dir: string): Record<string, string> {
  const out: Record<string, string> = {}
  for (const f of readdirSync(dir).filter((f) => f.endsWith('.yaml'))) out[f] = readFileSync(dir + f, 'utf8')
  return out
}

describe('parameter defaults', () => {
  it('equal the reference study parameter files, group for group', () => {
    const files = readDir(fixtureDir)
    expect(Object.keys(files).sort()).toEqual(Object.keys(REFERENCE_FILE_GROUPS).sort())
    const { params, groups, unknownFiles } = parseReferenceFiles(files)
    expect(unknownFiles).toEqual([])
    expect(groups).toEqual(['RS', 'FS', 'receptor_kinetics', 'synaptic_weights', 'external_input', 'stimuli_input'])
    expect(params).toEqual(defaultParameterSet())
  })

  it('ship unchanged in resources/params', () => {
    expect(readDir(resourceDir)).toEqual(readDir(fixtureDir))
  })

  it('hold the settings the notebooks hard-coded', () => {
    const d = defaultParameterSet()
    expect(d.network).toEqual({ Ne: 360, Ni: 90 })
    expect(d.simulation).toEqual({ duration_s: 5, dt_ms: 0.1, seed: 42, input_mode: 'exact' })
    expect(d.stimulus).toEqual({ t_on_s: 1, t_off_s: 1.25, orientation_deg: 100 })
    expect(d.serotonin).toEqual({ mu_exc: 1, mu_inh: 1 })
    expect(d.termination).toEqual({ burst_threshold_hz: 100, threshold_hz: 12, window_steps: 5000, stride_steps: 500 })
  })

  it('are a fresh deep copy on every call', () => {
    const a = defaultParameterSet()
    a.RS.C = 1
    a.simulation.input_mode = 'fast'
    const b = defaultParameterSet()
    expect(b.RS.C).toBe(100)
    expect(b.simulation.input_mode).toBe('exact')
    const c = cloneParameterSet(b)
    c.FS.d = 0
    expect(b.FS.d).toBe(200)
  })

  it('pass validation', () => {
    const r = validateParameterSet(defaultParameterSet())
    expect(r.ok).toBe(true)
  })
})

describe('parameter schema', () => {
  it('describes every group of ParameterSet, in display order, with the six reference files first', () => {
    expect(Object.keys(PARAMETER_SCHEMA).sort()).toEqual([...GROUP_NAMES].sort())
    expect(GROUP_NAMES.slice(0, 6).map((g) => PARAMETER_SCHEMA[g].file)).toEqual([
      'RS.yaml', 'FS.yaml', 'receptor_kinetics.yaml', 'synaptic_weights.yaml', 'external_input.yaml', 'stimuli_input.yaml'
    ])
    expect(GROUP_NAMES.slice(6).every((g) => PARAMETER_SCHEMA[g].file === null)).toBe(true)
  })

  it('gives every field a label, a description and a default that its own validator accepts', () => {
    for (const group of schemaGroups()) {
      expect(group.title.length).toBeGreaterThan(0)
      expect(group.fields.length).toBeGreaterThan(0)
      for (const { key, spec } of group.fields) {
        expect(spec.label.length, `${group.name}.${key}`).toBeGreaterThan(0)
        expect(spec.description.length, `${group.name}.${key}`).toBeGreaterThan(0)
        expect(validateField(group.name, key, spec.default), `${group.name}.${key}`).toBeNull()
      }
    }
  })

  it('marks the counting fields as integers and input_mode as an enum', () => {
    const ints = schemaGroups().flatMap((g) => g.fields.filter((f) => f.spec.kind === 'number' && f.spec.integer).map((f) => `${f.group}.${f.key}`))
    expect(ints.sort()).toEqual(['network.Ne', 'network.Ni', 'simulation.seed', 'termination.stride_steps', 'termination.window_steps'])
    const mode = getFieldSpec('simulation', 'input_mode')
    expect(mode?.kind).toBe('enum')
    expect(mode?.kind === 'enum' && mode.options).toEqual(['exact', 'fast'])
  })

  it('states ranges in words with their unit', () => {
    const C = getFieldSpec('RS', 'C')
    const dt = getFieldSpec('simulation', 'dt_ms')
    const ne = getFieldSpec('network', 'Ne')
    const ori = getFieldSpec('stimulus', 'orientation_deg')
    if (C?.kind !== 'number' || dt?.kind !== 'number' || ne?.kind !== 'number' || ori?.kind !== 'number') throw new Error('expected number specs')
    expect(describeRange(C)).toBe('> 0 pF')
    expect(describeRange(dt)).toBe('> 0 and <= 1 ms')
    expect(describeRange(ne)).toBe('between 1 and 5000')
    expect(describeRange(ori)).toBe('>= 0 and < 360 deg')
    expect(isInRange(ori, 359.9)).toBe(true)
    expect(isInRange(ori, 360)).toBe(false)
    expect(isInRange(dt, 0)).toBe(false)
    expect(isInRange(dt, 1)).toBe(true)
  })

  it('lists fields in ParameterSet key order', () => {
    expect(groupFields('RS').map((f) => f.key)).toEqual(['C', 'k', 'v_r', 'v_t', 'v_peak', 'a', 'b', 'c', 'd', 'v', 'u'])
    expect(getFieldSpec('RS', 'nope')).toBeUndefined()
    expect(getFieldSpec('nope', 'C')).toBeUndefined()
  })
})
