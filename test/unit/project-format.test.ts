import { describe, expect, it } from 'vitest'
import { decodeBase64, encodeBase64, Base64Error } from '../../src-shared/project/base64'
import {
  CURRENT_FORMAT_VERSION, decodeSpikes, encodeSpikes, MAX_SPIKES_PER_RUN, PROJECT_EXTENSION, PROJECT_FORMAT, serializeProject,
  SpikeCodecError
} from '../../src-shared/project/format'
import { UPGRADES, upgradeProject } from '../../src-shared/project/upgrade'
import { ProjectFormatError } from '../../src-shared/project/errors'
import { DEFAULT_GIF } from '../../src-shared/experiment/presets'
import { fromStoredRun } from '../../src-main/project/stored-runs'
import { archivedRun, formatOneProject, formatTwoProject, mulberry32, randomSpikes, sampleProject } from '../helpers/project-fixtures'
import { conditionParametersSha256, parametersSha256 } from '../../src-shared/params/canonical'

type Obj = Record<string, unknown>
const o = (v: unknown): Obj => v as Obj

function randomBytes(n: number, seed: number): Uint8Array {
  const rand = mulberry32(seed)
  const out = new Uint8Array(n)
  for (let i = 0; i < n; i++) out[i] = Math.floor(rand() * 256)
  return out
}

function parsed(): Obj {
  return o(JSON.parse(serializeProject(sampleProject(3, 200))))
}

function formatError(fn: () => unknown): ProjectFormatError {
  try {
    fn()
  } catch (err) {
    expect(err).toBeInstanceOf(ProjectFormatError)
    return err as ProjectFormatError
  }
  throw new Error('expected a ProjectFormatError')
}

describe('base64', () => {
  it('matches Node Buffer for random bytes of every length up to 70 and a large block', () => {
    const lengths = [...Array(71).keys(), 65_537, 100_000]
    for (const n of lengths) {
      const bytes = randomBytes(n, n + 1)
      const text = encodeBase64(bytes)
      expect(text).toBe(Buffer.from(bytes).toString('base64'))
      expect(decodeBase64(text)).toEqual(bytes)
      expect(decodeBase64(Buffer.from(bytes).toString('base64'))).toEqual(bytes)
    }
  })

  it('rejects malformed text instead of decoding other bytes', () => {
    expect(() => decodeBase64('abc')).toThrow(Base64Error)
    expect(() => decodeBase64('ab!d')).toThrow(/invalid character "!" at position 2/)
    expect(() => decodeBase64('a=bc')).toThrow(Base64Error)
    expect(() => decodeBase64('====')).toThrow(Base64Error)
    expect(() => decodeBase64('QR==')).toThrow(/stray bits/)
    expect(() => decodeBase64('QUJD', 2)).toThrow(/more than the 2/)
    expect(decodeBase64('QQ==')).toEqual(new Uint8Array([65]))
  })
})

