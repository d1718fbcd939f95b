/**
 * An 11 x 11 serotonin grid in the real app (Chromium, real worker threads): imported from an
 * experiment file, run, and drawn as a phase diagram in Compare; hovering a cell shows its n,
 * mean and sd, clicking it opens its raster, and the chart exports as SVG. (21 x 21 = 441 conditions
 * is the jsdom test's size, renderer-phase-diagram.test.ts; here 121 keep the run-all part short.)
 */
import { describe, expect, it } from 'vitest'
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { chromiumMissing, workbenchForSuite } from './harness'

describe.skipIf(chromiumMissing)('phase diagram of an 11 x 11 grid', () => {
  const app = workbenchForSuite({ width: 1400, height: 1000 })
  const tab = app.tab

  it('imports the grid, runs it, draws the diagram; hover, click and SVG export work', async () => {
    const p = app.wb.page
    const file = join(app.wb.userDataDir, 'grid.experiment.yaml')
    // Short fast-input runs (0.3 s, stimulus 0.05 to 0.1 s) keep 441 of them quick; the grid is the point here.
    writeFileSync(file, [
      'format: serotonin-experiment', 'version: 1', 'name: grid in the app',
      'parameter_sets:', '  default: { simulation: { duration_s: 0.3, input_mode: fast }, stimulus: { t_on_s: 0.05, t_off_s: 0.1 } }',
      'grid: { mu_exc: [0.97, 1.03, 0.006], mu_inh: [0.97, 1.03, 0.006], repetitions: 1, seed: 7 }', ''
    ].join('\n'))
    await tab('Conditions & queue').click()
    app.wb.dialogs.next('openFiles', [file])
    await p.locator('[data-test="import-experiment"]').click()
    await expect.poll(() => p.locator('body').innerText()).toMatch(/Imported 121 conditions/)
    await p.locator('[data-test="run-all"]').click()
    await expect.poll(() => p.locator('[data-test="queue-progress"]').innerText(), { timeout: 180_000, interval: 500 }).toBe('121 / 121 done')

    await tab('Compare').click()
    const diagram = p.locator('[data-testid="phase-diagram"]')
    await expect.poll(() => diagram.count(), { timeout: 10_000 }).toBe(1)
    expect(await diagram.innerText()).toContain('11 × 11 conditions')
    const chart = diagram.locator('.echart')
    await chart.scrollIntoViewIfNeeded()
    await expect.poll(() => chart.locator('canvas').count()).toBeGreaterThan(0)
    const box = (await chart.boundingBox())!
    // The option's grid: left 64, right 96, top 16, bottom 56; cell (i = 10, j = 0) is bottom right.
    const cellW = (box.width - 64 - 96) / 11
    const cellH = (box.height - 16 - 56) / 11
    const x = box.x + 64 + (10 + 0.5) * cellW
    const y = box.y + 16 + (10 + 0.5) * cellH
    await p.mouse.move(x - 3, y - 3)
    await p.mouse.move(x, y, { steps: 3 })
    await expect.poll(() => p.locator('body').innerText(), { timeout: 5_000 }).toMatch(/mu_exc 1\.03, mu_inh 0\.97\s+Termination time \(s\): mean [\d.]+, sd n\/a\s+n = 1/)
    await p.mouse.click(x, y)
    await expect.poll(() => p.locator('[data-testid="raster-panel"]').count(), { timeout: 10_000 }).toBe(1)
    expect(await p.locator('[data-testid="picker-condition"]').inputValue()).toBe('mu_exc 1.03, mu_inh 0.97')

    await tab('Compare').click()
    const svg = join(app.wb.userDataDir, 'phase.svg')
    app.wb.dialogs.next('saveFile', svg)
    await p.getByRole('button', { name: 'Save Phase diagram over mu_exc and mu_inh as SVG' }).click()
    await expect.poll(() => existsSync(svg)).toBe(true)
    expect(readFileSync(svg, 'utf8')).toMatch(/^<svg[\s\S]*mu_inh/)
  }, 240_000)
})
