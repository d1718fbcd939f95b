/**
 * A cluster job folder in the real app (Chromium, real services): shards made by the built CLI
 * with --shard K/N are followed ("Follow a cluster job…"), shown per task, imported, and then
 * appear in Compare (one group per condition, with its n) and in Rasters; Undo takes them out.
 */
import { describe, expect, it } from 'vitest'
import { join } from 'node:path'
import { chromiumMissing, workbenchForSuite } from './harness'
import { root } from '../helpers/built'
import { runCli } from '../helpers/run-cli'

describe.skipIf(chromiumMissing)('importing a cluster job folder', () => {
  const app = workbenchForSuite({ width: 1400, height: 1000 })
  const tab = app.tab

  it('follows the folder, imports its runs and shows them in Compare and Rasters; Undo takes them out', async () => {
    const p = app.wb.page
    const job = join(app.wb.userDataDir, 'job')
    const experiment = join(root, 'test/fixtures/cluster/small-sweep.experiment.yaml')
    for (const k of [1, 2]) expect(runCli([experiment, '--shard', `${k}/2`, '--out', job, '--gifs', 'none', '--threads', '1', '--quiet']).code).toBe(0)

    await tab('Conditions & queue').click()
    await p.locator('[data-test="cluster-target"] summary').click()
    app.wb.dialogs.next('openDirectory', job)
    await p.locator('[data-test="cluster-follow"]').click()
    const summary = p.locator('[data-test="cluster-job-summary"]')
    await expect.poll(() => summary.count()).toBe(1)
    expect(await summary.innerText()).toBe('shards: 2/2 tasks done · 5/5 runs of started tasks · complete (from the folder; squeue not followed)')
    expect(await p.locator('[data-test="cluster-task"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-state')))).toEqual(['COMPLETED', 'COMPLETED'])

    await p.locator('[data-test="cluster-import"]').click()
    await expect.poll(() => p.locator('body').innerText()).toContain(`Imported 5 runs of the cluster job in ${job}.`)

    await tab('Compare').click()
    const groups = p.locator('[data-testid="group-list"]')
    await groups.locator('summary').click()
    expect(await groups.locator('li').evaluateAll((els) => els.map((e) => e.textContent?.replace(/\s+/g, ' ').trim()))).toEqual([
      expect.stringMatching(/^normal n = 3/),
      expect.stringMatching(/^low n = 2/)
    ])

    await tab('Rasters').click()
    await p.locator('[data-testid="picker-condition"]').selectOption('low')
    await p.locator('[data-testid="run-picker"] input[type="checkbox"]').first().check()
    await expect.poll(() => p.locator('[data-testid="raster-panel"]').count(), { timeout: 10_000 }).toBeGreaterThan(0)
    await expect.poll(() => p.locator('[data-testid="raster-panel"] canvas').count()).toBeGreaterThan(0)

    const undo = p.locator('[data-testid="removal-undo"]')
    expect(await undo.innerText()).toContain(`Imported 5 runs of the cluster job in ${job} into the project.`)
    await p.locator('[data-testid="undo-remove"]').click()
    await expect.poll(() => p.locator('[data-testid="raster-panel"]').count()).toBe(0)
    expect(app.wb.services.store.size).toBe(0)
  }, 120_000)
})
