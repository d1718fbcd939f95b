/**
 * The archive path of the built headless runner, end to end on real worker threads: `--nwb
 * --sonata` writes one NWB and one SONATA file per run whose per-neuron spike counts (read with
 * h5wasm, and h5py where Debian's is installed) equal results.json's; results.json carries every
 * provenance key and the resolved parameters; ro-crate-metadata.json has the Process Run Crate's
 * required fields; `--verify` says 4/4 identical, and reports an edited or incomplete folder clearly.
 */
import { beforeAll, describe, expect, it } from 'vitest'
import { spawnSync } from 'node:child_process'
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { builtFile, root } from '../helpers/built'
import { readNwbSpikes } from '../../src-main/archive/nwb-reader'
import { spikesSha256 } from '../../src-main/archive/spike-digest'
import { PROVENANCE_KEYS } from '../../src-shared/provenance/run-provenance'
import { parametersSha256 } from '../../src-shared/params/canonical'
import { PROCESS_RUN_CRATE } from '../../src-main/archive/ro-crate'
import { h5pyMissing, runPythonJson } from '../helpers/h5py'

function run(args: string[]) {
  const r = spawnSync(process.execPath, [builtFile('out/main/cli.js'), ...args], { cwd: root, encoding: 'utf8', timeout: 180_000 })
  return { code: r.status, stdout: r.stdout, stderr: r.stderr }
}

interface RunJson {
  run_id: string
  spike_counts: number[]
  provenance: Record<string, unknown>
  parameters: Parameters<typeof parametersSha256>[0]
  files: { nwb: string; sonata: string }
}
const readJson = (p: string) => JSON.parse(readFileSync(p, 'utf8')) as Record<string, unknown>

let out: string
let written: ReturnType<typeof run>
beforeAll(() => {
  out = mkdtempSync(join(tmpdir(), 'sat-archive-'))
  written = run(['--out', out, '--nwb', '--sonata', '--gifs', 'none', '--quiet'])
}, 180_000)

describe('npm run experiment -- --nwb --sonata', () => {
  it('writes four NWB files whose per-neuron spike counts h5wasm reads back as results.json has them', async () => {
    expect(written.code).toBe(0)
    const runs = readJson(join(out, 'results.json')).runs as RunJson[]
    expect(runs).toHaveLength(4)
    for (const r of runs) {
      expect(r.files.nwb).toMatch(/^nwb\/.+\.nwb$/)
      const back = await readNwbSpikes(join(out, r.files.nwb), r.parameters.simulation.dt_ms)
      expect(Array.from(back.counts)).toEqual(r.spike_counts)
      // Step times survive the seconds round trip exactly: the same spikes, in the engine's order.
      expect(spikesSha256(back.steps, back.neurons)).toBe(r.provenance.spikes_sha256)
      expect(back.provenance).toEqual(r.provenance)
    }
    // One line per written file with its size and time, for the record.
    expect(written.stderr.match(/^nwb\/.+\.nwb: \d+ KiB in \d+ ms$/gm)).toHaveLength(4)
  })

  it('writes NWB and SONATA files that h5py reads with the same counts', (ctx) => {
    const missing = h5pyMissing()
    if (missing) {
      console.log(`skipped: ${missing}`)
      ctx.skip()
      return
    }
    const runs = readJson(join(out, 'results.json')).runs as RunJson[]
    const script = [
      'import h5py, json, sys, numpy as np',
      'out = []',
      'for nwb, son in zip(sys.argv[1::2], sys.argv[2::2]):',
      '  f = h5py.File(nwb, "r"); s = h5py.File(son, "r")',
      '  idx = f["units/spike_times_index"][:]',
      '  n = np.diff(np.concatenate([[0], idx])).tolist()',
      '  e = np.bincount(s["spikes/exc/node_ids"][:].astype(int), minlength=360).tolist()',
      '  i = np.bincount(s["spikes/inh/node_ids"][:].astype(int), minlength=90).tolist()',
      '  out.append({"nwb": n, "sonata": e + i, "start": f["session_start_time"][()].decode()})',
      'print(json.dumps(out))'
    ].join('\n')
    const res = runPythonJson(script, runs.flatMap((r) => [join(out, r.files.nwb), join(out, r.files.sonata)])) as Array<{ nwb: number[]; sonata: number[]; start: string }>
    res.forEach((x, k) => {
      expect(x.nwb).toEqual(runs[k].spike_counts)
      expect(x.sonata).toEqual(runs[k].spike_counts)
      expect(x.start).toMatch(/\+00:00$/)
    })
  })

  it('records every provenance key and the full resolved parameter set of each run in results.json', () => {
    const json = readJson(join(out, 'results.json'))
    for (const r of json.runs as RunJson[]) {
      for (const k of PROVENANCE_KEYS) if (k !== 'experiment_sha256') expect(r.provenance, k).toHaveProperty(k)
      expect(r.provenance.parameters_sha256).toBe(parametersSha256(r.parameters))
      expect(r.provenance.engine).toMatch(/^(wasm-simd|wasm|typescript)$/)
      expect(r.parameters.simulation.seed).toBe(42)
    }
  })

  it('describes the folder as a Process Run Crate', () => {
    const crate = readJson(join(out, 'ro-crate-metadata.json'))
    const graph = crate['@graph'] as Array<Record<string, unknown>>
    const byId = new Map(graph.map((e) => [e['@id'] as string, e]))
    const rootDs = byId.get('./')!
    expect(byId.get('ro-crate-metadata.json')).toMatchObject({ about: { '@id': './' }, conformsTo: { '@id': 'https://w3id.org/ro/crate/1.1' } })
    expect(rootDs).toMatchObject({ '@type': 'Dataset', conformsTo: { '@id': PROCESS_RUN_CRATE } })
    for (const k of ['name', 'description', 'datePublished', 'license']) expect(rootDs, k).toHaveProperty(k)
    const action = byId.get((rootDs.mentions as { '@id': string })['@id'])!
    expect(action['@type']).toBe('CreateAction')
    expect(byId.get((action.instrument as { '@id': string })['@id'])).toMatchObject({ '@type': 'SoftwareApplication', softwareVersion: '0.1.0' })
    for (const k of ['name', 'description', 'endTime', 'startTime']) expect(action, k).toHaveProperty(k)
    const results = (action.result as Array<{ '@id': string }>).map((r) => r['@id'])
    expect(results).toEqual(expect.arrayContaining(['results.json', 'runs.csv', 'conditions.csv', 'nwb/normal-1.nwb', 'sonata/normal-1-spikes.h5']))
    expect((action.object as Array<{ '@id': string }>).map((r) => r['@id'])).toEqual(['inputs/parameters.json'])
    for (const id of [...results, 'inputs/parameters.json']) {
      expect(byId.get(id), id).toMatchObject({ '@type': 'File', sha256: expect.stringMatching(/^[0-9a-f]{64}$/) })
    }
  })
})

