import { describe, expect, it } from 'vitest'
import { defaultParameterSet } from '../../src-shared/params/schema'
import type { ParamError } from '../../src-shared/params/errors'
import {
  MAX_RUN_MEMORY_BYTES,
  estimateRunMemory,
  estimateRunMemoryBytes,
  parameterWarnings,
  validateField,
  validateParameterSet
} from '../../src-shared/params/validate'
import type { ParameterSet } from '../../src-shared/params/types'

type Loose = Record<string, Record<string, unknown>>

function errorsOf(mutate: (p: Loose) => void): ParamError[] {
  const p = defaultParameterSet() as unknown as Loose
  mutate(p)
  const r = validateParameterSet(p)
  if (r.ok) throw new Error('expected the set to be rejected')
  return r.errors
}

describe('validateField', () => {
  it('accepts in-range values and rejects out-of-range ones with value, range and unit', () => {
    expect(validateField('RS', 'C', 50)).toBeNull()
    const e = validateField('RS', 'C', -5)
    expect(e?.code).toBe('range')
    expect(e?.message).toBe('RS.C = -5 is out of range: must be > 0 pF')
    expect(validateField('simulation', 'dt_ms', 2)?.message).toBe('simulation.dt_ms = 2 is out of range: must be > 0 and <= 1 ms')
    expect(validateField('stimulus', 'orientation_deg', 360)?.message).toContain('must be >= 0 and < 360 deg')
    expect(validateField('serotonin', 'mu_exc', 10.5)?.message).toContain('between 0 and 10')
  })

  it('rejects wrong types: text, yes/no, empty, lists, nested groups', () => {
    expect(validateField('RS', 'C', '100')).toMatchObject({ code: 'type', message: expect.stringContaining('remove the quotes') })
    expect(validateField('RS', 'C', 'abc')?.message).toBe('RS.C = "abc" is text, not a number (> 0 pF)')
    expect(validateField('RS', 'C', true)?.message).toContain('yes/no value, not a number')
    expect(validateField('RS', 'C', null)?.message).toContain('RS.C has no value')
    expect(validateField('RS', 'C', [1, 2])?.message).toContain('is a list')
    expect(validateField('RS', 'C', { x: 1 })?.message).toContain('check its indentation')
  })

  it('rejects NaN and infinities', () => {
    expect(validateField('RS', 'a', Number.NaN)).toMatchObject({ code: 'not-finite', message: expect.stringContaining('RS.a is NaN') })
    expect(validateField('RS', 'b', Infinity)?.message).toContain('RS.b = infinity is not a finite number')
    expect(validateField('RS', 'b', -Infinity)?.message).toContain('-infinity')
  })

  it('requires whole numbers for counts, seeds and window sizes', () => {
    for (const [g, k] of [['network', 'Ne'], ['network', 'Ni'], ['simulation', 'seed'], ['termination', 'window_steps'], ['termination', 'stride_steps']]) {
      expect(validateField(g, k, 10.5)?.code, `${g}.${k}`).toBe('integer')
    }
    expect(validateField('network', 'Ne', 360.5)?.message).toBe('network.Ne = 360.5 must be a whole number (between 1 and 5000)')
    expect(validateField('simulation', 'seed', 2 ** 32)?.code).toBe('range')
    expect(validateField('simulation', 'seed', 2 ** 32 - 1)).toBeNull()
    expect(validateField('RS', 'C', 100.5)).toBeNull()
  })

  it('checks the input mode against its options and suggests the closest', () => {
    expect(validateField('simulation', 'input_mode', 'fast')).toBeNull()
    const e = validateField('simulation', 'input_mode', 'exakt')
    expect(e?.code).toBe('enum')
    expect(e?.message).toContain("must be 'exact' or 'fast'; did you mean 'exact'?")
    expect(validateField('simulation', 'input_mode', 1)?.code).toBe('type')
  })

  it('names unknown groups and keys with the closest known name', () => {
    expect(validateField('RS', 'v_peek', 1)).toMatchObject({ code: 'unknown-key', message: "RS has no parameter 'v_peek': did you mean 'v_peak'?" })
    expect(validateField('RS', 'V_PEAK', 1)?.message).toContain("did you mean 'v_peak'?")
    expect(validateField('rs', 'C', 1)).toMatchObject({ code: 'unknown-group', message: "Unknown parameter group 'rs': did you mean 'RS'?" })
    expect(validateField('RS', 'zzzzzz', 1)?.message).toContain('its parameters are C, k, v_r')
  })
})

