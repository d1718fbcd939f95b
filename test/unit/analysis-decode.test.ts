import { describe, expect, it } from 'vitest'
import { decodePopulationVector, decodeReferenceMean, foldedError } from '../../src-shared/analysis/decode'

/** A symmetric triangular bump of half-width w centred on excitatory neuron c, wrapping round the ring. */
function bump(c: number, w = 10, Ne = 360, Ni = 90): Float64Array {
  const r = new Float64Array(Ne + Ni)
  for (let k = -w; k <= w; k++) r[(((c + k) % Ne) + Ne) % Ne] = w + 1 - Math.abs(k)
  r.fill(50, Ne) // inhibitory rates must not enter either decoder
  return r
}

describe('decodeReferenceMean (linear, as the reference)', () => {
  it('recovers a bump centred away from the seam', () => {
    expect(decodeReferenceMean(bump(100), 360)).toBe(100)
  })

  it('is pulled to ~180 by a bump straddling 0/360 — the reference quirk', () => {
    // Bump at 0: weights 1..10 on 350..359 and 11..1 on 0..10 (total 121).
    // Weighted index sum = sum_k (360-k)(11-k) [k=1..10] + sum_k k(11-k) [k=0..10] = 19580 + 220 = 19800.
    const d = decodeReferenceMean(bump(0), 360)
    expect(d).toBeCloseTo(19800 / 121, 10) // ~163.6 degrees for a bump at 0
    expect(foldedError(d, 0)).toBeGreaterThan(160)
    // The circular decoder gets it right on the same rates.
    expect(foldedError(decodePopulationVector(bump(0), 360), 0)).toBeLessThan(1e-9)
  })

  it('converts indices to degrees for Ne != 360', () => {
    expect(decodeReferenceMean(bump(50, 5, 180, 45), 180)).toBe(100)
  })

  it('is NaN when no excitatory neuron fired', () => {
    const r = new Float64Array(450).fill(7, 360)
    expect(decodeReferenceMean(r, 360)).toBeNaN()
  })
})

describe('decodePopulationVector (circular)', () => {
  it('recovers bumps anywhere on the ring, including across the seam', () => {
    expect(decodePopulationVector(bump(100), 360)).toBeCloseTo(100, 9)
    expect(decodePopulationVector(bump(0), 360)).toBeCloseTo(0, 9)
    expect(decodePopulationVector(bump(355), 360)).toBeCloseTo(355, 9)
    expect(decodePopulationVector(bump(3), 360)).toBeCloseTo(3, 9)
  })

  it('stays in [0, 360)', () => {
    for (const c of [0, 1, 180, 359]) {
      const d = decodePopulationVector(bump(c), 360)
      expect(d).toBeGreaterThanOrEqual(0)
      expect(d).toBeLessThan(360)
      expect(foldedError(d, c)).toBeLessThan(1e-9)
    }
  })

  it('is NaN with no excitatory spikes or perfectly uniform rates (no direction)', () => {
    expect(decodePopulationVector(new Float64Array(450), 360)).toBeNaN()
    const uniform = new Float64Array(450).fill(5)
    expect(decodePopulationVector(uniform, 360)).toBeNaN()
  })
})

describe('foldedError', () => {
  it('folds onto [0, 180]', () => {
    expect(foldedError(10, 350)).toBe(20)
    expect(foldedError(350, 10)).toBe(20)
    expect(foldedError(100, 100)).toBe(0)
    expect(foldedError(280, 100)).toBe(180)
    expect(foldedError(100, 460)).toBe(0)
    expect(foldedError(-30, 30)).toBe(60)
  })

  it('propagates NaN', () => {
    expect(foldedError(NaN, 100)).toBeNaN()
  })
})
