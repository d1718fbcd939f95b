import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { mkdir, mkdtemp, readdir, readFile, rm, unlink, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createProjectService } from '../../src-main/services/project-service'
import type { Dialogs, EventSink, ServiceContext } from '../../src-main/services/context'
import { MemoryRunArchive, type ArchivedRun } from '../../src-main/project/run-archive'
import { autosavePaths } from '../../src-main/project/autosave'
import { createRecentList, MAX_RECENT, recentFilePath } from '../../src-main/project/recent'
import { writeProjectFile } from '../../src-main/project/project-file'
import { archivedRun, sampleDocument, sampleProject } from '../helpers/project-fixtures'

/** Dialog answers given in order; any unexpected dialog fails the test. */
class ScriptedDialogs implements Dialogs {
  opens: Array<string[] | null> = []
  saves: Array<string | null> = []
  saveRequests: Array<{ title: string; defaultName: string }> = []
  async openFiles() {
    if (this.opens.length === 0) throw new Error('unexpected open dialog')
    return this.opens.shift()!
  }
  async openDirectory(): Promise<string | null> {
    throw new Error('unexpected folder dialog')
  }
  async saveFile(opts: { title: string; defaultName: string }) {
    this.saveRequests.push({ title: opts.title, defaultName: opts.defaultName })
    if (this.saves.length === 0) throw new Error('unexpected save dialog')
    return this.saves.shift()!
  }
  async ask(): Promise<number> {
    throw new Error('unexpected question')
  }
}

const events: EventSink = { emit: () => undefined }

let root: string
let n = 0

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'satproj-service-'))
})
afterAll(async () => {
  await rm(root, { recursive: true, force: true })
})

async function setup(runs: ArchivedRun[] = []) {
  const dir = join(root, `s${++n}`)
  const userDataDir = join(dir, 'user-data')
  const docs = join(dir, 'documents')
  await mkdir(docs, { recursive: true })
  const dialogs = new ScriptedDialogs()
  const ctx: ServiceContext = { dialogs, events, userDataDir, appVersion: '9.9.9' }
  const archive = new MemoryRunArchive(runs)
  return { ctx, dialogs, archive, docs, userDataDir, service: createProjectService(ctx, archive) }
}

function threeRuns(): ArchivedRun[] {
  return [archivedRun(0, 800), archivedRun(1, 800), archivedRun(2, 800)]
}

