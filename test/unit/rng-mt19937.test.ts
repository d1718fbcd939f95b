import { describe, expect, it } from 'vitest'
import { MT19937 } from '../../src-shared/rng/mt19937'
import { readFixture } from '../helpers/reference'

interface RngVectors {
  seed: number
  mt19937_raw_uint32_first40: number[]
  rand_first20_repr: string[]
  sweep_orientations: Record<string, number>
  randint_360_check: Record<string, { randint_360: number; uint32_draws_used: number }>
}
const vectors = readFixture<RngVectors>('rng_vectors.json')

describe('MT19937 matches numpy 1.24 legacy RandomState', () => {
  it('raw 32-bit outputs after seed(42)', () => {
    const rng = new MT19937(vectors.seed)
    const raw = vectors.mt19937_raw_uint32_first40.map(() => rng.nextUint32())
    expect(raw).toEqual(vectors.mt19937_raw_uint32_first40)
  })

  it('uniforms equal numpy rand() to the last bit (compared via repr strings)', () => {
    const rng = new MT19937(vectors.seed)
    const got = vectors.rand_first20_repr.map(() => rng.nextDouble())
    expect(got).toEqual(vectors.rand_first20_repr.map(Number))
  })

  it('randint(360) draws and the number of words it consumes', () => {
    for (const [seed, check] of Object.entries(vectors.randint_360_check)) {
      const rng = new MT19937(Number(seed))
      expect(rng.randint(360)).toBe(check.randint_360)
      expect(rng.index).toBe(check.uint32_draws_used)
    }
  })

  it('sweep orientations of repetitions 1..6 (seeds 1001..1006)', () => {
    for (const [rep, orientation] of Object.entries(vectors.sweep_orientations)) {
      expect(new MT19937(1000 + Number(rep)).randint(360)).toBe(orientation)
    }
  })

  it('rejects seeds numpy rejects', () => {
    expect(() => new MT19937(-1)).toThrow(/seed -1/)
    expect(() => new MT19937(2 ** 32)).toThrow(/seed/)
    expect(() => new MT19937(1.5)).toThrow(/seed/)
  })
})
