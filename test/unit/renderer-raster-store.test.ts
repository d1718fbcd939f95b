// @vitest-environment jsdom
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import type { RasterPayload } from '../../src-shared/ipc/contract'
import { useRastersStore, MAX_PICKED, RASTER_CACHE_SIZE } from '../../src-renderer/stores/rasters'

function payload(runId: string, seconds = 5): RasterPayload {
  return {
    runId, Ne: 4, Ni: 2, dt_ms: 0.1, nSteps: Math.round(seconds * 10000), t_on_s: 1, t_off_s: 1.25, terminationTimeS: 2,
    steps: Uint32Array.of(10, 20), neurons: Uint16Array.of(0, 5)
  }
}

describe('rasters store', () => {
  beforeEach(() => setActivePinia(createPinia()))

  it('shows at most six distinct runs', () => {
    const s = useRastersStore()
    const ids = ['a', 'b', 'a', 'c', 'd', 'e', 'f', 'g', 'h']
    expect(s.pick(ids)).toBe(2)
    expect(s.picked).toEqual(['a', 'b', 'c', 'd', 'e', 'f'])
    expect(s.picked).toHaveLength(MAX_PICKED)
    expect(s.full).toBe(true)
    expect(s.add('g')).toBe(false)
    expect(s.toggle('c')).toBe(true)
    expect(s.add('g')).toBe(true)
    expect(s.picked).toEqual(['a', 'b', 'd', 'e', 'f', 'g'])
  })

  it('steps the cursor 100 ms, or 1/50 of a zoomed range, and keeps it inside the range', () => {
    const s = useRastersStore()
    s.setCursor(1)
    s.step(1)
    expect(s.cursorS).toBeCloseTo(1.1, 12)
    s.step(-3)
    expect(s.cursorS).toBeCloseTo(0.8, 12)
    s.setCursor(-4)
    expect(s.cursorS).toBe(0)
    s.setCursor(99)
    expect(s.cursorS).toBe(5)
    expect(s.setZoom(2, 1)).toBe(true)
    expect(s.zoom).toEqual([1, 2])
    expect(s.cursorS).toBe(2)
    expect(s.frameS).toBeCloseTo(0.02, 12)
    s.step(-1)
    expect(s.cursorS).toBeCloseTo(1.98, 12)
    expect(s.setZoom(1, 1.001)).toBe(false)
    s.resetZoom()
    expect(s.range).toEqual([0, 5])
  })

  it('plays at the chosen speed, stops at the end or loops', () => {
    const s = useRastersStore()
    s.setCursor(4)
    s.setSpeed(2)
    s.play()
    s.tick(0.25)
    expect(s.cursorS).toBeCloseTo(4.5, 12)
    s.tick(1)
    expect(s.cursorS).toBe(5)
    expect(s.playing).toBe(false)
    s.setLoop(true)
    s.play() // from the end, playback restarts at the start
    expect(s.cursorS).toBe(0)
    s.setCursor(4.9)
    s.tick(0.1)
    expect(s.cursorS).toBe(0)
    expect(s.playing).toBe(true)
    s.step(1)
    expect(s.playing).toBe(false)
    s.setSpeed(100)
    expect(s.speed).toBe(4)
  })

  it('takes the duration from the shown rasters', () => {
    const s = useRastersStore()
    s.pick(['a', 'b'])
    s.putRaster(payload('a', 3))
    s.putRaster(payload('b', 4))
    expect(s.durationS).toBeCloseTo(4, 12)
    s.setCursor(10)
    expect(s.cursorS).toBeCloseTo(4, 12)
  })

  it('keeps the twelve most recently used rasters but never evicts shown ones', () => {
    const s = useRastersStore()
    s.pick(['r0'])
    for (let i = 0; i < RASTER_CACHE_SIZE + 3; i++) s.putRaster(payload(`r${i}`))
    expect(s.cache.size).toBe(RASTER_CACHE_SIZE)
    expect(s.cache.has('r0')).toBe(true)
    expect(s.cache.has('r1')).toBe(false)
    expect(s.cache.has('r3')).toBe(false)
    expect(s.cache.has('r4')).toBe(true)
    s.raster('r4') // touch: now most recent
    s.putRaster(payload('x'))
    expect(s.cache.has('r4')).toBe(true)
    expect(s.cache.has('r5')).toBe(false)
  })

  it('fetches a raster once however many ask, and records a failure as a sentence', async () => {
    const invoke = vi.fn(async (_channel: string, req: { runId: string }) =>
      req.runId === 'bad' ? { ok: false, message: 'Run bad is not in this project.' } : { ok: true, raster: payload(req.runId) })
    ;(window as unknown as { workbench: unknown }).workbench = { invoke, on: () => () => {} }
    const s = useRastersStore()
    const [a, b] = await Promise.all([s.load('a'), s.load('a')])
    expect(a).toBe(b)
    expect(invoke).toHaveBeenCalledTimes(1)
    expect(invoke).toHaveBeenCalledWith('runs:getRaster', { runId: 'a' })
    await s.load('a')
    expect(invoke).toHaveBeenCalledTimes(1)
    expect(await s.load('bad')).toBeNull()
    expect(s.errors.bad).toBe('Run bad is not in this project.')
  })

  it('restores a saved view state', () => {
    const s = useRastersStore()
    s.restore({ picked: ['a', 'b'], zoom: [1, 2], cursorS: 1.5, speed: 0.5, loop: true })
    expect(s.snapshot()).toEqual({ picked: ['a', 'b'], zoom: [1, 2], cursorS: 1.5, speed: 0.5, loop: true })
  })
})
