/**
 * Bad inputs, swept rather than sampled: every numeric parameter at zero, negative, huge and
 * non-finite values; and bad parameter and experiment files through the import services, where
 * each must give a clear message, leave the file and its folder exactly as they were, and leave
 * the service working for the next, good file. A run too large for memory is refused with its
 * figure before anything is queued.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Dialogs, ServiceContext } from '../../src-main/services/context'
import { createParamsIoService } from '../../src-main/services/params-io-service'
import { createExperimentIoService } from '../../src-main/services/experiment-io-service'
import { createRunsService } from '../../src-main/services/runs-service'
import type { SimPool } from '../../src-main/pool/sim-pool'
import type { RunStore } from '../../src-main/runs/run-store'
import { GROUP_NAMES, PARAMETER_SCHEMA, isInRange, type NumberFieldSpec } from '../../src-shared/params/schema'
import { formatYamlNumber, parseCombinedYaml } from '../../src-shared/params/yaml-io'
import { ParameterFileError } from '../../src-shared/params/errors'
import { estimateRunMemoryBytes, MAX_RUN_MEMORY_BYTES } from '../../src-shared/params/memory'
import { toExperimentYaml } from '../../src-shared/experiment/experiment-yaml'
import { notebookExperiment } from '../../src-shared/experiment/presets'
import { expandRuns } from '../../src-shared/experiment/expand'

const PER_FIELD_CODES = new Set(['type', 'not-finite', 'range', 'integer'])

function yamlNumber(x: number): string {
  if (Number.isNaN(x)) return '.nan'
  if (x === Infinity) return '.inf'
  if (x === -Infinity) return '-.inf'
  return formatYamlNumber(x)
}

describe('every numeric parameter at zero, negative, huge and non-finite values', () => {
  it('is refused exactly when outside its range, naming the parameter and its line', () => {
    const candidates = [0, -1, -1e9, 0.5, 1e12, Number.NaN, Infinity, -Infinity]
    let refused = 0
    let accepted = 0
    for (const group of GROUP_NAMES) {
      for (const [key, spec] of Object.entries(PARAMETER_SCHEMA[group].fields) as Array<[string, NumberFieldSpec | { kind: 'enum' }]>) {
        if (spec.kind !== 'number') continue
        for (const x of candidates) {
          const text = `# sweep\n${group}:\n  ${key}: ${yamlNumber(x)}\n`
          const invalid = !Number.isFinite(x) || !isInRange(spec, x) || (spec.integer === true && !Number.isInteger(x))
          let error: ParameterFileError | null = null
          try {
            parseCombinedYaml(text, 'sweep.yaml')
          } catch (err) {
            expect(err, `${group}.${key} = ${x}`).toBeInstanceOf(ParameterFileError)
            error = err as ParameterFileError
          }
          const own = error?.errors.filter((e) => e.group === group && e.key === key && PER_FIELD_CODES.has(e.code)) ?? []
          if (invalid) {
            expect(own, `${group}.${key} = ${x} was not refused`).toHaveLength(1)
            expect(own[0]).toMatchObject({ file: 'sweep.yaml', line: 3 })
            expect(own[0].message).toContain(`${group}.${key}`)
            expect(error!.message).toMatch(/^sweep\.yaml(, line \d+:| has \d+ problems; the first is sweep\.yaml, line \d+:) /)
            refused++
          } else {
            // In range: only a rule across fields (stimulus after the run, dt too coarse, memory) may object.
            expect(own, `${group}.${key} = ${x} is in range but was refused`).toEqual([])
            accepted++
          }
        }
      }
    }
    expect(refused).toBeGreaterThan(200)
    expect(accepted).toBeGreaterThan(20)
  })
})

// ------------------------------------------------------------------ through the import services

let dir: string
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'bad-inputs-'))
})
afterEach(() => {
  rmSync(dir, { recursive: true, force: true })
})

/** Opens `paths` in turn, one per dialog; fails on any other dialog. */
function openingDialogs(...answers: string[][]): Dialogs {
  const queue = [...answers]
  const refuse = async (): Promise<never> => {
    throw new Error('unexpected dialog')
  }
  return { openFiles: async () => queue.shift() ?? null, openDirectory: refuse, saveFile: refuse, ask: refuse }
}