describe('spike encoding', () => {
  it('round-trips an empty raster', () => {
    const enc = encodeSpikes(new Uint32Array(0), new Uint16Array(0))
    expect(enc).toEqual({ count: 0, steps: '', neurons: '' })
    const dec = decodeSpikes(enc, { nSteps: 10, nNeurons: 450 })
    expect(dec.steps.length).toBe(0)
    expect(dec.neurons.length).toBe(0)
  })

  it('round-trips 100000 spikes exactly and compactly', () => {
    const { steps, neurons } = randomSpikes(100_000, 50_000, 450, 9)
    const enc = encodeSpikes(steps, neurons)
    expect(enc.count).toBe(100_000)
    // Varints of small deltas and neuron ids: far below the ~20 bytes per spike of JSON arrays.
    expect(enc.steps.length + enc.neurons.length).toBeLessThan(100_000 * 5)
    const dec = decodeSpikes(enc, { nSteps: 50_000, nNeurons: 450 })
    expect(dec.steps).toEqual(steps)
    expect(dec.neurons).toEqual(neurons)
  })

  it('round-trips extreme values (step 2^32-1, neuron 65535)', () => {
    const steps = new Uint32Array([0, 0, 127, 128, 16_383, 16_384, 0xffff_fffe, 0xffff_ffff])
    const neurons = new Uint16Array([0, 65_535, 127, 128, 16_383, 16_384, 1, 2])
    const dec = decodeSpikes(encodeSpikes(steps, neurons))
    expect(dec.steps).toEqual(steps)
    expect(dec.neurons).toEqual(neurons)
  })

  it('refuses unsorted or mismatched rasters when encoding', () => {
    expect(() => encodeSpikes(new Uint32Array([5, 3]), new Uint16Array([1, 2]))).toThrow(/sorted by step/)
    expect(() => encodeSpikes(new Uint32Array([5]), new Uint16Array([1, 2]))).toThrow(/1 spike steps but 2/)
  })

  it('rejects damaged streams with a clear error', () => {
    const { steps, neurons } = randomSpikes(100, 1000, 450, 3)
    const enc = encodeSpikes(steps, neurons)
    const bounds = { nSteps: 1000, nNeurons: 450 }
    expect(() => decodeSpikes({ ...enc, count: 101 }, bounds)).toThrow(/ends after 100 of 101|too few/)
    expect(() => decodeSpikes({ ...enc, count: 99 }, bounds)).toThrow(/left over/)
    expect(() => decodeSpikes({ ...enc, count: -1 }, bounds)).toThrow(/not a whole number/)
    expect(() => decodeSpikes({ ...enc, count: 2.5 }, bounds)).toThrow(/not a whole number/)
    expect(() => decodeSpikes({ ...enc, count: MAX_SPIKES_PER_RUN + 1 }, bounds)).toThrow(/exceeds the limit/)
    expect(() => decodeSpikes(enc, { nSteps: 10, nNeurons: 450 })).toThrow(/outside the run's 10 steps/)
    expect(() => decodeSpikes(enc, { nSteps: 1000, nNeurons: 3 })).toThrow(/the network has 3 neurons/)
    expect(() => decodeSpikes({ ...enc, steps: enc.steps.slice(1) }, bounds)).toThrow(SpikeCodecError)
    // Six continuation bytes: an over-long varint must stop, not shift forever.
    const overlong = encodeBase64(new Uint8Array([0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01]))
    expect(() => decodeSpikes({ count: 2, steps: overlong, neurons: encodeBase64(new Uint8Array(2)) })).toThrow(/spike 0 has an over-long step/)
    // A huge declared count with a tiny stream fails before any large allocation.
    expect(() => decodeSpikes({ count: MAX_SPIKES_PER_RUN, steps: 'AA==', neurons: 'AA==' })).toThrow(/too few/)
    // A stream longer than the count allows is refused before decoding.
    expect(() => decodeSpikes({ count: 1, steps: encodeBase64(new Uint8Array(6)), neurons: 'AA==' })).toThrow(/more than the 5/)
  })

  it('never hangs or escapes bounds on random garbage', () => {
    for (let seed = 1; seed <= 300; seed++) {
      const rand = mulberry32(seed)
      const count = Math.floor(rand() * 40)
      const garbage = { count, steps: encodeBase64(randomBytes(Math.floor(rand() * 200), seed)), neurons: encodeBase64(randomBytes(Math.floor(rand() * 120), seed + 1000)) }
      try {
        const dec = decodeSpikes(garbage, { nSteps: 50_000, nNeurons: 450 })
        expect(dec.steps.length).toBe(count)
        for (let i = 0; i < count; i++) {
          expect(dec.steps[i]).toBeLessThan(50_000)
          expect(dec.neurons[i]).toBeLessThan(450)
        }
      } catch (err) {
        expect(err).toBeInstanceOf(SpikeCodecError)
      }
    }
  })
})

describe('project format', () => {
  it('declares its identity', () => {
    expect(PROJECT_EXTENSION).toBe('satproj')
    expect(CURRENT_FORMAT_VERSION).toBe(3)
    expect(PROJECT_FORMAT).toBe('serotonin-attractor-workbench-project')
  })

  it('round-trips a current project through JSON, keeping NaN measures and spikes', () => {
    const original = sampleProject(3, 500)
    const { project, upgradedFrom } = upgradeProject(JSON.parse(serializeProject(original)))
    expect(upgradedFrom).toBeUndefined()
    expect(project.document).toEqual(original.document)
    expect(project.runs).toHaveLength(3)
    expect(Number.isNaN(project.runs[0].summary.mean_delay_input_inh)).toBe(true)
    expect(project.runs[2].summary.exc_spikes).toBe(1002)
    const run = fromStoredRun(project.runs[1])
    const expected = archivedRun(1, 500)
    expect(run.steps).toEqual(expected.steps)
    expect(run.neurons).toEqual(expected.neurons)
    expect(run.record).toEqual(expected.record)
    expect(run.params).toEqual(expected.params)
  })

  it('has an unbroken chain of upgrade steps ending at the current format', () => {
    let v = 1
    for (const step of UPGRADES) {
      expect(step.from).toBe(v)
      expect(step.to).toBe(v + 1)
      expect(step.describe.length).toBeGreaterThan(10)
      v = step.to
    }
    expect(v).toBe(CURRENT_FORMAT_VERSION)
  })

  it('opens a format-2 project: its runs keep no provenance, newer runs keep theirs', () => {
    const v2 = formatTwoProject(2)
    const before = JSON.stringify(v2)
    const { project, upgradedFrom } = upgradeProject(v2)
    expect(JSON.stringify(v2)).toBe(before)
    expect(upgradedFrom).toBe(2)
    expect(project.formatVersion).toBe(3)
    expect(project.runs.map((r) => r.provenance)).toEqual([undefined, undefined])
    const current = upgradeProject(JSON.parse(serializeProject(sampleProject(2, 50)))).project
    expect(current.runs[1].provenance?.parameters_sha256).toMatch(/^[0-9a-f]{64}$/)
    expect(fromStoredRun(current.runs[1]).record.provenance).toEqual(archivedRun(1, 50).record.provenance)
  })

  it('rejects a run whose provenance names an unknown engine', () => {
    const p = parsed()
    o(o((p.runs as unknown[])[1]).provenance).engine = 'gpu'
    expect(formatError(() => upgradeProject(p)).message).toContain('runs[1].provenance.engine')
  })

  it('upgrades a format-2 project: every run gets the hashes of its stored parameters', () => {
    const v2 = formatTwoProject()
    const { project, upgradedFrom } = upgradeProject(v2)
    expect(upgradedFrom).toBe(2)
    expect(project.formatVersion).toBe(3)
    for (const run of project.runs) {
      expect(run.parametersSha256).toBe(parametersSha256(run.params))
      expect(run.conditionSha256).toBe(conditionParametersSha256(run.params))
    }
    // Runs 0 and 1 differ in mu_exc, so they are not one parameter set.
    expect(project.runs[0].conditionSha256).not.toBe(project.runs[1].conditionSha256)
  })

  it('rejects a run whose parameter hash does not match its stored parameters', () => {
    const p = JSON.parse(serializeProject(sampleProject(2, 50))) as { runs: Array<Record<string, unknown>> }
    p.runs[1].conditionSha256 = p.runs[0].conditionSha256
    expect(() => upgradeProject(p)).toThrow(/runs\[1\]\.conditionSha256.*does not match the run's parameters/)
  })

  it('upgrades a format-1 project to the current format', () => {
    const v1 = formatOneProject()
    const before = JSON.stringify(v1)
    const { project, upgradedFrom } = upgradeProject(v1)
    expect(JSON.stringify(v1)).toBe(before)
    expect(upgradedFrom).toBe(1)
    expect(project.formatVersion).toBe(3)
    expect(project.document.view).toEqual({})
    expect(project.document.gif).toEqual(DEFAULT_GIF)
    expect(project.document.conditions[0].orientation).toBe(100)
    expect(project.document.conditions[0]).not.toHaveProperty('orientation_deg')
    expect(project.document.parameterSets.default.simulation.input_mode).toBe('exact')
    expect(project.runs.map((r) => r.inputMode)).toEqual(['exact', 'exact'])
    expect(project.runs[1].params.simulation.input_mode).toBe('exact')
  })

  it('upgrades a hand-written format-1 condition table', () => {
    const v1 = formatOneProject()
    o(v1.document).conditions = [{ name: 'ctrl', parameterSet: 'default', mu_exc: 1, mu_inh: 1, orientation_deg: 270, seed: 7, repetitions: 3 }]
    o(v1.document).control = 'ctrl'
    const { project } = upgradeProject(v1)
    expect(project.document.conditions).toEqual([{ name: 'ctrl', parameterSet: 'default', mu_exc: 1, mu_inh: 1, orientation: 270, seed: 7, repetitions: 3 }])
  })

  it('rejects a project from a newer version with an actionable message', () => {
    const p = parsed()
    p.formatVersion = 4
    const err = formatError(() => upgradeProject(p))
    expect(err.problem).toBe('newer')
    expect(err.message).toBe(
      'This project was saved by a newer version of the workbench (format 4); this version reads formats up to 3. Update the app to open it.'
    )
  })

  it('rejects other programs\u2019 JSON and invalid versions', () => {
    const pkg = { name: 'serotonin-attractor-workbench', version: '0.1.0', type: 'module', dependencies: {} }
    for (const raw of [pkg, [], null, 'text', 42, { format: 'something-else', formatVersion: 2 }]) {
      const err = formatError(() => upgradeProject(raw))
      expect(err.problem).toBe('not-project')
      expect(err.message).toBe('This is not a Serotonin Workbench project file.')
    }
    for (const version of [1.5, '2', 0, null]) {
      const p = parsed()
      p.formatVersion = version
      const err = formatError(() => upgradeProject(p))
      expect(err.message).toMatch(/invalid format version/)
    }
  })

  it('names missing and out-of-range fields', () => {
    const cases: Array<[(p: Obj) => void, RegExp]> = [
      [(p) => delete o((o(p.document).conditions as Obj[])[1]).mu_exc, /document\.conditions\[1\]\.mu_exc: expected a finite number/],
      [(p) => (o((o(p.document).conditions as Obj[])[0]).mu_inh = 12), /document\.conditions\[0\]\.mu_inh: 12 is above the maximum 10/],
      [(p) => delete o(p.document).name, /document\.name: expected a string/],
      [(p) => delete o(o((p.runs as Obj[])[1]).summary).exc_rate_hz, /runs\[1\]\.summary\.exc_rate_hz \(run 'run-1'\): missing/],
      [(p) => delete (p.runs as Obj[])[0].raster, /runs\[0\]\.raster \(run 'run-0'\): expected an object/],
      [(p) => delete (p.runs as Obj[])[2].inputMode, /runs\[2\]\.inputMode \(run 'run-2'\)/],
      [(p) => ((p.runs as Obj[])[2].runId = 'run-0'), /runs\[2\]\.runId \(run 'run-0'\): the run id 'run-0' appears twice/],
      [(p) => (o((p.runs as Obj[])[0].raster).Ne = 100), /runs\[0\]\.raster \(run 'run-0'\): the raster is of 100\+90 neurons/],
      [(p) => (o((p.runs as Obj[])[0].raster).nSteps = 10), /runs\[0\]\.raster\.nSteps .*differs from the 50000 steps/],
      [(p) => (o((p.runs as Obj[])[1].raster).count = 199), /runs\[1\]\.raster \(run 'run-1'\): the step stream has .* left over/],
      [(p) => (o((p.runs as Obj[])[1].raster).neurons = 'AAA'), /runs\[1\]\.raster \(run 'run-1'\): the neuron stream is damaged/],
      [(p) => delete o(o((p.runs as Obj[])[0].params).RS).C, /runs\[0\]\.params \(run 'run-0'\): .*RS/],
      [(p) => (p.extra = 1), /unexpected field 'extra'/],
      [(p) => (p.savedAt = 'yesterday'), /savedAt: "yesterday" is not a date/],
      [(p) => (p.runs = {}), /runs: expected an array of runs/]
    ]
    for (const [damage, message] of cases) {
      const p = parsed()
      damage(p)
      const err = formatError(() => upgradeProject(p))
      expect(err.problem).toBe('invalid')
      expect(err.message).toMatch(/^The project file is not valid: /)
      expect(err.message).toMatch(message)
    }
  })
})
