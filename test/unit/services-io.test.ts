/**
 * The file-dialog services with a scripted Dialogs and real files in a temporary folder.
 */
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync, existsSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Dialogs, EventSink, ServiceContext } from '../../src-main/services/context'
import { createParamsIoService } from '../../src-main/services/params-io-service'
import { createExportService, decodePngBase64 } from '../../src-main/services/export-service'
import { createAppService } from '../../src-main/services/app-service'
import { createExperimentIoService } from '../../src-main/services/experiment-io-service'
import { notebookExperiment } from '../../src-shared/experiment/presets'
import { toExperimentYaml } from '../../src-shared/experiment/experiment-yaml'
import { safeFileName } from '../../src-main/services/io-outcome'
import { defaultParameterSet, REFERENCE_FILE_GROUPS } from '../../src-shared/params/schema'
import { parseCombinedYaml, parseReferenceFiles, toCombinedYaml } from '../../src-shared/params/yaml-io'

const referenceDir = fileURLToPath(new URL('../../resources/params/', import.meta.url))
const REFERENCE_FILES = Object.keys(REFERENCE_FILE_GROUPS)

type Call = { method: keyof Dialogs; opts: unknown }

/** Answers dialogs from a script, in order, and fails the test on any dialog it was not told about. */
class ScriptedDialogs implements Dialogs {
  readonly calls: Call[] = []
  private readonly script: Array<{ method: keyof Dialogs; answer: unknown }> = []

  expect(method: keyof Dialogs, answer: unknown): this {
    this.script.push({ method, answer })
    return this
  }

  private next(method: keyof Dialogs, opts: unknown): unknown {
    this.calls.push({ method, opts })
    const step = this.script.shift()
    if (!step) throw new Error(`unexpected dialog ${method}(${JSON.stringify(opts)})`)
    if (step.method !== method) throw new Error(`expected dialog ${step.method}, got ${method}`)
    return step.answer
  }

  openFiles = async (opts: Parameters<Dialogs['openFiles']>[0]) => this.next('openFiles', opts) as string[] | null
  openDirectory = async (opts: Parameters<Dialogs['openDirectory']>[0]) => this.next('openDirectory', opts) as string | null
  saveFile = async (opts: Parameters<Dialogs['saveFile']>[0]) => this.next('saveFile', opts) as string | null
  ask = async (opts: Parameters<Dialogs['ask']>[0]) => this.next('ask', opts) as number

  get pending(): number {
    return this.script.length
  }
}

const noEvents: EventSink = { emit: () => undefined }

let dir: string
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'services-io-'))
})
afterEach(() => {
  rmSync(dir, { recursive: true, force: true })
})

function context(dialogs: Dialogs): ServiceContext {
  return { dialogs, events: noEvents, userDataDir: dir, appVersion: '9.8.7' }
}

function copyReference(into: string, names = REFERENCE_FILES): string[] {
  mkdirSync(into, { recursive: true })
  return names.map((name) => {
    copyFileSync(join(referenceDir, name), join(into, name))
    return join(into, name)
  })
}

