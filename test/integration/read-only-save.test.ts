/**
 * Saving into a folder that cannot be written, in a way that holds even for root (who ignores
 * permission bits, so test/integration/project-file.test.ts's chmod case is skipped under CI):
 * the folder is a read-only bind mount. The save fails with a sentence, the previous file and its
 * backup are untouched, nothing is left behind, and the app saves fine elsewhere afterwards.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { execFileSync } from 'node:child_process'
import { mkdir, mkdtemp, readdir, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { readProjectFile, writeProjectFile } from '../../src-main/project/project-file'
import { createProjectService } from '../../src-main/services/project-service'
import { MemoryRunArchive } from '../../src-main/project/run-archive'
import type { Dialogs, ServiceContext } from '../../src-main/services/context'
import { archivedRun, sampleDocument, sampleProject } from '../helpers/project-fixtures'

let root: string
let folder: string
let mounted = false
let reason = ''

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'read-only-save-'))
  folder = join(root, 'read-only')
  await mkdir(folder)
  await writeProjectFile(join(folder, 'p.satproj'), sampleProject(1, 100))
  await writeProjectFile(join(folder, 'p.satproj'), sampleProject(2, 100))
  try {
    execFileSync('mount', ['--bind', folder, folder], { stdio: 'pipe' })
    mounted = true
    execFileSync('mount', ['-o', 'remount,ro,bind', folder], { stdio: 'pipe' })
  } catch (err) {
    reason = (err as { stderr?: Buffer }).stderr?.toString().trim() || (err as Error).message
  }
})

afterAll(async () => {
  if (mounted) execFileSync('umount', [folder], { stdio: 'pipe' })
  await rm(root, { recursive: true, force: true })
})

describe('saving into a read-only folder', () => {
  it('fails with a clear message, changes nothing and leaves the app able to save elsewhere', async (ctx) => {
    if (!mounted || reason) {
      console.log(`skipped read-only mount case: could not make a read-only bind mount (${reason || 'mount failed'})`)
      ctx.skip()
      return
    }
    const path = join(folder, 'p.satproj')
    const before = { file: await readFile(path), bak: await readFile(`${path}.bak`), listing: (await readdir(folder)).sort() }

    const direct = await writeProjectFile(path, sampleProject(3, 100)).then(() => null, (e: unknown) => e as Error)
    expect(direct?.message).toMatch(new RegExp(`^Could not save ${path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: .*the disk is mounted read-only.*Nothing was changed on disk\\.$`))

    // Through the project service: the user picked the read-only folder, then picks another one.
    const elsewhere = join(root, 'elsewhere.satproj')
    const answers = [path, elsewhere]
    const refuse = async (): Promise<never> => {
      throw new Error('unexpected dialog')
    }
    const dialogs: Dialogs = { openFiles: refuse, openDirectory: refuse, ask: refuse, saveFile: async () => answers.shift() ?? null }
    const ctxService: ServiceContext = { dialogs, events: { emit: () => undefined }, userDataDir: join(root, 'user-data'), appVersion: '0.0.0' }
    const service = createProjectService(ctxService, new MemoryRunArchive([archivedRun(0, 500)]))
    const failed = await service['project:save']({ document: sampleDocument('read-only'), saveAs: true })
    expect(failed).toMatchObject({ ok: false, message: expect.stringMatching(/read-only.*Nothing was changed on disk\.$/) })
    expect(service.currentPath()).toBeNull()

    expect(await readFile(path)).toEqual(before.file)
    expect(await readFile(`${path}.bak`)).toEqual(before.bak)
    expect((await readdir(folder)).sort()).toEqual(before.listing)
    expect((await readProjectFile(path)).project.runs).toHaveLength(2)

    const saved = await service['project:save']({ document: sampleDocument('read-only'), saveAs: true })
    expect(saved).toMatchObject({ ok: true, path: elsewhere })
    expect((await readProjectFile(elsewhere)).project.runs).toHaveLength(1)
  })
})
