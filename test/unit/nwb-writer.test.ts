/**
 * NWB and SONATA files of one run, read back with h5wasm (and with h5py where Debian's is
 * installed): per-neuron spike counts, exact spike steps, the NWB 2.x structure pynwb needs, and
 * the provenance in /general.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { mkdtemp, readdir, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import h5wasm from 'h5wasm/node'
import { writeNwb } from '../../src-main/archive/nwb-writer'
import { readNwbSpikes } from '../../src-main/archive/nwb-reader'
import { writeSonataSpikes } from '../../src-main/archive/sonata-writer'
import { archivedRun } from '../helpers/project-fixtures'
import { h5pyMissing, runPythonJson } from '../helpers/h5py'

let dir: string
const run = archivedRun(1, 3000)
const nNeurons = run.Ne + run.Ni
const counts = new Uint32Array(nNeurons)
for (const n of run.neurons) counts[n]++

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'nwb-writer-'))
  await writeNwb(join(dir, 'run.nwb'), run, { experimentName: 'Fixture experiment' })
  await writeSonataSpikes(join(dir, 'spikes.h5'), run)
})
afterAll(() => rm(dir, { recursive: true, force: true }))

describe('NWB export (read back with h5wasm)', () => {
  it('holds every spike of every neuron at its step', async () => {
    const back = await readNwbSpikes(join(dir, 'run.nwb'), run.dt_ms)
    expect(back.counts).toEqual(counts)
    // Same multiset of (step, neuron): the fixture's order within a step is random, so compare sorted.
    const key = (s: Uint32Array, n: Uint16Array) => Array.from(s, (x, k) => x * 65536 + n[k]).sort((a, b) => a - b)
    expect(key(back.steps, back.neurons)).toEqual(key(run.steps, run.neurons))
    expect(back.provenance).toMatchObject({ engine: 'wasm-simd', parameters_sha256: run.record.provenance!.parameters_sha256 })
    expect(back.identifier).toContain(run.record.runId)
  })

  it('has the NWB 2.x root, Units table and stimulus intervals pynwb reads', async () => {
    await h5wasm.ready
    const f = new h5wasm.File(join(dir, 'run.nwb'), 'r')
    try {
      const attr = (path: string, name: string) => (f.get(path) as unknown as { attrs: Record<string, { value: unknown }> }).attrs[name]?.value
      expect(attr('/', 'neurodata_type')).toBe('NWBFile')
      expect(attr('/', 'nwb_version')).toBe('2.7.0')
      for (const g of ['acquisition', 'analysis', 'processing', 'stimulus/presentation', 'stimulus/templates', 'general', 'units', 'intervals/stimulus']) {
        expect(f.get(g), g).toBeTruthy()
      }
      expect(attr('units', 'colnames')).toEqual(['spike_times', 'population', 'preferred_angle_deg'])
      expect(attr('units/spike_times_index', 'neurodata_type')).toBe('VectorIndex')
      expect(attr('intervals/stimulus', 'neurodata_type')).toBe('TimeIntervals')
      const value = (p: string) => (f.get(p) as unknown as { value: unknown }).value
      expect(String(value('session_start_time'))).toMatch(/^\d{4}-\d{2}-\d{2}T.*\+00:00$/)
      expect(String(value('session_description'))).toContain("condition 'increased serotonin'")
      const pop = value('units/population') as string[]
      expect([pop[0], pop[run.Ne - 1], pop[run.Ne], pop.length]).toEqual(['exc', 'exc', 'inh', nNeurons])
      const angle = value('units/preferred_angle_deg') as Float64Array
      expect(angle[90]).toBe(90)
      expect(angle[run.Ne]).toBeNaN()
      expect(Array.from(value('intervals/stimulus/start_time') as Float64Array)).toEqual([run.params.stimulus.t_on_s])
      expect(JSON.parse(String(value('general/protocol')))).toEqual(run.params)
    } finally {
      f.close()
    }
  })

  it('leaves no temporary file behind', async () => {
    expect((await readdir(dir)).sort()).toEqual(['run.nwb', 'spikes.h5'])
  })

  it('refuses a folder that does not exist, with the path and the reason', async () => {
    const target = join(dir, 'missing', 'x.nwb')
    await expect(writeNwb(target, run, { experimentName: 'x' })).rejects.toThrow(`Could not save ${target}: the folder does not exist. Nothing was changed on disk.`)
  })
})

describe('SONATA spikes (read back with h5wasm)', () => {
  it('splits the spikes into exc and inh populations, in ms, sorted by time', async () => {
    await h5wasm.ready
    const f = new h5wasm.File(join(dir, 'spikes.h5'), 'r')
    try {
      const value = (p: string) => (f.get(p) as unknown as { value: unknown }).value
      const ids = value('spikes/exc/node_ids') as BigUint64Array
      const t = value('spikes/exc/timestamps') as Float64Array
      const inh = value('spikes/inh/node_ids') as BigUint64Array
      expect(ids.length + inh.length).toBe(run.steps.length)
      let excCount = 0
      for (const n of run.neurons) if (n < run.Ne) excCount++
      expect(ids.length).toBe(excCount)
      for (let k = 1; k < t.length; k++) expect(t[k]).toBeGreaterThanOrEqual(t[k - 1])
      expect(Math.max(...Array.from(inh, Number))).toBeLessThan(run.Ni)
      expect((f.get('spikes/exc') as unknown as { attrs: Record<string, { value: unknown }> }).attrs.sorting.value).toBe('by_time')
    } finally {
      f.close()
    }
  })
})

describe('NWB export read with h5py (Debian python3-h5py)', () => {
  const missing = h5pyMissing()
  it('h5py reads the same per-neuron spike counts and the NWB attributes', (ctx) => {
    if (missing) {
      console.log(`skipped: ${missing}`)
      ctx.skip()
      return
    }
    const script = [
      'import h5py, json, sys, numpy as np',
      'f = h5py.File(sys.argv[1], "r")',
      'idx = f["units/spike_times_index"][:]',
      'target = f[f["units/spike_times_index"].attrs["target"]]',
      'g = h5py.File(sys.argv[2], "r")',
      'print(json.dumps({"counts": np.diff(np.concatenate([[0], idx])).tolist(), "type": f.attrs["neurodata_type"],',
      ' "target": target.name, "n_times": int(f["units/spike_times"].shape[0]),',
      ' "sonata": int(g["spikes/exc/node_ids"].shape[0] + g["spikes/inh/node_ids"].shape[0]), "units": g["spikes/exc/timestamps"].attrs["units"]}))'
    ].join('\n')
    const out = runPythonJson(script, [join(dir, 'run.nwb'), join(dir, 'spikes.h5')]) as Record<string, unknown>
    expect(out.counts).toEqual(Array.from(counts))
    expect(out).toMatchObject({ type: 'NWBFile', target: '/units/spike_times', n_times: run.steps.length, sonata: run.steps.length, units: 'ms' })
  })
})
