import { describe, expect, it } from 'vitest'
import type { SpikeRaster } from '../../src-shared/engine/types'
import { bumpRate, delayRatesHz, excitatoryRate, inhibitoryRate, neuronAtOrientation } from '../../src-shared/analysis/rates'

function raster(pairs: Array<[number, number]>): SpikeRaster {
  const sorted = [...pairs].sort((a, b) => a[0] - b[0] || a[1] - b[1])
  return {
    Ne: 360,
    Ni: 90,
    dt_ms: 0.1,
    nSteps: 50000,
    steps: Uint32Array.from(sorted.map((p) => p[0])),
    neurons: Uint16Array.from(sorted.map((p) => p[1])),
  }
}

/** Rates with excitatory neuron i at `exc(i)` Hz and every inhibitory neuron at `inh` Hz. */
function rateVector(exc: (i: number) => number, inh: number, Ne = 360, Ni = 90): Float64Array {
  const r = new Float64Array(Ne + Ni)
  for (let i = 0; i < Ne; i++) r[i] = exc(i)
  r.fill(inh, Ne)
  return r
}

describe('delayRatesHz', () => {
  it('counts spikes at steps >= s_off only and divides by the delay in seconds', () => {
    const r = raster([
      [12499, 10], // last stimulus step: not counted
      [12500, 10],
      [30000, 10],
      [49998, 10],
      [20000, 400],
      [100, 400]
    ])
    const rates = delayRatesHz(r, 12500, 3.75)
    expect(rates.length).toBe(450)
    expect(rates[10]).toBe(3 / 3.75)
    expect(rates[400]).toBe(1 / 3.75)
    expect(rates[11]).toBe(0)
  })

  it('refuses a delay of zero length', () => {
    expect(() => delayRatesHz(raster([]), 12500, 0)).toThrow(/delay period/)
  })
})

describe('population rates', () => {
  it('averages excitatory and inhibitory neurons separately', () => {
    const rates = rateVector((i) => (i < 180 ? 2 : 4), 30)
    expect(excitatoryRate(rates, 360)).toBe(3)
    expect(inhibitoryRate(rates, 360)).toBe(30)
  })
})

describe('neuronAtOrientation', () => {
  it('is the orientation itself for Ne = 360 and round(theta/360*Ne) otherwise, wrapping 360 to 0', () => {
    expect(neuronAtOrientation(100, 360)).toBe(100)
    expect(neuronAtOrientation(360, 360)).toBe(0)
    expect(neuronAtOrientation(100, 180)).toBe(50)
    expect(neuronAtOrientation(101, 180)).toBe(51) // 50.5 rounds up
    expect(neuronAtOrientation(-10, 360)).toBe(350)
  })
})

describe('bumpRate', () => {
  it('averages the 31 excitatory neurons orientation-15 .. orientation+15 inclusive', () => {
    // Rate = index: the mean of 85..115 is 100; a 30-neuron (exclusive) slice would give 99.5.
    const rates = rateVector((i) => i, 0)
    expect(bumpRate(rates, 360, 100)).toBe(100)
  })

  it('wraps round the 360 excitatory neurons at orientation 5 and 355, never touching inhibitory neurons', () => {
    // Neurons 350..359 and 0..20 carry 10 Hz, everything else 0; inhibitory neurons fire at 1000 Hz,
    // so the reference's slice of the 450-long vector (which reaches into them) would be far off.
    const ring = (i: number): number => (i >= 340 || i <= 20 ? 10 : 0)
    const rates = rateVector(ring, 1000)
    expect(bumpRate(rates, 360, 5)).toBe(10) // 350..359, 0..20
    expect(bumpRate(rates, 360, 355)).toBe(10) // 340..359, 0..10
    expect(bumpRate(rates, 360, 0)).toBe(10)
    // Far from the seam, for contrast: 165..195 are all 0.
    expect(bumpRate(rates, 360, 180)).toBe(0)
  })

  it('at orientation 5 uses exactly neurons 350..359 and 0..20', () => {
    const rates = rateVector((i) => (i >= 350 || i <= 20 ? 1 : 0), 0)
    rates[349] = 1000
    rates[21] = 1000
    expect(bumpRate(rates, 360, 5)).toBe(1)
  })

  it('rejects a half-width that would count a neuron twice', () => {
    expect(() => bumpRate(new Float64Array(450), 360, 100, 180)).toThrow(/half-width/)
  })
})
