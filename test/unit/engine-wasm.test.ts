import { describe, expect, it } from 'vitest'
import { readFileSync } from 'node:fs'
import { simulate } from '../../src-shared/engine/simulate'
import { simulateWasm as simulateKernel } from '../../src-shared/engine/wasm/wasm-simulate'
import { generateExactInputsWasm } from '../../src-shared/engine/wasm/wasm-inputs'
import { generateInputs, inputCounts } from '../../src-shared/engine/inputs'
import { inputSpecOf } from '../../src-shared/engine/input-spec'
import { excitatoryWeights } from '../../src-shared/engine/weights'
import { defaultParameterSet } from '../../src-shared/params/schema'
import { DivergenceError } from '../../src-shared/engine/errors'
import { readFixture, referenceParameterSet, type ReferenceRaster } from '../helpers/reference'
import { spikeDigest } from '../helpers/spike-digest'
import { denseSimulate } from '../helpers/dense-engine'

const ref = readFixture<ReferenceRaster>('normal_first300ms_raster.json')
const vectors = readFixture<{ spike_train: { per_neuron_counts: number[]; total: number; per_neuron_counts_stim_rows: number[] } }>('rng_vectors.json').spike_train
const golden = JSON.parse(readFileSync(new URL('../fixtures/golden/dense-four-conditions.json', import.meta.url), 'utf8')) as {
  conditions: Record<string, { mu_exc: number; mu_inh: number; total: number; exc: number; inh: number; fnv1a: string; last: [number, number] }>
}

describe.each([
  { build: 'SIMD', simd: true },
  { build: 'scalar', simd: false }
])('WebAssembly kernel, $build build: bit-identical to the TypeScript engine and the reference', ({ simd }) => {
  const base = referenceParameterSet()
  const inputs = generateExactInputsWasm(inputSpecOf(base), undefined, { simd })
  const simulateWasm = (p: Parameters<typeof simulateKernel>[0], i: Parameters<typeof simulateKernel>[1], o: Parameters<typeof simulateKernel>[2] = {}) => {
    const r = simulateKernel(p, i, { ...o, simd })
    expect(r.engine).toBe(simd ? 'wasm-simd' : 'wasm')
    return r
  }

  it('its numpy-identical inputs match numpy and the TypeScript generator', () => {
    expect(inputs.cols.length).toBe(vectors.total)
    expect(Array.from(inputCounts(inputs))).toEqual(vectors.per_neuron_counts)
    expect(Array.from(inputCounts(inputs, 10000, 12500))).toEqual(vectors.per_neuron_counts_stim_rows)
    const ts = generateInputs(inputSpecOf(base))
    expect(Array.from(inputs.rowStart)).toEqual(Array.from(ts.rowStart))
    expect(Array.from(inputs.cols)).toEqual(Array.from(ts.cols))
    const random = generateExactInputsWasm({ ...inputSpecOf(base), seed: 1001, orientation: 'random' }, undefined, { simd })
    expect(random.orientationDeg).toBe(189)
    expect(Array.from(random.cols)).toEqual(Array.from(generateInputs({ ...inputSpecOf(base), seed: 1001, orientation: 'random' }).cols))
  })

  it('reproduces the first 300 ms of the reference run spike for spike', () => {
    const r = simulateWasm(base, inputs)
    const got: number[][] = []
    for (let k = 0; k < r.steps.length && r.steps[k] < ref.first_steps; k++) got.push([r.steps[k], r.neurons[k]])
    expect(got).toEqual(ref.step_index.map((s, k) => [s, ref.neuron_index[k]]))
  })

  const weights = excitatoryWeights(base.network, base.synaptic_weights)
  for (const [name, g] of Object.entries(golden.conditions)) {
    it(`whole run of '${name}' equals the dense algorithm, and the TypeScript engine to the last bit`, () => {
      const p = referenceParameterSet({ mu_exc: g.mu_exc, mu_inh: g.mu_inh })
      const w = simulateWasm(p, inputs, { weights })
      const { mu_exc: _m, mu_inh: _i, ...want } = g
      expect(spikeDigest(w.steps, w.neurons, 360)).toEqual(want)
      const t = simulate(p, inputs, { weights })
      expect(Array.from(w.counts)).toEqual(Array.from(t.counts))
      expect(Array.from(w.delayInputSum)).toEqual(Array.from(t.delayInputSum))
    })
  }

  it('small networks: same spikes as the dense O(N^2) algorithm', () => {
    const p = defaultParameterSet()
    p.network = { Ne: 40, Ni: 10 }
    p.simulation.duration_s = 1.5
    p.external_input.v_e = 0.01
    p.external_input.v_i = 0.03
    p.synaptic_weights.j_ee = 3
    p.stimulus.orientation_deg = 90
    const small = generateInputs(inputSpecOf(p))
    const w = simulateWasm(p, small)
    expect(Array.from(w.steps, (s, k) => [s, w.neurons[k]])).toEqual(denseSimulate(p, small))
  })

  it('reports progress, stops on cancel, and names where the model diverged', () => {
    const p = defaultParameterSet()
    p.simulation.duration_s = 1.5
    const small = generateInputs(inputSpecOf(p))
    const seen: number[] = []
    simulateWasm(p, small, { onProgress: (f) => seen.push(f) })
    expect(seen[0]).toBe(0)
    expect(seen.at(-1)).toBe(1)
    let aborted = false
    const signal = { get aborted() { return aborted } }
    expect(() => simulateWasm(p, small, { signal, onProgress: (f) => { if (f > 0.3) aborted = true } })).toThrow(expect.objectContaining({ name: 'AbortError' }))
    p.RS.a = 30
    let js: DivergenceError | undefined
    let wasm: DivergenceError | undefined
    try { simulate(p, small) } catch (e) { js = e as DivergenceError }
    try { simulateWasm(p, small) } catch (e) { wasm = e as DivergenceError }
    expect(wasm).toBeInstanceOf(DivergenceError)
    expect(wasm!.message).toBe(js!.message)
  })

  it('reuses one kernel run after run: a run after a cancelled, a diverged and a smaller one equals a first run', () => {
    const p = defaultParameterSet()
    p.simulation.duration_s = 1.5
    const small = generateInputs(inputSpecOf(p))
    const first = simulateWasm(p, small)
    let aborted = false
    const signal = { get aborted() { return aborted } }
    expect(() => simulateWasm(p, small, { signal, onProgress: (f) => { if (f > 0.5) aborted = true } })).toThrow()
    const wild = structuredClone(p)
    wild.RS.a = 30
    expect(() => simulateWasm(wild, small)).toThrow(DivergenceError)
    const tiny = structuredClone(p)
    tiny.network = { Ne: 41, Ni: 11 }
    simulateWasm(tiny, generateInputs(inputSpecOf(tiny)))
    const again = simulateWasm(p, small)
    expect(again.steps.length).toBeGreaterThan(1000)
    expect(Array.from(again.steps)).toEqual(Array.from(first.steps))
    expect(Array.from(again.neurons)).toEqual(Array.from(first.neurons))
    expect(Array.from(again.counts)).toEqual(Array.from(first.counts))
    expect(Array.from(again.delayInputSum)).toEqual(Array.from(first.delayInputSum))
  })
})