describe('params:import', () => {
  it('reads the six reference files into the same set the parser gives', async () => {
    const paths = copyReference(join(dir, 'ref'))
    const dialogs = new ScriptedDialogs().expect('openFiles', paths)
    const result = await createParamsIoService(context(dialogs))['params:import'](undefined)
    expect(result).toEqual({ ok: true, params: defaultParameterSet(), sources: paths })
    expect(dialogs.calls[0].opts).toMatchObject({ multiple: true, filters: [{ extensions: ['yaml', 'yml'] }] })
  })

  it('reads one reference file on top of the defaults', async () => {
    const path = join(dir, 'RS.yaml')
    writeFileSync(path, readFileSync(join(referenceDir, 'RS.yaml'), 'utf8').replace('d: 400', 'd: 250'))
    const result = await createParamsIoService(context(new ScriptedDialogs().expect('openFiles', [path])))['params:import'](undefined)
    if (!result.ok) throw new Error(result.message)
    const expected = defaultParameterSet()
    expected.RS.d = 250
    expect(result.params).toEqual(expected)
  })

  it('reads a combined file', async () => {
    const params = defaultParameterSet()
    params.serotonin.mu_exc = 1.2
    const path = join(dir, 'my set.yaml')
    writeFileSync(path, toCombinedYaml(params))
    const result = await createParamsIoService(context(new ScriptedDialogs().expect('openFiles', [path])))['params:import'](undefined)
    expect(result).toEqual({ ok: true, params, sources: [path] })
  })

  it('reports a bad value with file, line and the list of problems', async () => {
    const path = join(dir, 'RS.yaml')
    writeFileSync(path, readFileSync(join(referenceDir, 'RS.yaml'), 'utf8').replace('C: 100', 'C: fast'))
    const result = await createParamsIoService(context(new ScriptedDialogs().expect('openFiles', [path])))['params:import'](undefined)
    expect(result.ok).toBe(false)
    if (result.ok || 'cancelled' in result) throw new Error('expected a failure')
    expect(result.message).toMatch(/RS\.yaml, line 1/)
    expect(result.details?.[0]).toMatchObject({ group: 'RS', key: 'C', file: 'RS.yaml', line: 1 })
  })

  it('refuses a mix of reference files and other files, naming the stranger', async () => {
    const [rs] = copyReference(dir, ['RS.yaml'])
    const other = join(dir, 'notes.yaml')
    writeFileSync(other, 'a: 1\n')
    const result = await createParamsIoService(context(new ScriptedDialogs().expect('openFiles', [rs, other])))['params:import'](undefined)
    expect(result).toMatchObject({ ok: false, message: expect.stringMatching(/^notes\.yaml is not one of the reference parameter files.*RS\.yaml/) })
  })

  it('reports a missing file in words and a cancelled dialog as cancelled', async () => {
    const missing = join(dir, 'gone.yaml')
    const failed = await createParamsIoService(context(new ScriptedDialogs().expect('openFiles', [missing])))['params:import'](undefined)
    expect(failed).toEqual({ ok: false, message: `Could not read ${missing}: the file does not exist (moved or deleted?).` })
    const cancelled = await createParamsIoService(context(new ScriptedDialogs().expect('openFiles', null)))['params:import'](undefined)
    expect(cancelled).toMatchObject({ ok: false, cancelled: true })
  })

  it('refuses an oversized file before reading it', async () => {
    const path = join(dir, 'huge.yaml')
    writeFileSync(path, Buffer.alloc(4_100_000, 0x20))
    const result = await createParamsIoService(context(new ScriptedDialogs().expect('openFiles', [path])))['params:import'](undefined)
    expect(result).toMatchObject({ ok: false, message: expect.stringMatching(/huge\.yaml is 4\.1 MB; parameter files are limited to 4 MB/) })
  })
})

