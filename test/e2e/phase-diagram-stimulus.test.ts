/**
 * The phase diagram on a stimulus-strength grid in the app (Chromium, real worker threads): the
 * example 3-axis file (mu_exc x mu_inh x stimulus_A) imported and run; Compare draws mu_exc x mu_inh
 * with a picker for the amplitude, axis titles from the parameter schema; a 2-axis mu_exc x
 * stimulus_A grid puts the amplitude on the chart's vertical axis.
 */
import { describe, expect, it } from 'vitest'
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { chromiumMissing, workbenchForSuite } from './harness'
import { root } from '../helpers/built'

describe.skipIf(chromiumMissing)('phase diagram over stimulus strength', () => {
  const app = workbenchForSuite({ width: 1400, height: 1000 })
  const tab = app.tab

  it('a 3-axis grid: mu_exc x mu_inh at a chosen amplitude; hover names all three; SVG has the schema titles', async () => {
    const p = app.wb.page
    await tab('Conditions & queue').click()
    app.wb.dialogs.next('openFiles', [join(root, 'resources/examples/grid-stimulus-strength.experiment.yaml')])
    await p.locator('[data-test="import-experiment"]').click()
    await expect.poll(() => p.locator('body').innerText()).toMatch(/Imported 12 conditions and 4 parameter sets/)
    await p.locator('[data-test="run-all"]').click()
    await expect.poll(() => p.locator('[data-test="queue-progress"]').innerText(), { timeout: 120_000, interval: 500 }).toBe('24 / 24 done')

    await tab('Compare').click()
    const diagram = p.locator('[data-testid="phase-diagram"]')
    await expect.poll(() => diagram.count(), { timeout: 10_000 }).toBe(1)
    expect(await diagram.innerText()).toContain('2 × 2 × 3 conditions')
    const slice = diagram.locator('[data-testid="phase-slice"]')
    expect(await slice.locator('option').allInnerTexts()).toEqual(['25', '50', '100'])
    await slice.selectOption({ label: '100' })
    const save = p.getByRole('button', { name: 'Save Phase diagram over mu_exc and mu_inh at stimulus_A 100 as SVG' })
    await expect.poll(() => save.count()).toBe(1)

    const chart = diagram.locator('.echart')
    await chart.scrollIntoViewIfNeeded()
    await expect.poll(() => chart.locator('canvas').count()).toBeGreaterThan(0)
    const box = (await chart.boundingBox())!
    // The option's grid: left 64, right 96, top 16, bottom 56; cell (i = 1, j = 0) is bottom right.
    const cellW = (box.width - 64 - 96) / 2
    const cellH = (box.height - 16 - 56) / 2
    const x = box.x + 64 + 1.5 * cellW
    const y = box.y + 16 + 1.5 * cellH
    // The chart redraws for the picked amplitude; hover again until its tooltip answers.
    const hover = async (): Promise<string> => {
      await p.mouse.move(x - 3, y - 3)
      await p.mouse.move(x, y, { steps: 3 })
      return p.locator('body').innerText()
    }
    await expect.poll(hover, { timeout: 10_000, interval: 300 }).toMatch(/mu_exc 1\.02, mu_inh 1, stimulus_A 100\s+Termination time \(s\): mean [\d.]+, sd [\d.]+\s+n = 2/)

    const svg = join(app.wb.userDataDir, 'phase-a.svg')
    app.wb.dialogs.next('saveFile', svg)
    await save.click()
    await expect.poll(() => existsSync(svg)).toBe(true)
    const text = readFileSync(svg, 'utf8')
    expect(text).toContain('mu (excitatory) (serotonin.mu_exc)')
    expect(text).toContain('mu (inhibitory) (serotonin.mu_inh)')

    // Any axis can be the picked one: mu_exc picked puts mu_inh across and the amplitude up.
    await diagram.locator('[data-testid="phase-slice-axis"]').selectOption('mu_exc')
    await expect.poll(() => p.getByRole('button', { name: 'Save Phase diagram over mu_inh and stimulus_A at mu_exc 0.98 as SVG' }).count()).toBe(1)
    expect(await slice.locator('option').allInnerTexts()).toEqual(['0.98', '1.02'])
  }, 180_000)
})

describe.skipIf(chromiumMissing)('phase diagram over mu_exc and stimulus strength', () => {
  const app = workbenchForSuite({ width: 1400, height: 1000 })
  const tab = app.tab

  it('mu_exc x stimulus_A: the amplitude is the vertical axis, no picker', async () => {
    const p = app.wb.page
    const file = join(app.wb.userDataDir, 'a.experiment.yaml')
    writeFileSync(file, [
      'format: serotonin-experiment', 'version: 1', 'name: amplitude',
      'parameter_sets:', '  short: { simulation: { duration_s: 0.3, input_mode: fast }, stimulus: { t_on_s: 0.05, t_off_s: 0.1 } }',
      'grid: { mu_exc: [0.98, 1.02], stimulus_A: [20, 60, 20], seed: 5 }', ''
    ].join('\n'))
    await tab('Conditions & queue').click()
    app.wb.dialogs.next('openFiles', [file])
    await p.locator('[data-test="import-experiment"]').click()
    await expect.poll(() => p.locator('body').innerText()).toMatch(/Imported 6 conditions/)
    await p.locator('[data-test="run-all"]').click()
    await expect.poll(() => p.locator('[data-test="queue-progress"]').innerText(), { timeout: 60_000, interval: 300 }).toMatch(/^6 \/ 6 done/)
    await tab('Compare').click()
    const diagram = p.locator('[data-testid="phase-diagram"]')
    await expect.poll(() => diagram.count(), { timeout: 10_000 }).toBe(1)
    expect(await diagram.innerText()).toContain('2 × 3 conditions')
    expect(await diagram.locator('[data-testid="phase-slice"]').count()).toBe(0)
    const svg = join(app.wb.userDataDir, 'phase-b.svg')
    app.wb.dialogs.next('saveFile', svg)
    await p.getByRole('button', { name: 'Save Phase diagram over mu_exc and stimulus_A as SVG' }).click()
    await expect.poll(() => existsSync(svg)).toBe(true)
    expect(readFileSync(svg, 'utf8')).toContain('Stimulus amplitude (stimuli_input.A)')
  }, 120_000)
})
