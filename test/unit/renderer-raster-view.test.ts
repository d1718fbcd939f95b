// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { mount } from '@vue/test-utils'
import { nextTick } from 'vue'
import { createPinia, setActivePinia, type Pinia } from 'pinia'
import type { RasterPayload, RunRecord } from '../../src-shared/ipc/contract'
import type { RunSummary } from '../../src-shared/analysis/summary'
import RastersView from '../../src-renderer/views/RastersView.vue'
import { useRunsStore } from '../../src-renderer/stores/runs'
import { useRastersStore } from '../../src-renderer/stores/rasters'
import { useUiStore } from '../../src-renderer/stores/ui'
import { PANEL_MARGIN } from '../../src-renderer/components/rasters/raster-geometry'

function rec(condition: string, rep: number, termination: number): RunRecord {
  return {
    runId: `${condition}#${rep}`, condition, rep, seed: rep, mu_exc: 1, mu_inh: 1, orientationDeg: 100, inputMode: 'exact',
    elapsedMs: 1, parametersSha256: `p-${condition}-${rep}`, conditionSha256: `c-${condition}`, summary: { termination_time_s: termination } as RunSummary
  }
}

function raster(runId: string, termination: number): RasterPayload {
  return {
    runId, Ne: 360, Ni: 90, dt_ms: 0.1, nSteps: 50000, t_on_s: 1, t_off_s: 1.25, terminationTimeS: termination,
    steps: Uint32Array.of(100, 12000, 30000), neurons: Uint16Array.of(5, 100, 400)
  }
}

let pinia: Pinia
let invoke: ReturnType<typeof vi.fn>
const ids = ['normal#0', 'normal#1', 'low#0', 'low#1', 'low#2', 'low#3', 'low#4', 'low#5']

beforeEach(() => {
  pinia = createPinia()
  setActivePinia(pinia)
  vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockReturnValue(null)
  invoke = vi.fn(async () => ({ ok: false, message: 'not expected' }))
  ;(window as unknown as { workbench: unknown }).workbench = { invoke, on: () => () => {} }
  const recs = ids.map((id, i) => rec(id.split('#')[0], Number(id.split('#')[1]), 1 + i / 10))
  useRunsStore().reset(recs)
  const store = useRastersStore()
  for (const r of recs) store.putRaster(raster(r.runId, r.summary.termination_time_s))
})
afterEach(() => vi.restoreAllMocks())

function mountView(props: Record<string, unknown> = {}) {
  return mount(RastersView, { props, global: { plugins: [pinia] }, attachTo: document.body })
}

function cursors(w: ReturnType<typeof mountView>): string[] {
  return w.findAll('[data-testid="raster-panel"]').map((p) => p.attributes('data-cursor-s')!)
}

function key(k: string, extra: KeyboardEventInit = {}): void {
  window.dispatchEvent(new KeyboardEvent('keydown', { key: k, code: k === ' ' ? 'Space' : k, bubbles: true, cancelable: true, ...extra }))
}