describe('project service', () => {
  it('saves, starts a new project and reopens the saved one with every run and spike', async () => {
    const { service, dialogs, archive, docs } = await setup(threeRuns())
    const document = sampleDocument('My sweep: 5-HT/ctrl')
    dialogs.saves.push(join(docs, 'sweep'))
    const saved = await service['project:save']({ document, saveAs: false })
    // Saved under a file name the user chose, the project is called by it.
    expect(saved).toEqual({ ok: true, path: join(docs, 'sweep.satproj'), name: 'sweep' })
    expect(dialogs.saveRequests[0].defaultName).toBe('My sweep- 5-HT-ctrl.satproj')
    expect(service.currentPath()).toBe(join(docs, 'sweep.satproj'))
    expect(await service['project:recent'](undefined)).toEqual({ paths: [join(docs, 'sweep.satproj')] })

    expect(await service['project:new'](undefined)).toEqual({ ok: true })
    expect(await archive.listFinished()).toEqual([])
    expect(service.currentPath()).toBeNull()

    const opened = await service['project:open']({ recentPath: join(docs, 'sweep.satproj') })
    if (!opened.ok) throw new Error(opened.message)
    expect(opened.project.path).toBe(join(docs, 'sweep.satproj'))
    expect(opened.project.name).toBe('sweep')
    expect(opened.project.document).toEqual({ ...document, name: 'sweep' })
    expect(opened.project.upgradedFrom).toBeUndefined()
    expect(opened.project.runs).toEqual(threeRuns().map((r) => r.record))
    expect(opened.project.runs[0]).not.toHaveProperty('params')
    const restored = await archive.listFinished()
    expect(restored.map((r) => r.record.runId)).toEqual(['run-0', 'run-1', 'run-2'])
    expect(restored[2].steps).toEqual(threeRuns()[2].steps)
    expect(restored[2].neurons).toEqual(threeRuns()[2].neurons)
    expect(restored[1].params).toEqual(threeRuns()[1].params)
    expect(service.currentPath()).toBe(join(docs, 'sweep.satproj'))
  })

  it('saves to the current file without asking, and asks again on save-as', async () => {
    const { service, dialogs, docs } = await setup(threeRuns())
    dialogs.saves.push(join(docs, 'a.satproj'))
    await service['project:save']({ document: sampleDocument('a'), saveAs: false })
    const again = await service['project:save']({ document: sampleDocument('a2'), saveAs: false })
    expect(again).toMatchObject({ ok: true, path: join(docs, 'a.satproj') })
    expect(dialogs.saveRequests).toHaveLength(1)
    expect((await readdir(docs)).sort()).toEqual(['a.satproj', 'a.satproj.bak'])

    dialogs.saves.push(null)
    expect(await service['project:save']({ document: sampleDocument('b'), saveAs: true })).toMatchObject({ ok: false, cancelled: true })
    expect(service.currentPath()).toBe(join(docs, 'a.satproj'))
    dialogs.saves.push(join(docs, 'b.SATPROJ'))
    expect(await service['project:save']({ document: sampleDocument('b'), saveAs: true })).toMatchObject({ ok: true, path: join(docs, 'b.SATPROJ') })
    expect((await service['project:recent'](undefined)).paths).toEqual([join(docs, 'b.SATPROJ'), join(docs, 'a.satproj')])
  })

  it('leaves the archive and current file untouched when opening fails', async () => {
    const { service, dialogs, archive, docs } = await setup(threeRuns())
    dialogs.saves.push(join(docs, 'kept.satproj'))
    await service['project:save']({ document: sampleDocument(), saveAs: false })
    const before = await archive.listFinished()

    await writeFile(join(docs, 'broken.satproj'), (await readFile(join(docs, 'kept.satproj'))).subarray(0, 500))
    dialogs.opens.push([join(docs, 'broken.satproj')])
    const result = await service['project:open']({})
    expect(result).toEqual({ ok: false, message: 'The project file broken.satproj is damaged (it was cut short or changed on disk) and cannot be opened.' })
    const after = await archive.listFinished()
    expect(after).toHaveLength(3)
    after.forEach((r, i) => expect(r).toBe(before[i]))
    expect(service.currentPath()).toBe(join(docs, 'kept.satproj'))
    expect((await service['project:recent'](undefined)).paths).toEqual([join(docs, 'kept.satproj')])

    dialogs.opens.push(null)
    expect(await service['project:open']({})).toEqual({ ok: false, cancelled: true, message: 'No project was opened.' })
    expect(await archive.listFinished()).toHaveLength(3)
  })

  it('refuses a recent path that is not on the recent list, without touching anything', async () => {
    const { service, archive, docs } = await setup(threeRuns())
    const elsewhere = join(docs, 'never-opened.satproj')
    await writeProjectFile(elsewhere, sampleProject(1, 10))
    const result = await service['project:open']({ recentPath: elsewhere })
    expect(result).toEqual({ ok: false, message: `${elsewhere} is not in the list of recent projects; use Open… to choose the file.` })
    expect(await archive.listFinished()).toHaveLength(3)
    expect(service.currentPath()).toBeNull()
  })

  it('drops a recent project that no longer exists from the list', async () => {
    const { service, dialogs, docs } = await setup(threeRuns())
    dialogs.saves.push(join(docs, 'gone.satproj'))
    await service['project:save']({ document: sampleDocument(), saveAs: false })
    await unlink(join(docs, 'gone.satproj'))
    const result = await service['project:open']({ recentPath: join(docs, 'gone.satproj') })
    expect(result).toMatchObject({ ok: false, message: expect.stringMatching(/no longer exists/) })
    expect((await service['project:recent'](undefined)).paths).toEqual([])
  })

  it('records the dirty flag', async () => {
    const { service } = await setup()
    expect(service.isDirty()).toBe(false)
    expect(service['project:setDirty']({ dirty: true })).toBeUndefined()
    expect(service.isDirty()).toBe(true)
  })

  it('autosaves, recovers after a restart, and drops the autosave on a normal save', async () => {
    const first = await setup(threeRuns())
    first.dialogs.saves.push(join(first.docs, 'work.satproj'))
    await first.service['project:save']({ document: sampleDocument('work'), saveAs: false })
    expect(await first.service.hasRecoverable()).toBeNull()

    const edited = sampleDocument('work, edited')
    await first.archive.replaceAll([...threeRuns(), archivedRun(3, 100)])
    const auto = await first.service['project:autosave']({ document: edited })
    expect(auto).toEqual({ ok: true, path: autosavePaths(first.userDataDir).file })
    const recoverable = await first.service.hasRecoverable()
    expect(recoverable?.name).toBe('work, edited')
    expect(Number.isFinite(Date.parse(recoverable!.savedAt))).toBe(true)

    // A new session over the same user-data folder, with an empty run store.
    const archive = new MemoryRunArchive()
    const service = createProjectService(first.ctx, archive)
    expect(await service.hasRecoverable()).toEqual(recoverable)
    const recovered = await service['project:recoverAutosave'](undefined)
    if (!recovered.ok) throw new Error(recovered.message)
    expect(recovered.savedAt).toBe(recoverable!.savedAt)
    expect(recovered.project.document).toEqual(edited)
    expect(recovered.project.path).toBe(join(first.docs, 'work.satproj'))
    expect(recovered.project.runs.map((r) => r.runId)).toEqual(['run-0', 'run-1', 'run-2', 'run-3'])
    expect((await archive.listFinished())[3].steps).toEqual(archivedRun(3, 100).steps)
    expect(service.currentPath()).toBe(join(first.docs, 'work.satproj'))
    expect(service.isDirty()).toBe(true)

    const saved = await service['project:save']({ document: edited, saveAs: false })
    expect(saved).toMatchObject({ ok: true, path: join(first.docs, 'work.satproj') })
    expect(await service.hasRecoverable()).toBeNull()
    expect(await service['project:recoverAutosave'](undefined)).toEqual({ ok: false, none: true, message: 'There is no autosaved project to recover.' })
  })

  it('discards an autosave on request, and reports a damaged one clearly', async () => {
    const { service, userDataDir } = await setup(threeRuns())
    await service['project:autosave']({ document: sampleDocument() })
    expect(await service.hasRecoverable()).not.toBeNull()
    await service['project:discardAutosave'](undefined)
    expect(await service.hasRecoverable()).toBeNull()

    await service['project:autosave']({ document: sampleDocument('lost') })
    const { file } = autosavePaths(userDataDir)
    await writeFile(file, (await readFile(file)).subarray(0, 100))
    const result = await service['project:recoverAutosave'](undefined)
    expect(result).toMatchObject({ ok: false, message: expect.stringMatching(/^The autosaved project could not be recovered: .*damaged/) })
    expect(await service.hasRecoverable()).toMatchObject({ name: 'lost' })
  })
})

