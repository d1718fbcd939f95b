/**
 * An NWB export onto a disk that fills while writing (a 64 KiB tmpfs): a sentence that says the
 * disk is full, and no file left behind, neither under the final name nor a temporary one.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { execFileSync } from 'node:child_process'
import { mkdir, mkdtemp, readdir, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { writeNwb } from '../../src-main/archive/nwb-writer'
import { writeSonataSpikes } from '../../src-main/archive/sonata-writer'
import { archivedRun } from '../helpers/project-fixtures'

let root: string
let small: string
let reason = ''

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'nwb-disk-full-'))
  small = join(root, 'small')
  await mkdir(small)
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', small], { stdio: 'pipe' })
  } catch (err) {
    reason = (err as { stderr?: Buffer }).stderr?.toString().trim() || (err as Error).message
  }
})

afterAll(async () => {
  if (!reason) execFileSync('umount', [small], { stdio: 'pipe' })
  await rm(root, { recursive: true, force: true })
})

describe('NWB and SONATA export onto a full disk', () => {
  it('fails with "the disk is full" and leaves nothing behind', async (ctx) => {
    if (reason) {
      console.log(`skipped: could not mount a 64 KiB tmpfs (${reason})`)
      ctx.skip()
      return
    }
    const big = archivedRun(1, 40_000)
    const target = join(small, 'run.nwb')
    await expect(writeNwb(target, big, { experimentName: 'x' })).rejects.toThrow(`Could not save ${target}: the disk is full. Nothing was changed on disk.`)
    expect(await readdir(small)).toEqual([])
    await expect(writeSonataSpikes(join(small, 'spikes.h5'), big)).rejects.toThrow(/the disk is full/)
    expect(await readdir(small)).toEqual([])
    // The same folder takes a run that fits: the failure left the writer usable.
    await writeNwb(target, archivedRun(3, 100), { experimentName: 'x' })
    expect(await readdir(small)).toEqual(['run.nwb'])
  })
})