describe('validateParameterSet', () => {
  it('returns a fresh copy that holds only schema keys', () => {
    const p = defaultParameterSet()
    const r = validateParameterSet(p)
    expect(r.ok).toBe(true)
    if (!r.ok) return
    expect(r.value).toEqual(p)
    expect(r.value.RS).not.toBe(p.RS)
  })

  it('rejects non-objects, unknown and missing groups and keys', () => {
    const r = validateParameterSet([1, 2])
    expect(r.ok).toBe(false)
    expect(errorsOf((p) => { p.serotonine = { mu: 1 } })[0]).toMatchObject({ code: 'unknown-group', message: expect.stringContaining("did you mean 'serotonin'") })
    expect(errorsOf((p) => { delete p.FS })[0]).toMatchObject({ code: 'missing-group', group: 'FS' })
    expect(errorsOf((p) => { delete p.RS.v_peak })[0]).toMatchObject({ code: 'missing-key', group: 'RS', key: 'v_peak' })
    expect(errorsOf((p) => { p.RS.tau = 1 })[0]).toMatchObject({ code: 'unknown-key', key: 'tau' })
    expect(errorsOf((p) => { (p as Record<string, unknown>).RS = 5 })[0]).toMatchObject({ code: 'not-mapping', group: 'RS' })
  })

  it('collects every problem, with the file when given', () => {
    const p = defaultParameterSet() as unknown as Loose
    p.RS.C = -1
    p.FS.k = 'x'
    const r = validateParameterSet(p, { file: 'set.yaml' })
    expect(r.ok).toBe(false)
    if (r.ok) return
    expect(r.errors.map((e) => `${e.group}.${e.key}`)).toEqual(['RS.C', 'FS.k'])
    expect(r.errors.every((e) => e.file === 'set.yaml')).toBe(true)
  })

  it('requires the stimulus to start before it ends and to end within the run', () => {
    expect(errorsOf((p) => { p.stimulus.t_on_s = 2 })[0]).toMatchObject({
      code: 'cross-field', message: 'stimulus.t_on_s = 2 s must be before stimulus.t_off_s = 1.25 s'
    })
    expect(errorsOf((p) => { p.stimulus.t_on_s = 1.25 })[0].code).toBe('cross-field')
    expect(errorsOf((p) => { p.stimulus.t_off_s = 6 })[0]).toMatchObject({
      key: 't_off_s', message: expect.stringContaining('after the end of the run (simulation.duration_s = 5 s)')
    })
    const ok = defaultParameterSet()
    ok.stimulus.t_off_s = 5
    expect(validateParameterSet(ok).ok).toBe(true)
  })

  it('requires a whole number of at least two time steps', () => {
    expect(errorsOf((p) => { p.simulation.dt_ms = 0.3 })[0]).toMatchObject({
      code: 'cross-field', message: expect.stringContaining('is not a whole number of simulation.dt_ms = 0.3 ms steps')
    })
    expect(errorsOf((p) => { p.simulation.duration_s = 0.0001; p.stimulus.t_on_s = 0; p.stimulus.t_off_s = 0.0001 })
      .find((e) => e.code === 'cross-field')?.message).toContain('a run needs at least 2')
    const ok = defaultParameterSet()
    ok.simulation.dt_ms = 0.25
    expect(validateParameterSet(ok).ok).toBe(true)
  })

  it('refuses time steps longer than a receptor time constant and input probabilities above 1', () => {
    expect(errorsOf((p) => { p.receptor_kinetics.tau_ampa = 0.05 })[0]).toMatchObject({
      group: 'receptor_kinetics', key: 'tau_ampa', message: expect.stringContaining('would turn conductances negative')
    })
    expect(errorsOf((p) => { p.external_input.v_i = 20 })[0]).toMatchObject({
      key: 'v_i', message: expect.stringContaining('probability of 2 per step')
    })
  })

  it('does not run a cross-field rule on a field that is itself invalid', () => {
    const errors = errorsOf((p) => { p.stimulus.t_on_s = 'soon' })
    expect(errors).toHaveLength(1)
    expect(errors[0].code).toBe('type')
  })

  it('refuses a run that needs more memory than the limit, naming the figure', () => {
    const errors = errorsOf((p) => { p.network.Ne = 100000; p.network.Ni = 100000 })
    expect(errors.filter((e) => e.code === 'range').map((e) => e.key)).toEqual(['Ne', 'Ni'])
    const mem = errors.find((e) => e.code === 'memory')
    expect(mem?.group).toBe('network')
    expect(mem?.message).toMatch(/about 74\.\d\d GiB of memory \(E->E weights 74\.51 GiB/)
    expect(mem?.message).toContain('more than the 2.00 GiB limit')
  })
})

describe('estimateRunMemoryBytes', () => {
  it('counts the dense weights, the input train and the spike storage', () => {
    const p = defaultParameterSet()
    const m = estimateRunMemory(p)
    expect(m.weights).toBe(360 * 360 * 8)
    // 50000 row starts plus ~ (360 * 1 Hz + 90 * 12 Hz) * 5 s input spikes, 2 bytes each, plus the stimulus bump.
    expect(m.inputTrain).toBeGreaterThan(50001 * 4 + 7200 * 2)
    expect(m.inputTrain).toBeLessThan(50001 * 4 + 7200 * 2 + 20000)
    expect(m.total).toBe(m.weights + m.state + m.inputTrain + m.spikes)
    expect(estimateRunMemoryBytes(p)).toBe(m.total)
    expect(m.total).toBeLessThan(MAX_RUN_MEMORY_BYTES)
  })

  it('exceeds the limit for Ne = Ni = 100000', () => {
    const p: ParameterSet = defaultParameterSet()
    p.network = { Ne: 100000, Ni: 100000 }
    expect(estimateRunMemoryBytes(p)).toBeGreaterThan(MAX_RUN_MEMORY_BYTES)
    expect(MAX_RUN_MEMORY_BYTES).toBe(2 * 1024 ** 3)
  })

  it('grows with duration', () => {
    const p = defaultParameterSet()
    const short = estimateRunMemory(p)
    p.simulation.duration_s = 50
    const long = estimateRunMemory(p)
    expect(long.inputTrain).toBeGreaterThan(9 * short.inputTrain)
    expect(long.spikes).toBe(10 * short.spikes)
  })
})

describe('parameterWarnings', () => {
  it('is silent for the reference defaults', () => {
    expect(parameterWarnings(defaultParameterSet())).toEqual([])
  })

  it('flags a reset at or above the cut-off and a cut-off below threshold', () => {
    const p = defaultParameterSet()
    p.RS.c = 60
    p.FS.v_peak = -45
    const w = parameterWarnings(p)
    expect(validateParameterSet(p).ok).toBe(true)
    expect(w.find((x) => x.group === 'RS' && x.key === 'c')?.message).toContain('fires at every step')
    expect(w.find((x) => x.group === 'FS' && x.key === 'v_peak')?.message).toContain('is not above FS.v_t = -40 mV')
    expect(w.every((x) => x.code === 'warning')).toBe(true)
  })

  it('flags a termination window longer than the delay and thresholds in the wrong order', () => {
    const p = defaultParameterSet()
    p.termination.window_steps = 40000
    p.termination.threshold_hz = 150
    const keys = parameterWarnings(p).map((w) => `${w.group}.${w.key}`)
    expect(keys).toEqual(['termination.window_steps', 'termination.threshold_hz'])
    expect(parameterWarnings(p)[0].message).toContain('37500 steps after the stimulus')
  })

  it('flags a stimulus that ends with the run and a coarse time step', () => {
    const p = defaultParameterSet()
    p.stimulus.t_off_s = 5
    p.receptor_kinetics.tau_ampa = 0.5
    const w = parameterWarnings(p)
    expect(w.map((x) => x.key)).toEqual(['tau_ampa', 't_off_s'])
    expect(w[1].message).toContain('leaves no delay period')
  })
})