describe('npm run experiment -- --verify DIR', () => {
  it('reruns the four runs and says 4/4 identical', () => {
    const r = run(['--verify', out, '--quiet'])
    expect(r.stdout.trim().split('\n').at(-1)).toBe('4/4 identical')
    expect(r.stdout.match(/ identical: \d+ spikes/g)).toHaveLength(4)
    expect(r.code).toBe(0)
  }, 120_000)

  it('reports a results folder edited by hand: changed parameters, changed spikes, a missing NWB and a missing run', () => {
    const copy = mkdtempSync(join(tmpdir(), 'sat-archive-edited-'))
    cpSync(out, copy, { recursive: true })
    const json = readJson(join(copy, 'results.json'))
    const runs = json.runs as RunJson[]
    runs[0].parameters.serotonin.mu_exc = 0.5
    // A different recorded spike digest: the rerun no longer matches, located through the NWB file.
    runs[1].provenance.spikes_sha256 = '0'.repeat(64)
    runs.splice(3, 1)
    writeFileSync(join(copy, 'results.json'), JSON.stringify(json))
    rmSync(join(copy, 'nwb/slightly-decreased-serotonin-1.nwb'))
    runs[2].provenance.spikes_sha256 = '1'.repeat(64)
    writeFileSync(join(copy, 'results.json'), JSON.stringify(json))
    const r = run(['--verify', copy, '--quiet'])
    expect(r.code).toBe(1)
    const lines = r.stdout.trim().split('\n')
    expect(lines.find((l) => l.startsWith('normal#1'))).toMatch(/not verifiable: its parameters were changed after the run/)
    expect(lines.find((l) => l.startsWith('increased serotonin#1'))).toMatch(/different: the spike SHA-256 differs .* every neuron's spike train matches the stored spikes/)
    expect(lines.find((l) => l.startsWith('slightly decreased serotonin#1'))).toMatch(/different: .*nwb\/slightly-decreased-serotonin-1.nwb is missing/)
    expect(r.stdout).toContain('Note: results.json was changed after the run')
    expect(r.stdout).toContain('Note: nwb/slightly-decreased-serotonin-1.nwb is listed in ro-crate-metadata.json but missing.')
    expect(r.stdout).toContain('Note: results.json lacks 1 run the experiment asked for: decreased serotonin#1.')
    expect(lines.at(-1)).toBe('0/3 identical')
  }, 120_000)

  it('verifies runs whose orientation was drawn from the seed, in exact and fast input mode', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sat-archive-random-'))
    const yaml = join(dir, 'random.experiment.yaml')
    const set = (mode: string) => `    simulation:\n      duration_s: 2\n      input_mode: ${mode}\n`
    const cond = (name: string, setName: string) => `  - name: ${name}\n    parameter_set: ${setName}\n    mu_exc: 1\n    mu_inh: 1\n    orientation: random\n    seed: 7\n    repetitions: 2\n`
    writeFileSync(yaml, `format: serotonin-experiment\nversion: 1\nname: Random orientation\nparameter_sets:\n  exact:\n${set('exact')}  fast:\n${set('fast')}conditions:\n${cond('exact random', 'exact')}${cond('fast random', 'fast')}`)
    const made = run([yaml, '--out', join(dir, 'out'), '--gifs', 'none', '--quiet'])
    expect(made.stderr).toBe('')
    const runs = readJson(join(dir, 'out/results.json')).runs as RunJson[]
    expect(runs.map((r) => r.provenance.orientation_drawn)).toEqual([true, true, true, true])
    const r = run(['--verify', join(dir, 'out'), '--quiet'])
    expect(r.stdout.trim().split('\n').at(-1)).toBe('4/4 identical')
    expect(r.code).toBe(0)
  }, 120_000)

  it('says so when the folder has no results', () => {
    const empty = mkdtempSync(join(tmpdir(), 'sat-archive-empty-'))
    const r = run(['--verify', empty])
    expect(r.code).toBe(1)
    expect(r.stderr.trim()).toBe(`No results.json in ${empty}: give the folder that 'npm run experiment -- --out DIR' wrote.`)
    const none = run(['--verify', join(empty, 'nope')])
    expect(none.stderr.trim()).toBe(`The results folder ${join(empty, 'nope')} does not exist.`)
  })
})
