import { describe, expect, it } from 'vitest'
import { simulate } from '../../src-shared/engine/simulate'
import { generateInputs } from '../../src-shared/engine/inputs'
import { inputSpecOf } from '../../src-shared/engine/input-spec'
import { defaultParameterSet } from '../../src-shared/params/schema'
import { DivergenceError } from '../../src-shared/engine/errors'

function short(seconds = 1.5) {
  const p = defaultParameterSet()
  p.simulation.duration_s = seconds
  return p
}

describe('engine behaviour', () => {
  it('reports progress from 0 to 1 and stops on cancel', () => {
    const p = short()
    const inputs = generateInputs(inputSpecOf(p))
    const seen: number[] = []
    simulate(p, inputs, { onProgress: (f) => seen.push(f) })
    expect(seen[0]).toBe(0)
    expect(seen.at(-1)).toBe(1)
    expect(seen.length).toBeGreaterThan(90)
    let aborted = false
    const signal = { get aborted() { return aborted } }
    expect(() => simulate(p, inputs, { signal, onProgress: (f) => { if (f > 0.3) aborted = true } })).toThrow(expect.objectContaining({ name: 'AbortError' }))
  })

  it('names the step, time and neuron when the model diverges, and suggests a smaller dt', () => {
    const p = short()
    p.RS.a = 30 // a*dt = 3: the Euler update of u is unstable
    const inputs = generateInputs(inputSpecOf(p))
    let err: unknown
    try {
      simulate(p, inputs)
    } catch (e) {
      err = e
    }
    expect(err).toBeInstanceOf(DivergenceError)
    const d = err as DivergenceError
    expect(d.population).toBe('excitatory')
    expect(d.step).toBeGreaterThan(0)
    expect(d.message).toMatch(new RegExp(`step ${d.step} \\(t = ${(d.step * 0.1).toFixed(1)} ms\\).*neuron ${d.neuron}.*smaller dt`))
  })

  it('probes record v, u and each receptor current of chosen neurons at the chosen interval', () => {
    const p = short(0.5)
    const inputs = generateInputs(inputSpecOf(p))
    const r = simulate(p, inputs, { probes: { neurons: [100, 400], every: 10 } })
    const pr = r.probes!
    expect(pr.nSamples).toBe(Math.ceil((5000 - 1) / 10))
    expect(pr.v.length).toBe(pr.nSamples * 2)
    expect(pr.v[0]).toBe(-60)
    expect(pr.v[1]).toBe(-55)
    // Voltages stay in a physiological band and the inhibitory neuron gets GABA current at some point.
    for (const v of pr.v) expect(v).toBeGreaterThan(-100)
    expect(pr.I_bg.some((x) => x !== 0)).toBe(true)
    expect(pr.I_gabaa.some((x) => x !== 0)).toBe(true)
    expect(() => simulate(p, inputs, { probes: { neurons: [450], every: 10 } })).toThrow(/probe neuron 450/)
  })

  it('per-neuron counts agree with the spike list, and the last step is never checked', () => {
    const p = short()
    const r = simulate(p, generateInputs(inputSpecOf(p)))
    const counts = new Uint32Array(450)
    for (const n of r.neurons) counts[n]++
    expect(Array.from(r.counts)).toEqual(Array.from(counts))
    expect(Math.max(...r.steps)).toBeLessThanOrEqual(r.nSteps - 2)
    for (let k = 1; k < r.steps.length; k++) {
      expect(r.steps[k] > r.steps[k - 1] || (r.steps[k] === r.steps[k - 1] && r.neurons[k] > r.neurons[k - 1])).toBe(true)
    }
  })
})
