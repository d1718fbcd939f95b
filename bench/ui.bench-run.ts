/**
 * UI speed figures (a benchmark, not a test; run by `npm run bench`): scrubbing four
 * synchronized 5-s rasters in headless Chromium, opening a project with 210 finished runs, and
 * the renderer's longest task while the pool is busy. Prints medians; asserts nothing.
 */
import { it } from 'vitest'
import { join } from 'node:path'
import { launchWorkbench, chromiumMissing } from '../test/e2e/harness'
import { writeProjectFile } from '../src-main/project/project-file'
import { toStoredRun } from '../src-main/project/stored-runs'
import { CURRENT_FORMAT_VERSION, PROJECT_FORMAT } from '../src-shared/project/format'
import { notebookConditions } from '../src-shared/experiment/presets'
import { defaultParameterSet } from '../src-shared/params/schema'

const figures: Record<string, number> = {}
const say = (s: string): void => void process.stdout.write(`${s}\n`)

it.skipIf(chromiumMissing)('UI benchmark', async () => {
  const wb = await launchWorkbench()
  const p = wb.page
  await p.goto(`${wb.url}?bench=1`)
  const tab = (name: string) => p.getByRole('tab', { name }).or(p.getByRole('button', { name, exact: true })).first()

  // Four real runs of the notebook conditions.
  await tab('Conditions & queue').click()
  await p.locator('[data-test="preset-notebook"]').click()
  await p.locator('[data-test="run-all"]').click()
  await p.waitForFunction(() => document.body.innerText.includes('4 / 4 done'), undefined, { timeout: 60_000 })

  // 1. Scrubbing four synchronized rasters.
  await tab('Rasters').click()
  for (const condition of ['normal', 'increased serotonin', 'slightly decreased serotonin', 'decreased serotonin']) {
    await p.locator('[data-testid="picker-condition"]').selectOption(condition)
    await p.locator('[data-testid="run-picker"] input[type="checkbox"]').first().check()
  }
  await p.waitForFunction(() => document.querySelectorAll('[data-testid="raster-panel"]').length === 4)
  const fps: number[] = []
  const longest: number[] = []
  for (let k = 0; k < 3; k++) {
    const r = await p.evaluate(() => (window as unknown as { __rasterBench(n: number): Promise<{ fps: number; longestFrameMs: number }> }).__rasterBench(240))
    fps.push(r.fps)
    longest.push(r.longestFrameMs)
  }
  figures.scrub_fps_4_rasters = median(fps)
  figures.scrub_longest_frame_ms = median(longest)
  say(`scrubbing 4 rasters: median ${figures.scrub_fps_4_rasters.toFixed(0)} fps (runs: ${fps.map((x) => x.toFixed(0)).join(', ')}), longest frame ${figures.scrub_longest_frame_ms.toFixed(0)} ms`)

  // 2. Opening a project of 210 finished runs (the four real runs repeated with new ids).
  const real = await wb.services.store.listFinished()
  const runs = Array.from({ length: 210 }, (_, i) => {
    const src = real[i % real.length]
    return toStoredRun({ ...src, record: { ...src.record, runId: `bench#${i + 1}`, condition: src.record.condition, rep: Math.floor(i / real.length) } })
  })
  const file = join(wb.userDataDir, 'bench-210.satproj')
  await writeProjectFile(file, {
    format: PROJECT_FORMAT,
    formatVersion: CURRENT_FORMAT_VERSION,
    appVersion: 'bench',
    savedAt: new Date().toISOString(),
    document: { name: 'bench 210', parameterSets: { default: defaultParameterSet() }, conditions: notebookConditions(), view: {} },
    runs
  })
  const openTimes: number[] = []
  for (let k = 0; k < 3; k++) {
    await p.goto(`${wb.url}?bench=1`)
    await p.waitForSelector('[data-test="project-name"]')
    wb.dialogs.next('openFiles', [file])
    const t = performance.now()
    await p.evaluate(() => (window as unknown as { __workbenchEmit(c: string, t: string): void }).__workbenchEmit('menu:command', JSON.stringify({ command: 'open' })))
    await p.waitForFunction(() => document.body.innerText.includes('210 finished runs in project'), undefined, { timeout: 60_000 })
    openTimes.push(performance.now() - t)
  }
  figures.open_project_210_runs_ms = median(openTimes)
  say(`opening a project with 210 runs: median ${figures.open_project_210_runs_ms.toFixed(0)} ms (${openTimes.map((x) => x.toFixed(0)).join(', ')})`)

  // 3. The renderer's longest task while the pool is busy with the sweep.
  await p.goto(`${wb.url}?bench=1`)
  await tab('Conditions & queue').click()
  await p.evaluate(() => {
    const w = window as unknown as { __longTasks: number[] }
    w.__longTasks = []
    new PerformanceObserver((list) => list.getEntries().forEach((e) => w.__longTasks.push(e.duration))).observe({ type: 'longtask', buffered: false })
  })
  await p.locator('[data-test="preset-sweep"]').click()
  await p.locator('[data-test="run-all"]').click()
  await p.waitForTimeout(15_000)
  await p.locator('[data-test="cancel-all"]').click()
  await p.waitForTimeout(1000)
  const tasks = await p.evaluate(() => (window as unknown as { __longTasks: number[] }).__longTasks.slice())
  figures.renderer_longest_task_ms = tasks.length ? Math.max(...tasks) : 0
  // Check the observer itself: a deliberate 120 ms task must show up.
  await p.evaluate(() => {
    const end = performance.now() + 120
    while (performance.now() < end) {
      /* busy on purpose */
    }
  })
  await p.waitForTimeout(200)
  const seen = await p.evaluate(() => (window as unknown as { __longTasks: number[] }).__longTasks.some((d) => d >= 100))
  say(`renderer while the pool ran the sweep for 15 s: ${tasks.length} tasks over 50 ms, longest ${figures.renderer_longest_task_ms.toFixed(0)} ms (long-task observer ${seen ? 'verified with a deliberate 120 ms task' : 'DID NOT see a deliberate 120 ms task'})`)
  say(`UI_FIGURES ${JSON.stringify(figures)}`)
  await wb.close()
}, 300_000)

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b)
  return s[s.length >> 1]
}