function context(dialogs: Dialogs): ServiceContext {
  return { dialogs, events: { emit: () => undefined }, userDataDir: join(dir, 'user-data'), appVersion: '0.0.0' }
}

function snapshot(folder: string): Record<string, string> {
  return Object.fromEntries(readdirSync(folder).sort().map((f) => [f, readFileSync(join(folder, f)).toString('base64')]))
}

const LAUGHS = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]', ...'bcdefgh'.split('').map((c, i) => `${c}: &${c} [${Array(9).fill(`*${'abcdefgh'[i]}`).join(',')}]`)].join('\n')

const BAD_PARAMETER_FILES: Array<[string, string | Buffer, RegExp]> = [
  ['syntax error', 'RS:\n  C: [100, 2\n', /line \d+/],
  ['alias bomb', LAUGHS, /aliases/],
  ['wrong type', 'RS:\n  C: fast\n', /RS\.C = "fast" is text/],
  ['unknown key', 'RS:\n  Cm: 100\n', /Cm/],
  ['unknown group', 'RZ:\n  C: 100\n', /RZ/],
  ['NaN', 'RS:\n  a: .nan\n', /NaN/],
  ['infinity', 'RS:\n  b: -.inf\n', /infinity/],
  ['negative dt', 'simulation:\n  dt_ms: -0.1\n', /simulation\.dt_ms = -0\.1/],
  ['zero dt', 'simulation:\n  dt_ms: 0\n', /simulation\.dt_ms = 0/],
  ['zero duration', 'simulation:\n  duration_s: 0\n', /simulation\.duration_s = 0/],
  ['negative duration', 'simulation:\n  duration_s: -5\n', /simulation\.duration_s = -5/],
  ['zero network size', 'network:\n  Ne: 0\n', /network\.Ne = 0/],
  ['fractional network size', 'network:\n  Ni: 90.5\n', /network\.Ni = 90\.5/],
  ['stimulus after the run', 'simulation:\n  duration_s: 1\n', /stimulus/i],
  ['empty file', '', /empty|no parameters|holds nothing/i],
  ['a list, not groups', '- 1\n- 2\n', /list/],
  ["another program's JSON", '{"name": "my-app", "version": "1.0.0", "dependencies": {}}', /name/],
  ['binary', Buffer.from(Array.from({ length: 3000 }, (_, i) => (i * 7919 + 13) % 256)), /.+/]
]

describe('bad parameter files, through params:import', () => {
  it.each(BAD_PARAMETER_FILES)('%s: a clear message, the file untouched, the service still working', async (_label, content, pattern) => {
    const bad = join(dir, 'bad-params.yaml')
    const good = join(dir, 'good-params.yaml')
    writeFileSync(bad, content)
    writeFileSync(good, 'RS:\n  C: 120\n')
    const before = snapshot(dir)
    const service = createParamsIoService(context(openingDialogs([bad], [good])))
    const result = await service['params:import'](undefined)
    expect(result.ok).toBe(false)
    if (result.ok || 'cancelled' in result) throw new Error('expected a failure')
    expect(result.message).toMatch(/bad-params\.yaml/)
    expect(result.message).toMatch(pattern)
    expect(result.message).not.toMatch(/\n\s+at\s|YAMLException|TypeError|undefined/)
    expect(snapshot(dir)).toEqual(before)
    const next = await service['params:import'](undefined)
    expect(next).toMatchObject({ ok: true, params: { RS: { C: 120 } } })
  })
})

function experimentText(edit: (text: string) => string): string {
  return edit(toExperimentYaml(notebookExperiment()))
}

