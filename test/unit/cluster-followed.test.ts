// @vitest-environment node
/**
 * Followed cluster job folders survive a restart: a second service over the same userData (the
 * app started again) lists them, accepts them without a dialog, and forgets closed or deleted ones.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Dialogs, ServiceContext } from '../../src-main/services/context'
import type { RunStore } from '../../src-main/runs/run-store'
import { createClusterJobsService, FOLLOWED_FILE } from '../../src-main/services/cluster-jobs-service'

let dir: string
let userData: string
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'cluster-followed-'))
  userData = join(dir, 'userData')
})
afterEach(() => rmSync(dir, { recursive: true, force: true }))

/** A --shard job folder: a shards/ folder is what makes a folder a job folder. */
function jobFolder(name: string): string {
  const f = join(dir, name)
  mkdirSync(join(f, 'shards'), { recursive: true })
  return f
}

function service(picks: Array<string | null> = []) {
  const dialogs = { openDirectory: async () => picks.shift() ?? null } as unknown as Dialogs
  const ctx: ServiceContext = { dialogs, events: { emit: () => undefined }, userDataDir: userData, appVersion: 'test' }
  return createClusterJobsService(ctx, {} as RunStore)
}

describe('followed cluster jobs across sessions', () => {
  it('a folder followed in one session is listed and accepted in the next; closing it forgets it', async () => {
    const a = jobFolder('sweep-a')
    const b = jobFolder('sweep-b')
    const first = service([a, b])
    expect(await first['cluster:follow']({})).toMatchObject({ ok: true, status: { folder: a } })
    expect(await first['cluster:follow']({})).toMatchObject({ ok: true, status: { folder: b } })
    first.dispose()
    expect(JSON.parse(readFileSync(join(userData, FOLLOWED_FILE), 'utf8')).paths).toEqual([b, a])

    const second = service()
    // Never seen by this session's dialogs, yet accepted: the user chose it in the last one.
    expect(await second['cluster:followed'](undefined)).toEqual({ folders: [b, a] })
    expect(await second['cluster:follow']({ folder: a })).toMatchObject({ ok: true, status: { folder: a } })
    expect(await second['cluster:unfollow']({ folder: b })).toEqual({ stopped: false })
    second.dispose()

    const third = service()
    expect(await third['cluster:followed'](undefined)).toEqual({ folders: [a] })
    expect(await third['cluster:follow']({ folder: b })).toMatchObject({ ok: false, message: expect.stringMatching(/not a job folder opened in this session/) })
    third.dispose()
  })

  it('a folder deleted since is dropped; a damaged list starts empty', async () => {
    const a = jobFolder('gone')
    const first = service([a])
    await first['cluster:follow']({})
    first.dispose()
    rmSync(a, { recursive: true })
    expect(await service()['cluster:followed'](undefined)).toEqual({ folders: [] })
    writeFileSync(join(userData, FOLLOWED_FILE), '{ not json')
    expect(await service()['cluster:followed'](undefined)).toEqual({ folders: [] })
  })
})
