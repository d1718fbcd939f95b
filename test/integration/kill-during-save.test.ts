/**
 * A process killed while saving must leave the project as it was: the app's writer (bundled from
 * src-main/project/project-file.ts) saves a ~20 MB project over and over in a child process, and
 * the child is SIGKILLed at random moments, just after a save, while the backup is being copied
 * and while the new file is being written. After each kill the project and its backup must open and be
 * byte-identical to some complete save; leftover temporary files must not get in the way and are
 * removed by removeStaleTempFiles (which opening a project calls).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { spawn } from 'node:child_process'
import { createHash } from 'node:crypto'
import { existsSync } from 'node:fs'
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { build } from 'vite'
import { backupPathOf, readProjectFile, writeProjectFile } from '../../src-main/project/project-file'
import { removeStaleTempFiles, tempNamePattern } from '../../src-main/project/stale-temp'
import { mulberry32, sampleProject } from '../helpers/project-fixtures'
import { root } from '../helpers/built'

// 100 runs of 120,000 random spikes: about 20 MB on disk, a second or two per save.
const RUNS = 100
const SPIKES = 120_000

/** random: 0-5 s into saving; after-save: just after a save completed; backup-copy / write: while that temporary file exists. */
type Mode = 'random' | 'after-save' | 'backup-copy' | 'write'
const KILLS: Mode[] = ['random', 'write', 'backup-copy', 'after-save', 'write', 'random']

let dir: string
let childJs: string

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'kill-save-'))
  await build({
    configFile: false,
    logLevel: 'silent',
    root,
    build: {
      ssr: join(root, 'test/helpers/save-loop-child.ts'),
      outDir: join(dir, 'child'),
      emptyOutDir: true,
      minify: false,
      rollupOptions: { output: { format: 'es', entryFileNames: 'save-loop-child.mjs' } }
    }
  })
  childJs = join(dir, 'child', 'save-loop-child.mjs')
})

afterAll(async () => {
  await rm(dir, { recursive: true, force: true })
})

const sha = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex')
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

interface KillOutcome {
  mode: Mode
  /** What the child was doing when killed, as far as the folder showed. */
  phase: string
  tempLeft: string[]
  saves: number
}

/** Starts the child, waits for the moment `mode` asks for, SIGKILLs it; collects every hash it announced. */
async function saveAndKill(path: string, mode: Mode, start: number, known: Set<string>, rand: () => number): Promise<KillOutcome> {
  const child = spawn(process.execPath, [childJs, path, String(RUNS), String(SPIKES), String(start)], { stdio: ['ignore', 'pipe', 'pipe'] })
  const pid = child.pid!
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })))
  let stderr = ''
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()))
  let pending = 0
  let saves = 0
  let buffered = ''
  child.stdout.on('data', (d: Buffer) => {
    buffered += d.toString()
    let nl: number
    while ((nl = buffered.indexOf('\n')) >= 0) {
      const [what, hash] = buffered.slice(0, nl).split(' ')
      buffered = buffered.slice(nl + 1)
      // A pending save may be complete on disk before we hear 'saved': both count as complete versions.
      known.add(hash)
      if (what === 'pending') pending++
      if (what === 'saved') saves++
    }
  })
  const name = path.split('/').pop()!
  const writeTemp = new RegExp(`^\\.${name.replace(/\./g, '\\.')}\\.${pid}\\.[0-9a-f]{8}\\.tmp$`)
  const backupTemp = new RegExp(`^\\.${name.replace(/\./g, '\\.')}\\.bak\\.${pid}\\.[0-9a-f]{8}\\.tmp$`)
  const deadline = Date.now() + 60_000
  while (pending === 0 && Date.now() < deadline && child.exitCode === null) await sleep(5)
  expect(child.exitCode, `the child stopped before saving: ${stderr}`).toBeNull()

  let phase = 'unknown'
  if (mode === 'random') {
    await sleep(Math.floor(rand() * 5000))
    phase = 'random'
  } else if (mode === 'after-save') {
    while (saves === 0 && Date.now() < deadline) await sleep(2)
    await sleep(Math.floor(rand() * 500))
    phase = 'after-save'
  } else {
    const wanted = mode === 'write' ? writeTemp : backupTemp
    while (Date.now() < deadline) {
      const names = await readdir(dir)
      if (names.some((n) => wanted.test(n))) {
        phase = mode
        break
      }
      // The backup copy is quick and may slip between two looks; then take the write that follows.
      if (mode === 'backup-copy' && names.some((n) => writeTemp.test(n))) {
        phase = 'write'
        break
      }
      await sleep(1)
    }
  }
  child.kill('SIGKILL')
  const end = await exited
  expect(end.signal, `the child ended on its own: ${stderr}`).toBe('SIGKILL')
  const tempLeft = (await readdir(dir)).filter((n) => tempNamePattern(path).test(n)).sort()
  return { mode, phase, tempLeft, saves }
}

async function expectCompleteVersion(path: string, known: Set<string>, what: string): Promise<void> {
  const bytes = await readFile(path)
  expect(known.has(sha(bytes)), `${what} is not byte-identical to any complete save`).toBe(true)
  const opened = await readProjectFile(path)
  expect(opened.project.format).toBe('serotonin-attractor-workbench-project')
}

describe('a save killed mid-way', () => {
  it('leaves the project and its backup as complete earlier saves, at every kind of moment', async () => {
    const path = join(dir, 'big.satproj')
    const first = sampleProject(2, 100)
    first.document.name = 'before the kills'
    await writeProjectFile(path, first)
    const known = new Set<string>([sha(await readFile(path))])
    const rand = mulberry32(20250101)
    const outcomes: KillOutcome[] = []
    let start = 0
    for (const mode of KILLS) {
      const outcome = await saveAndKill(path, mode, start, known, rand)
      start += 100
      outcomes.push(outcome)
      // Open while any leftover is still there: it must not get in the way.
      await expectCompleteVersion(path, known, `${path} after a kill (${outcome.phase})`)
      if (existsSync(backupPathOf(path))) await expectCompleteVersion(backupPathOf(path), known, `the backup after a kill (${outcome.phase})`)
      // The writer is dead, so its leftovers are stale and go; the project and backup stay.
      const removed = (await removeStaleTempFiles(path)).map((p) => p.split('/').pop()!).sort()
      expect(removed).toEqual(outcome.tempLeft)
      expect((await readdir(dir)).filter((n) => n.endsWith('.tmp'))).toEqual([])
      expect(known.has(sha(await readFile(path))), 'removing leftovers changed the project').toBe(true)
    }
    console.log(`kill-during-save: ${outcomes.map((o) => `${o.phase}${o.tempLeft.length ? ` (left ${o.tempLeft.length} temp)` : ''}`).join(', ')}; ${outcomes.reduce((a, o) => a + o.saves, 0)} saves completed in between`)
    // The kills aimed at the write did land inside it (a temporary file was there to clean up).
    expect(outcomes.filter((o) => o.phase === 'write' && o.tempLeft.length > 0).length).toBeGreaterThan(0)
    // And the child did get saves through, so the file moved on from its first version.
    expect(outcomes.reduce((a, o) => a + o.saves, 0)).toBeGreaterThan(0)
  })
})