describe('recent list', () => {
  it('keeps the 10 most recent paths, newest first, without duplicates', async () => {
    const dir = join(root, 'recent-1')
    const recent = createRecentList(dir)
    for (let i = 0; i < 12; i++) await recent.add(join(root, `p${i}.satproj`))
    await recent.add(join(root, 'p5.satproj'))
    const paths = await recent.list()
    expect(paths).toHaveLength(MAX_RECENT)
    expect(paths[0]).toBe(join(root, 'p5.satproj'))
    expect(paths[1]).toBe(join(root, 'p11.satproj'))
    expect(paths).not.toContain(join(root, 'p1.satproj'))
    expect(new Set(paths).size).toBe(paths.length)
    expect(await createRecentList(dir).list()).toEqual(paths)
  })

  it('starts empty from a damaged recent file and repairs it on the next add', async () => {
    const dir = join(root, 'recent-2')
    await mkdir(dir, { recursive: true })
    await writeFile(recentFilePath(dir), '{"paths": [1, 2, oops')
    const recent = createRecentList(dir)
    expect(await recent.list()).toEqual([])
    await recent.add(join(root, 'x.satproj'))
    expect(JSON.parse(await readFile(recentFilePath(dir), 'utf8'))).toEqual({ version: 1, paths: [join(root, 'x.satproj')] })
    await writeFile(recentFilePath(dir), JSON.stringify({ paths: ['/a.satproj', 7, '', '/a.satproj', '/b.satproj'] }))
    expect(await recent.list()).toEqual(['/a.satproj', '/b.satproj'])
  })
})