const BAD_EXPERIMENT_FILES: Array<[string, string, RegExp]> = [
  ['syntax error', experimentText((t) => t.replace('mu_exc: 1\n', 'mu_exc: [1\n')), /line \d+/],
  ['alias bomb', `format: serotonin-experiment\nversion: 1\n${LAUGHS}\n`, /alias/i],
  ['wrong type', experimentText((t) => t.replace('mu_exc: 0.97', 'mu_exc: lots')), /mu_exc/],
  ['unknown key', experimentText((t) => t.replace('    repetitions: 1\n', '    repetitions: 1\n    repetitons: 2\n')), /repetitons/],
  ['NaN', experimentText((t) => t.replace('mu_inh: 1.01', 'mu_inh: .nan')), /mu_inh/],
  ['infinity', experimentText((t) => t.replace('orientation: 100', 'orientation: .inf')), /orientation/],
  ['zero repetitions', experimentText((t) => t.replace('repetitions: 1', 'repetitions: 0')), /repetitions/],
  ['negative seed', experimentText((t) => t.replace('seed: 42', 'seed: -1')), /seed/],
  ['zero dt in a set', experimentText((t) => t.replace('default: {}', 'default:\n    simulation: { dt_ms: 0 }')), /dt_ms/],
  ['zero duration in a set', experimentText((t) => t.replace('default: {}', 'default:\n    simulation: { duration_s: 0 }')), /duration_s/],
  ['negative network size in a set', experimentText((t) => t.replace('default: {}', 'default:\n    network: { Ne: -360 }')), /Ne/],
  ['newer version', experimentText((t) => t.replace('version: 1', 'version: 99')), /version/],
  ['a parameter file, not an experiment', 'RS:\n  C: 100\n', /format|experiment/i],
  ['empty file', '', /empty/i]
]

describe('bad experiment files, through experiment:import', () => {
  it.each(BAD_EXPERIMENT_FILES)('%s: a clear message, the file untouched, the service still working', async (_label, content, pattern) => {
    const bad = join(dir, 'bad-experiment.yaml')
    const good = join(dir, 'good-experiment.yaml')
    writeFileSync(bad, content)
    writeFileSync(good, toExperimentYaml(notebookExperiment()))
    const before = snapshot(dir)
    const service = createExperimentIoService(context(openingDialogs([bad], [good])))
    const result = await service['experiment:import'](undefined)
    expect(result.ok).toBe(false)
    if (result.ok || 'cancelled' in result) throw new Error('expected a failure')
    expect(result.message).toMatch(/bad-experiment\.yaml/)
    expect(result.message).toMatch(pattern)
    expect(result.message).not.toMatch(/\n\s+at\s|YAMLException|TypeError|undefined/)
    expect(snapshot(dir)).toEqual(before)
    const next = await service['experiment:import'](undefined)
    expect(next).toMatchObject({ ok: true, experiment: { name: notebookExperiment().name } })
  })
})

describe('a run too large for memory', () => {
  it('is refused with the figure before anything is queued, even beside runs that fit', async () => {
    const runs = expandRuns(notebookExperiment())
    const huge = structuredClone(runs[1])
    huge.runId = 'huge'
    huge.params.network.Ne = 5000
    huge.params.network.Ni = 5000
    huge.params.simulation.duration_s = 600
    huge.params.simulation.dt_ms = 0.01
    expect(estimateRunMemoryBytes(huge.params)).toBeGreaterThan(MAX_RUN_MEMORY_BYTES)
    let simulated = 0
    const pool = {
      maxThreads: 2,
      generateInputs: () => {
        simulated++
        return new Promise(() => undefined)
      },
      simulate: () => {
        simulated++
        return new Promise(() => undefined)
      }
    } as unknown as SimPool
    const service = createRunsService(context(openingDialogs()), pool, {} as RunStore)
    const result = await service['runs:enqueue']({ runs: [runs[0], huge, runs[2]] })
    expect(result.ok).toBe(false)
    if (result.ok) throw new Error('expected a refusal')
    expect(result.message).toMatch(/^Run 'huge' would need about \d+(\.\d+)? [GT]i?B of memory, more than the 2(\.0+)? Gi?B a run may use; reduce Ne, Ni or the duration\. Nothing was queued\.$/)
    expect(service.queue.counts()).toEqual({ queued: 0, running: 0, done: 0, failed: 0, cancelled: 0 })
    expect(simulated).toBe(0)
    service.dispose()
  })
})
