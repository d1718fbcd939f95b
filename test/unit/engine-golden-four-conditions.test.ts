import { describe, expect, it } from 'vitest'
import { simulate } from '../../src-shared/engine/simulate'
import { generateInputs } from '../../src-shared/engine/inputs'
import { inputSpecOf } from '../../src-shared/engine/input-spec'
import { excitatoryWeights } from '../../src-shared/engine/weights'
import { readFileSync } from 'node:fs'
import { referenceParameterSet } from '../helpers/reference'
import { spikeDigest } from '../helpers/spike-digest'

interface Golden {
  conditions: Record<string, { mu_exc: number; mu_inh: number; total: number; exc: number; inh: number; fnv1a: string; last: [number, number] }>
}
const golden = JSON.parse(readFileSync(new URL('../fixtures/golden/dense-four-conditions.json', import.meta.url), 'utf8')) as Golden

describe('whole 5-s runs of the four notebook conditions equal the dense O(N^2) algorithm spike for spike', () => {
  const base = referenceParameterSet()
  const inputs = generateInputs(inputSpecOf(base))
  const weights = excitatoryWeights(base.network, base.synaptic_weights)
  for (const [name, g] of Object.entries(golden.conditions)) {
    it(name, () => {
      const p = referenceParameterSet({ mu_exc: g.mu_exc, mu_inh: g.mu_inh })
      const r = simulate(p, inputs, { weights })
      const { mu_exc: _m, mu_inh: _i, ...want } = g
      expect(spikeDigest(r.steps, r.neurons, 360)).toEqual(want)
    })
  }
})
