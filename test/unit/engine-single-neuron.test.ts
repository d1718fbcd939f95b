import { describe, expect, test } from 'vitest'
import { simulateSingleNeuron, singleNeuronSteps } from '../../src-shared/engine/single-neuron'
import { defaultParameterSet } from '../../src-shared/params/schema'

const params = defaultParameterSet()

function spikeSteps(v: Float64Array, peak: number): number[] {
  const out: number[] = []
  for (let i = 0; i < v.length; i++) if (v[i] === peak) out.push(i)
  return out
}

describe('simulateSingleNeuron', () => {
  test('an RS neuron with no current stays exactly at rest', () => {
    const r = simulateSingleNeuron(params.RS, 0, 500, 0.1)
    expect(r.v.length).toBe(5000)
    expect(r.spikes).toBe(0)
    expect(r.diverged).toBe(false)
    expect(r.v.every((x) => x === params.RS.v_r)).toBe(true)
  })

  test('an RS neuron under a supra-threshold step fires regularly after adapting', () => {
    // 100 pA sits at the rheobase of these RS parameters (3x^2 - 35x + I = 0 has roots up to I = 102 pA): one spike only.
    expect(simulateSingleNeuron(params.RS, 100, 500, 0.1).spikes).toBeLessThanOrEqual(1)
    const r = simulateSingleNeuron(params.RS, 300, 500, 0.1)
    const steps = spikeSteps(r.v, params.RS.v_peak)
    expect(r.spikes).toBe(steps.length)
    expect(r.spikes).toBeGreaterThanOrEqual(4)
    const isi = steps.slice(1).map((s, i) => s - steps[i])
    const tail = isi.slice(-3)
    expect(Math.max(...tail) - Math.min(...tail)).toBeLessThanOrEqual(1)
    // Spike-frequency adaptation: the first interval is the shortest.
    expect(isi[0]).toBeLessThan(tail[tail.length - 1])
  })

  test('an FS neuron fires faster than an RS neuron under the same current', () => {
    const rs = simulateSingleNeuron(params.RS, 300, 500, 0.1)
    const fs = simulateSingleNeuron(params.FS, 300, 500, 0.1)
    expect(fs.spikes).toBeGreaterThan(5 * rs.spikes)
  })

  test('a huge capacitance gives no spikes', () => {
    const r = simulateSingleNeuron({ ...params.RS, C: 1e12 }, 1000, 500, 0.1)
    expect(r.spikes).toBe(0)
    expect(r.diverged).toBe(false)
  })

  test('an unstable recovery rate is reported as divergence and NaN, without throwing', () => {
    const r = simulateSingleNeuron({ ...params.RS, a: 1000 }, 300, 500, 0.1)
    expect(r.diverged).toBe(true)
    expect(Number.isNaN(r.v[r.v.length - 1])).toBe(true)
    expect(Number.isFinite(r.v[0])).toBe(true)
  })

  test('reuses the output buffer when it has the right length', () => {
    const buf = new Float64Array(5000)
    const r = simulateSingleNeuron(params.FS, 200, 500, 0.1, buf)
    expect(r.v).toBe(buf)
    const other = simulateSingleNeuron(params.FS, 200, 500, 0.1, new Float64Array(3))
    expect(other.v.length).toBe(5000)
    expect(Array.from(other.v)).toEqual(Array.from(buf))
  })

  test('step count handles degenerate inputs', () => {
    expect(singleNeuronSteps(500, 0.1)).toBe(5000)
    expect(singleNeuronSteps(500, 0)).toBe(0)
    expect(singleNeuronSteps(-1, 0.1)).toBe(0)
    expect(simulateSingleNeuron(params.RS, 0, 500, 0).v.length).toBe(0)
  })
})
