import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { sha256Hex, sha256HexBytes } from '../../src-shared/util/sha256'
import {
  canonicalParameterJson, cloneParameterSet, conditionParametersSha256, defaultParameterSet, differingFields, parametersSha256
} from '../../src-shared/params'

describe('sha256', () => {
  it('matches the FIPS 180-4 examples and Node crypto on every padding boundary', () => {
    expect(sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad')
    expect(sha256Hex('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855')
    for (let n = 0; n < 200; n++) {
      const bytes = new Uint8Array(n).map((_, i) => (i * 31 + n) & 255)
      expect(sha256HexBytes(bytes)).toBe(createHash('sha256').update(bytes).digest('hex'))
    }
    expect(sha256Hex('µ-Ω ✓ 𝄞')).toBe(createHash('sha256').update('µ-Ω ✓ 𝄞', 'utf8').digest('hex'))
  })
})

describe('canonical parameter serialisation', () => {
  it('does not depend on the order keys were written in', () => {
    const a = defaultParameterSet()
    const b = Object.fromEntries(Object.entries(a).reverse().map(([g, v]) => [g, Object.fromEntries(Object.entries(v).reverse())])) as unknown as typeof a
    expect(canonicalParameterJson(b)).toBe(canonicalParameterJson(a))
    expect(JSON.parse(canonicalParameterJson(a))).toEqual(a)
  })

  it('changes with any value, and the condition hash ignores only seed and orientation', () => {
    const a = defaultParameterSet()
    const b = cloneParameterSet(a)
    b.simulation.seed = 7
    b.stimulus.orientation_deg = 200
    expect(parametersSha256(b)).not.toBe(parametersSha256(a))
    expect(conditionParametersSha256(b)).toBe(conditionParametersSha256(a))
    b.synaptic_weights.j_ee = 0.9
    expect(conditionParametersSha256(b)).not.toBe(conditionParametersSha256(a))
    expect(differingFields(a, b, ['simulation.seed', 'stimulus.orientation_deg'])).toEqual([{ group: 'synaptic_weights', key: 'j_ee', a: 1, b: 0.9 }])
  })

  it('writes -0 as 0 and refuses non-finite numbers', () => {
    const a = defaultParameterSet()
    const b = cloneParameterSet(a)
    b.RS.u = -0
    expect(parametersSha256(b)).toBe(parametersSha256(a))
    b.RS.u = Number.NaN
    expect(() => canonicalParameterJson(b)).toThrow(/NaN/)
  })
})