describe('params:export', () => {
  const params = (() => {
    const p = defaultParameterSet()
    p.synaptic_weights.j_ee = 0.123
    return p
  })()

  it('writes one combined file that reads back to the same set, adding the extension', async () => {
    const dialogs = new ScriptedDialogs().expect('saveFile', join(dir, 'study'))
    const result = await createParamsIoService(context(dialogs))['params:export']({ params, name: 'My: study', layout: 'combined' })
    const path = join(dir, 'study.yaml')
    expect(result).toEqual({ ok: true, paths: [path] })
    expect(dialogs.calls[0].opts).toMatchObject({ defaultName: 'My_ study.yaml' })
    expect(parseCombinedYaml(readFileSync(path, 'utf8'), 'study.yaml')).toEqual(params)
    expect(readdirSync(dir)).toEqual(['study.yaml']) // no temporary file left behind
  })

  it('asks before replacing a file the dialog never saw, and keeps it on Cancel', async () => {
    writeFileSync(join(dir, 'study.yaml'), 'old\n')
    const dialogs = new ScriptedDialogs().expect('saveFile', join(dir, 'study')).expect('ask', 1)
    const result = await createParamsIoService(context(dialogs))['params:export']({ params, name: 'x', layout: 'combined' })
    expect(result).toMatchObject({ ok: false, cancelled: true })
    expect(readFileSync(join(dir, 'study.yaml'), 'utf8')).toBe('old\n')
  })

  it('writes the six reference files into a folder', async () => {
    const dialogs = new ScriptedDialogs().expect('openDirectory', dir)
    const result = await createParamsIoService(context(dialogs))['params:export']({ params, name: 'x', layout: 'six-files' })
    if (!result.ok) throw new Error(result.message)
    expect(result.paths.map((p) => p.slice(dir.length + 1)).sort()).toEqual([...REFERENCE_FILES].sort())
    const files = Object.fromEntries(REFERENCE_FILES.map((f) => [f, readFileSync(join(dir, f), 'utf8')]))
    expect(parseReferenceFiles(files).params.synaptic_weights.j_ee).toBe(0.123)
  })

  it('asks before replacing existing reference files: Cancel leaves them, Replace overwrites', async () => {
    writeFileSync(join(dir, 'RS.yaml'), 'old\n')
    const cancel = new ScriptedDialogs().expect('openDirectory', dir).expect('ask', 1)
    expect(await createParamsIoService(context(cancel))['params:export']({ params, name: 'x', layout: 'six-files' })).toMatchObject({ cancelled: true })
    expect(cancel.calls[1].opts).toMatchObject({ message: 'RS.yaml already exists. Replace it?', buttons: ['Replace', 'Cancel'] })
    expect(readdirSync(dir)).toEqual(['RS.yaml'])

    const replace = new ScriptedDialogs().expect('openDirectory', dir).expect('ask', 0)
    expect(await createParamsIoService(context(replace))['params:export']({ params, name: 'x', layout: 'six-files' })).toMatchObject({ ok: true })
    expect(readFileSync(join(dir, 'RS.yaml'), 'utf8')).not.toBe('old\n')
    expect(readdirSync(dir).sort()).toEqual([...REFERENCE_FILES].sort())
  })

  it('reports a folder that does not exist', async () => {
    const dialogs = new ScriptedDialogs().expect('saveFile', join(dir, 'nowhere', 'p.yaml'))
    const result = await createParamsIoService(context(dialogs))['params:export']({ params, name: 'x', layout: 'combined' })
    expect(result).toMatchObject({ ok: false, message: expect.stringContaining('the folder does not exist') })
  })
})

describe('export:save', () => {
  const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 1, 2, 3])

  it('writes CSV text with the CSV filter', async () => {
    const path = join(dir, 'durations.csv')
    const dialogs = new ScriptedDialogs().expect('saveFile', path)
    const result = await createExportService(context(dialogs))['export:save']({ kind: 'csv', suggestedName: 'durations', text: 'a,b\n1,2\n' })
    expect(result).toEqual({ ok: true, path })
    expect(readFileSync(path, 'utf8')).toBe('a,b\n1,2\n')
    expect(dialogs.calls[0].opts).toEqual({ title: 'Export CSV', defaultName: 'durations.csv', filters: [{ name: 'CSV table', extensions: ['csv'] }] })
  })

  it('writes PNG bytes from base64 or a data URL, and SVG text', async () => {
    const a = join(dir, 'a.png')
    const b = join(dir, 'b.png')
    const c = join(dir, 'c.svg')
    const dialogs = new ScriptedDialogs().expect('saveFile', a).expect('saveFile', b).expect('saveFile', c)
    const service = createExportService(context(dialogs))
    expect(await service['export:save']({ kind: 'png', suggestedName: 'raster.png', base64: png.toString('base64') })).toEqual({ ok: true, path: a })
    expect(await service['export:save']({ kind: 'png', suggestedName: 'raster', base64: `data:image/png;base64,${png.toString('base64')}` })).toEqual({ ok: true, path: b })
    expect(await service['export:save']({ kind: 'svg', suggestedName: 'fig', text: '<svg/>' })).toEqual({ ok: true, path: c })
    expect(readFileSync(a)).toEqual(png)
    expect(readFileSync(b)).toEqual(png)
    expect(readFileSync(c, 'utf8')).toBe('<svg/>')
    expect(dialogs.calls.map((x) => (x.opts as { defaultName: string }).defaultName)).toEqual(['raster.png', 'raster.png', 'fig.svg'])
  })

  it('refuses missing or non-PNG data before showing a dialog', async () => {
    const dialogs = new ScriptedDialogs()
    const service = createExportService(context(dialogs))
    expect(await service['export:save']({ kind: 'png', suggestedName: 'x', base64: Buffer.from('GIF89a').toString('base64') })).toEqual({ ok: false, message: 'Nothing was saved: the image data is not a PNG' })
    expect(await service['export:save']({ kind: 'png', suggestedName: 'x', base64: '!!!not base64' })).toEqual({ ok: false, message: 'Nothing was saved: the image data is not valid base64' })
    expect(await service['export:save']({ kind: 'csv', suggestedName: 'x' })).toEqual({ ok: false, message: 'Nothing was saved: a CSV export needs its text' })
    expect(dialogs.calls).toEqual([])
  })

  it('writes nothing when the dialog is cancelled', async () => {
    const dialogs = new ScriptedDialogs().expect('saveFile', null)
    const result = await createExportService(context(dialogs))['export:save']({ kind: 'csv', suggestedName: 'x', text: 'a' })
    expect(result).toMatchObject({ ok: false, cancelled: true })
    expect(readdirSync(dir)).toEqual([])
    expect(existsSync(join(dir, 'x.csv'))).toBe(false)
  })

  it('decodes PNG base64 to the exact bytes', () => {
    expect(Buffer.from(decodePngBase64(png.toString('base64')))).toEqual(png)
  })
})

