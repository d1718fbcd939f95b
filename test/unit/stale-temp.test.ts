import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { spawnSync } from 'node:child_process'
import { mkdir, mkdtemp, readdir, readFile, rm, utimes, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { removeStaleTempFiles, tempNamePattern } from '../../src-main/project/stale-temp'
import { writeProjectFile } from '../../src-main/project/project-file'
import { createProjectService } from '../../src-main/services/project-service'
import { MemoryRunArchive } from '../../src-main/project/run-archive'
import type { Dialogs, ServiceContext } from '../../src-main/services/context'
import { sampleProject } from '../helpers/project-fixtures'

let root: string
let n = 0
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'stale-temp-'))
})
afterAll(async () => {
  await rm(root, { recursive: true, force: true })
})

async function freshDir(): Promise<string> {
  const d = join(root, `d${++n}`)
  await mkdir(d)
  return d
}

/** The pid of a process that has already ended. */
function deadPid(): number {
  const r = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' })
  return Number(r.stdout)
}

const hex = 'a1b2c3d4'

describe('stale temporary files of interrupted saves', () => {
  it('names exactly the temporary files of this project and of its backup', () => {
    const re = tempNamePattern('/x/My study (v2).satproj')
    expect(re.test(`.My study (v2).satproj.123.${hex}.tmp`)).toBe(true)
    expect(re.test(`.My study (v2).satproj.bak.123.${hex}.tmp`)).toBe(true)
    expect(re.exec(`.My study (v2).satproj.bak.4567.${hex}.tmp`)?.[1]).toBe('4567')
    for (const other of [
      'My study (v2).satproj', 'My study (v2).satproj.bak', `.Other.satproj.123.${hex}.tmp`, `.My study (v2).satproj.123.${hex}.tmp.keep`,
      `.My study (v2).satproj.abc.${hex}.tmp`, `.My study (v2).satproj.123.xyz.tmp`, `.My study (v2)Xsatproj.123.${hex}.tmp`
    ]) {
      expect(re.test(other), other).toBe(false)
    }
  })

  it("removes a dead writer's leftovers and nothing else", async () => {
    const d = await freshDir()
    const path = join(d, 'p.satproj')
    const dead = deadPid()
    const stale = [`.p.satproj.${dead}.${hex}.tmp`, `.p.satproj.bak.${dead}.${hex}.tmp`]
    // A live writer (this process's parent), our own fresh save, another project's leftover, a folder of that name.
    const kept = ['p.satproj', 'p.satproj.bak', `.p.satproj.${process.ppid}.${hex}.tmp`, `.p.satproj.${process.pid}.${hex}.tmp`, `.q.satproj.${dead}.${hex}.tmp`, 'notes.txt']
    for (const f of [...stale, ...kept]) await writeFile(join(d, f), 'x')
    await mkdir(join(d, `.p.satproj.${dead}.deadbeef.tmp`))
    const removed = await removeStaleTempFiles(path)
    expect(removed.map((p) => p.slice(d.length + 1)).sort()).toEqual([...stale].sort())
    expect((await readdir(d)).sort()).toEqual([...kept, `.p.satproj.${dead}.deadbeef.tmp`].sort())
  })

  it('removes a leftover carrying our own pid only once it is too old to be a save in progress', async () => {
    const d = await freshDir()
    const path = join(d, 'p.satproj')
    const own = join(d, `.p.satproj.${process.pid}.${hex}.tmp`)
    await writeFile(own, 'x')
    expect(await removeStaleTempFiles(path)).toEqual([])
    const hourAgo = new Date(Date.now() - 3_600_000)
    await utimes(own, hourAgo, hourAgo)
    expect(await removeStaleTempFiles(path)).toEqual([own])
  })

  it('does nothing for a folder that cannot be read', async () => {
    expect(await removeStaleTempFiles(join(root, 'no-such-folder', 'p.satproj'))).toEqual([])
  })
})

describe('opening a project', () => {
  const noDialogs: Dialogs = {
    openFiles: async () => {
      throw new Error('unexpected dialog')
    },
    openDirectory: async () => null,
    saveFile: async () => null,
    ask: async () => 0
  }

  async function serviceOpening(file: string) {
    const ctx: ServiceContext = { dialogs: { ...noDialogs, openFiles: async () => [file] }, events: { emit: () => undefined }, userDataDir: join(root, `user-${++n}`), appVersion: '0.0.0' }
    return createProjectService(ctx, new MemoryRunArchive())
  }

  it('clears the leftovers of an interrupted save once the project has opened', async () => {
    const d = await freshDir()
    const path = join(d, 'p.satproj')
    await writeProjectFile(path, sampleProject(1, 100))
    const leftover = `.p.satproj.${deadPid()}.${hex}.tmp`
    await writeFile(join(d, leftover), 'half a project')
    const result = await (await serviceOpening(path))['project:open']({})
    expect(result.ok).toBe(true)
    expect((await readdir(d)).sort()).toEqual(['p.satproj'])
  })

  it('leaves the folder exactly as it was when the project cannot be opened', async () => {
    const d = await freshDir()
    const path = join(d, 'p.satproj')
    await writeFile(path, 'not a project')
    const leftover = `.p.satproj.${deadPid()}.${hex}.tmp`
    await writeFile(join(d, leftover), 'half a project')
    const result = await (await serviceOpening(path))['project:open']({})
    expect(result.ok).toBe(false)
    expect((await readdir(d)).sort()).toEqual([leftover, 'p.satproj'])
    expect(await readFile(path, 'utf8')).toBe('not a project')
  })
})
