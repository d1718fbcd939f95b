import { describe, expect, it } from 'vitest'
import { simulate } from '../../src-shared/engine/simulate'
import { generateInputs } from '../../src-shared/engine/inputs'
import { inputSpecOf } from '../../src-shared/engine/input-spec'
import { defaultParameterSet } from '../../src-shared/params/schema'
import { denseSimulate } from '../helpers/dense-engine'

/** Small networks where the O(N^2) reference algorithm is cheap enough to run in a test. */
function smallNetwork(Ne: number, Ni: number, mu: [number, number], seed: number) {
  const p = defaultParameterSet()
  p.network = { Ne, Ni }
  p.simulation.duration_s = 1.5
  p.simulation.seed = seed
  // Stronger drive so a small ring has a bump and a busy inhibitory population.
  p.external_input.v_e = 0.01
  p.external_input.v_i = 0.03
  p.synaptic_weights.j_ee = 3
  p.serotonin = { mu_exc: mu[0], mu_inh: mu[1] }
  p.stimulus.orientation_deg = 90
  return p
}

describe('event-driven engine == dense O(N^2) reference algorithm', () => {
  const cases: Array<[number, number, [number, number], number]> = [
    [40, 10, [1, 1], 1],
    [40, 10, [0.97, 1], 2],
    [36, 9, [1.02, 1.02], 3],
    [60, 15, [1.01, 1.01], 4]
  ]
  for (const [Ne, Ni, mu, seed] of cases) {
    it(`Ne=${Ne} Ni=${Ni} mu=${mu.join('/')}: same spikes`, () => {
      const p = smallNetwork(Ne, Ni, mu, seed)
      const inputs = generateInputs(inputSpecOf(p))
      const fast = simulate(p, inputs)
      const dense = denseSimulate(p, inputs)
      expect(fast.steps.length).toBeGreaterThan(50)
      expect(fast.steps.length).toBe(dense.length)
      const pairs = Array.from(fast.steps, (s, k) => [s, fast.neurons[k]])
      expect(pairs).toEqual(dense)
    })
  }
})