describe('RastersView', () => {
  it('shows the empty state without finished runs', () => {
    useRunsStore().reset([])
    const w = mountView()
    expect(w.text()).toContain('No finished runs yet — queue conditions in the Conditions view.')
    expect(w.findAll('[data-testid="raster-panel"]')).toHaveLength(0)
    w.unmount()
  })

  it('stacks at most six panels titled with condition, repetition and termination time', async () => {
    const store = useRastersStore()
    store.pick(ids)
    const w = mountView()
    await nextTick()
    const panels = w.findAll('[data-testid="raster-panel"]')
    expect(panels).toHaveLength(6)
    expect(panels[0].get('h3').text()).toBe('normal #1 — termination 1.00 s')
    expect(panels[2].get('h3').text()).toBe('low #1 — termination 1.20 s')
    // Everything came from the cache: no round trip to the main process.
    expect(invoke).not.toHaveBeenCalled()
    w.unmount()
  })

  it('moves every panel to the same time when the cursor moves', async () => {
    const store = useRastersStore()
    store.pick(ids.slice(0, 4))
    const w = mountView()
    await nextTick()
    // Opened, the panels show the whole runs: the cursor waits at the end.
    expect(cursors(w)).toEqual(['5.0000', '5.0000', '5.0000', '5.0000'])
    store.setCursor(1.234)
    await nextTick()
    expect(cursors(w)).toEqual(['1.2340', '1.2340', '1.2340', '1.2340'])
    expect(w.get('[data-testid="cursor-readout"]').text()).toBe('t = 1.234 s')
    w.unmount()
  })

  it('scrubs all panels by dragging on one of them', async () => {
    const store = useRastersStore()
    store.pick(ids.slice(0, 3))
    const w = mountView()
    await nextTick()
    // jsdom lays nothing out, so the panel assumes a 600 px wide canvas at x = 0.
    const plotW = 600 - PANEL_MARGIN.left - PANEL_MARGIN.right
    const canvas = w.findAll('canvas')[1]
    await canvas.trigger('pointerdown', { button: 0, clientX: PANEL_MARGIN.left + plotW / 2, pointerId: 1 })
    expect(store.cursorS).toBeCloseTo(2.5, 9)
    await canvas.trigger('pointermove', { clientX: PANEL_MARGIN.left + plotW / 5, pointerId: 1 })
    await canvas.trigger('pointerup', { clientX: PANEL_MARGIN.left + plotW / 5, pointerId: 1 })
    expect(store.cursorS).toBeCloseTo(1, 9)
    expect(cursors(w)).toEqual(['1.0000', '1.0000', '1.0000'])
    w.unmount()
  })

  it('steps with the arrow keys and plays or pauses with Space', async () => {
    const store = useRastersStore()
    store.pick(ids.slice(0, 2))
    const w = mountView()
    store.setCursor(1)
    key('ArrowRight')
    key('ArrowRight')
    await nextTick()
    expect(store.cursorS).toBeCloseTo(1.2, 12)
    expect(cursors(w)).toEqual(['1.2000', '1.2000'])
    key('ArrowLeft')
    expect(store.cursorS).toBeCloseTo(1.1, 12)
    store.setZoom(1, 2)
    key('ArrowRight')
    expect(store.cursorS).toBeCloseTo(1.12, 12)
    key(' ')
    expect(store.playing).toBe(true)
    key(' ')
    expect(store.playing).toBe(false)
    // Typing in a field keeps its keys.
    const input = w.find('input[type="number"]').element as HTMLInputElement
    input.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowRight', bubbles: true, cancelable: true }))
    expect(store.cursorS).toBeCloseTo(1.12, 12)
    w.unmount()
    // Unmounted: keys no longer reach the store.
    key('ArrowRight')
    expect(store.cursorS).toBeCloseTo(1.12, 12)
  })

  it('zooms every panel to the typed range', async () => {
    const store = useRastersStore()
    store.pick(ids.slice(0, 2))
    const w = mountView()
    const [from, to] = w.findAll('input[type="number"]')
    await from.setValue('1.5')
    await to.setValue('2.5')
    await w.findAll('button').find((b) => b.text() === 'Zoom')!.trigger('click')
    expect(store.range).toEqual([1.5, 2.5])
    await nextTick()
    // The cursor was never moved: it stays at the end, so the zoomed range shows in full.
    expect(cursors(w)).toEqual(['2.5000', '2.5000'])
    await w.findAll('button').find((b) => b.text() === 'Reset')!.trigger('click')
    expect(store.range).toEqual([0, 5])
    w.unmount()
  })

  it('adds runs from the picker up to six', async () => {
    const store = useRastersStore()
    store.pick(['low#0'])
    const w = mountView()
    await nextTick()
    expect((w.get('[data-testid="picker-condition"]').element as HTMLSelectElement).value).toBe('low')
    const boxes = w.findAll('[data-testid="run-picker"] input[type="checkbox"]')
    expect(boxes).toHaveLength(6)
    for (const b of boxes.slice(1)) await b.setValue(true)
    expect(store.picked).toHaveLength(6)
    await w.get('[data-testid="picker-condition"]').setValue('normal')
    const normalBoxes = w.findAll('[data-testid="run-picker"] input[type="checkbox"]')
    expect(normalBoxes.every((b) => (b.element as HTMLInputElement).disabled)).toBe(true)
    expect(w.findAll('[data-testid="raster-panel"]')).toHaveLength(6)
    w.unmount()
  })

  it('opens the GIF dialog when App bumps the request counter or the ui store asks', async () => {
    useRastersStore().pick(ids.slice(0, 2))
    const w = mountView({ gifDialogRequest: 0 })
    expect(w.find('[data-testid="gif-dialog"]').exists()).toBe(false)
    await w.setProps({ gifDialogRequest: 1 })
    expect(w.find('[data-testid="gif-dialog"]').exists()).toBe(true)
    expect(w.get('[data-testid="gif-dialog"] h2').text()).toBe('Save GIF of 2 runs')
    await w.findAll('[data-testid="gif-dialog"] button').find((b) => b.text() === 'Close')!.trigger('click')
    expect(w.find('[data-testid="gif-dialog"]').exists()).toBe(false)
    const ui = useUiStore()
    ui.gifDialogOpen = true
    await nextTick()
    expect(w.find('[data-testid="gif-dialog"]').exists()).toBe(true)
    await w.findAll('[data-testid="gif-dialog"] button').find((b) => b.text() === 'Close')!.trigger('click')
    expect(ui.gifDialogOpen).toBe(false)
    w.unmount()
  })

  it('installs the benchmark hook while mounted (not a production build)', () => {
    const w = mountView()
    expect(typeof window.__rasterBench).toBe('function')
    w.unmount()
    expect(window.__rasterBench).toBeUndefined()
  })
})