describe('experiment:import / experiment:export', () => {
  it('round-trips an experiment through a file', async () => {
    const experiment = notebookExperiment()
    const dialogs = new ScriptedDialogs().expect('saveFile', join(dir, 'notebook.yaml')).expect('openFiles', [join(dir, 'notebook.yaml')])
    const service = createExperimentIoService(context(dialogs))
    expect(await service['experiment:export']({ experiment })).toEqual({ ok: true, path: join(dir, 'notebook.yaml') })
    expect(await service['experiment:import'](undefined)).toEqual({ ok: true, experiment, source: join(dir, 'notebook.yaml') })
    expect(dialogs.calls[1].opts).toMatchObject({ multiple: false })
  })

  it('reads a parameter set from a file next to the experiment', async () => {
    const params = defaultParameterSet()
    params.synaptic_weights.j_ee = 0.5
    mkdirSync(join(dir, 'sets'))
    writeFileSync(join(dir, 'sets', 'strong.yaml'), toCombinedYaml(params))
    const text = toExperimentYaml(notebookExperiment()).replace('  default: {}', '  default: { file: sets/strong.yaml }')
    writeFileSync(join(dir, 'exp.yaml'), text)
    const result = await createExperimentIoService(context(new ScriptedDialogs().expect('openFiles', [join(dir, 'exp.yaml')])))['experiment:import'](undefined)
    if (!result.ok) throw new Error(result.message)
    expect(result.experiment.parameterSets.default.synaptic_weights.j_ee).toBe(0.5)
  })

  it('reports a broken experiment with its file and line', async () => {
    const text = toExperimentYaml(notebookExperiment()).replace('mu_exc: 0.97', 'mu_exc: lots')
    writeFileSync(join(dir, 'bad.yaml'), text)
    const line = text.split('\n').findIndex((l) => l.includes('mu_exc: lots')) + 1
    const result = await createExperimentIoService(context(new ScriptedDialogs().expect('openFiles', [join(dir, 'bad.yaml')])))['experiment:import'](undefined)
    expect(result).toMatchObject({ ok: false, message: expect.stringContaining(`bad.yaml, line ${line}`) })
  })
})

describe('app service and file names', () => {
  it('reports versions and quits through the injected callback', async () => {
    let quit = 0
    const service = createAppService(context(new ScriptedDialogs()), { name: 'W', versions: { node: '20.1.0' }, platform: 'linux', quit: () => quit++ })
    expect(await service['app:info'](undefined)).toEqual({ name: 'W', version: '9.8.7', electron: 'n/a', chrome: 'n/a', node: '20.1.0', platform: 'linux' })
    await service['app:quit'](undefined)
    await new Promise((r) => setImmediate(r))
    expect(quit).toBe(1)
  })

  it('makes portable file names from user text', () => {
    expect(safeFileName('a/b\\c:d*e?f"g<h>i|j', 'x')).toBe('a_b_c_d_e_f_g_h_i_j')
    expect(safeFileName('  ..hidden  ', 'x')).toBe('hidden')
    expect(safeFileName('///', 'x')).toBe('___')
    expect(safeFileName('   ', 'fallback')).toBe('fallback')
  })
})