describe('engine choice', () => {
  it('runs the SIMD build by default here, and the scalar build where SIMD does not validate', async () => {
    const { defaultEngine, makeInputs, runSimulation } = await import('../../src-shared/engine/engine')
    expect(defaultEngine()).toBe('wasm-simd')
    const p = defaultParameterSet()
    p.simulation.duration_s = 1.5
    // An odd seed position and an odd network size exercise the scalar tails of the SIMD paths.
    p.network = { Ne: 41, Ni: 11 }
    const spec = { ...inputSpecOf(p), seed: 7, orientation: 'random' as const }
    const simdInputs = makeInputs(spec)
    const viaSimd = runSimulation(p, simdInputs)
    expect(viaSimd.engine).toBe('wasm-simd')
    const api = (globalThis as unknown as { WebAssembly: { validate: (b: Uint8Array) => boolean } }).WebAssembly
    const saved = api.validate
    try {
      // A runtime without SIMD: the probe fails to validate, so the scalar build is chosen.
      api.validate = () => false
      expect(defaultEngine()).toBe('wasm')
      const scalarInputs = makeInputs(spec, { engine: 'wasm-simd' })
      expect(Array.from(scalarInputs.cols)).toEqual(Array.from(simdInputs.cols))
      expect(Array.from(scalarInputs.cols)).toEqual(Array.from(generateInputs(spec).cols))
      const viaScalar = runSimulation(p, scalarInputs, { engine: 'wasm-simd' })
      expect(viaScalar.engine).toBe('wasm')
      expect(Array.from(viaScalar.steps)).toEqual(Array.from(viaSimd.steps))
      expect(Array.from(viaScalar.neurons)).toEqual(Array.from(viaSimd.neurons))
      expect(Array.from(viaScalar.delayInputSum)).toEqual(Array.from(simulate(p, scalarInputs).delayInputSum))
    } finally {
      api.validate = saved
    }
  })

  it('falls back to the TypeScript engine when the kernel cannot be set up, with the same spikes', async () => {
    const { runSimulation } = await import('../../src-shared/engine/engine')
    const p = defaultParameterSet()
    p.simulation.duration_s = 1.5
    const inputs = generateInputs(inputSpecOf(p))
    const g = globalThis as unknown as { WebAssembly: unknown }
    const saved = g.WebAssembly
    const viaKernel = runSimulation(p, inputs)
    try {
      // Without WebAssembly the kernel refuses to start; the run still completes.
      g.WebAssembly = undefined
      const viaTs = runSimulation(p, inputs, { engine: 'wasm' })
      expect(spikeDigest(viaTs.steps, viaTs.neurons, 360)).toEqual(spikeDigest(viaKernel.steps, viaKernel.neurons, 360))
    } finally {
      g.WebAssembly = saved
    }
  })
})
