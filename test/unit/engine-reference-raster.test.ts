import { describe, expect, it } from 'vitest'
import { simulate } from '../../src-shared/engine/simulate'
import { generateInputs } from '../../src-shared/engine/inputs'
import { inputSpecOf } from '../../src-shared/engine/input-spec'
import { readFixture, referenceParameterSet, type ReferenceRaster } from '../helpers/reference'

const ref = readFixture<ReferenceRaster>('normal_first300ms_raster.json')

describe('event-driven engine reproduces the reference run', () => {
  it('spike for spike over the first 300 ms of the normal condition', () => {
    const params = referenceParameterSet()
    const inputs = generateInputs(inputSpecOf(params))
    const result = simulate(params, inputs)
    const got: Array<[number, number]> = []
    for (let k = 0; k < result.steps.length && result.steps[k] < ref.first_steps; k++) got.push([result.steps[k], result.neurons[k]])
    const want = ref.step_index.map((s, k) => [s, ref.neuron_index[k]])
    expect(got.length).toBe(want.length)
    expect(got).toEqual(want)
  })
})
