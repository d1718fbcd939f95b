import { describe, expect, it } from 'vitest'
import { generateInputs, inputCounts } from '../../src-shared/engine/inputs'
import { inputSpecOf } from '../../src-shared/engine/input-spec'
import { phaseThresholds } from '../../src-shared/engine/input-rates'
import { readFixture, referenceParameterSet } from '../helpers/reference'

interface SpikeTrainVectors {
  spike_train: {
    shape: [number, number]
    per_neuron_counts: number[]
    per_neuron_counts_stim_rows: number[]
    total: number
    total_exc: number
    total_inh: number
    stim_rows: [number, number]
    first20_spikes_row_col: Array<[number, number]>
    threshold_bg_exc_repr: string
    threshold_bg_inh_repr: string
    threshold_stim_exc_neurons_95_to_105_repr: string[]
  }
}
const st = readFixture<SpikeTrainVectors>('rng_vectors.json').spike_train

describe('exact input mode reproduces numpy rand(n, N) < rate*dt', () => {
  const params = referenceParameterSet()
  const spec = inputSpecOf(params)
  const train = generateInputs(spec)

  it('thresholds equal the reference bit for bit', () => {
    const th = phaseThresholds(spec, 100)
    expect(th.background[0]).toBe(Number(st.threshold_bg_exc_repr))
    expect(th.background[400]).toBe(Number(st.threshold_bg_inh_repr))
    const stim = st.threshold_stim_exc_neurons_95_to_105_repr.map(Number)
    expect(Array.from(th.stimulus.subarray(95, 106))).toEqual(stim)
    expect([th.stimStart, th.stimEnd]).toEqual(st.stim_rows)
  })

  it('shape, totals and per-neuron counts over the whole run', () => {
    expect([train.nSteps, train.nNeurons]).toEqual(st.shape)
    expect(train.cols.length).toBe(st.total)
    expect(Array.from(inputCounts(train))).toEqual(st.per_neuron_counts)
    const c = inputCounts(train)
    expect(c.subarray(0, 360).reduce((a, b) => a + b, 0)).toBe(st.total_exc)
    expect(c.subarray(360).reduce((a, b) => a + b, 0)).toBe(st.total_inh)
  })

  it('per-neuron counts during the stimulus rows', () => {
    expect(Array.from(inputCounts(train, st.stim_rows[0], st.stim_rows[1]))).toEqual(st.per_neuron_counts_stim_rows)
  })

  it('the first 20 input spikes (row, neuron)', () => {
    const first: Array<[number, number]> = []
    for (let row = 0; first.length < 20; row++) {
      for (let k = train.rowStart[row]; k < train.rowStart[row + 1] && first.length < 20; k++) first.push([row, train.cols[k]])
    }
    expect(first).toEqual(st.first20_spikes_row_col)
  })

  it('a random orientation is drawn from the seed before the uniforms', () => {
    const r = generateInputs({ ...spec, seed: 1001, orientation: 'random' })
    expect(r.orientationDeg).toBe(189)
  })
})

describe('fast input mode: same Bernoulli process, not numpy-identical', () => {
  it('rates match the expected counts within sampling error, and differ from exact spikes', () => {
    const params = referenceParameterSet()
    const base = inputSpecOf(params)
    let total = 0
    let expected = 0
    const reps = 20
    for (let s = 0; s < reps; s++) {
      const t = generateInputs({ ...base, seed: 100 + s, mode: 'fast' })
      total += t.cols.length
      const th = phaseThresholds(base, 100)
      for (let j = 0; j < 450; j++) {
        expected += th.background[j] * (t.nSteps - 2500) + th.stimulus[j] * 2500
      }
    }
    // Poisson sd of the total is sqrt(expected); allow 5 sd.
    expect(Math.abs(total - expected)).toBeLessThan(5 * Math.sqrt(expected))
    const exact = generateInputs(base)
    const fast = generateInputs({ ...base, mode: 'fast' })
    expect(Array.from(fast.cols.subarray(0, 50))).not.toEqual(Array.from(exact.cols.subarray(0, 50)))
  })

  it('rows are sorted by neuron and stimulus raises only the tuned neurons', () => {
    const params = referenceParameterSet()
    const t = generateInputs({ ...inputSpecOf(params), mode: 'fast', seed: 7 })
    for (let r = 0; r < t.nSteps; r++) {
      for (let k = t.rowStart[r] + 1; k < t.rowStart[r + 1]; k++) expect(t.cols[k]).toBeGreaterThan(t.cols[k - 1])
    }
    const stim = inputCounts(t, 10000, 12500)
    const near = stim.subarray(95, 106).reduce((a, b) => a + b, 0)
    const far = stim.subarray(250, 261).reduce((a, b) => a + b, 0)
    expect(near).toBeGreaterThan(far + 10)
  })
})
