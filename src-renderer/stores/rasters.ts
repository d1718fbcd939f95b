/**
 * The rasters view's shared state: which runs are shown, the one time cursor every panel follows,
 * playback, zoom, and a small cache of fetched rasters (spikes live in the main process and a
 * 5-second run is ~1 MB, so only the last few are kept here).
 */
import { defineStore } from 'pinia'
import { computed, ref, shallowRef, triggerRef, watch } from 'vue'
import type { RasterPayload } from '../../src-shared/ipc/contract'
import { api } from '../api'

export const MAX_PICKED = 6
export const RASTER_CACHE_SIZE = 12
export const SPEEDS = [0.25, 0.5, 1, 2, 4] as const
/** One keyboard step over the full range. */
export const DEFAULT_FRAME_S = 0.1
/** A zoomed range is stepped through in this many frames. */
export const ZOOM_FRAMES = 50
/** Shown before any raster has arrived (the default run length). */
export const FALLBACK_DURATION_S = 5
/** Narrowest zoom: shorter drags are taken as clicks. */
export const MIN_ZOOM_S = 0.005

export type TimeRange = [number, number]

/** What the project may persist of this view (free-form `view` state of the document). */
export interface RastersViewState {
  picked: string[]
  cursorS: number
  zoom: TimeRange | null
  speed: number
  loop: boolean
}

export function rasterDurationS(r: Pick<RasterPayload, 'nSteps' | 'dt_ms'>): number {
  return (r.nSteps * r.dt_ms) / 1000
}

function clamp(x: number, lo: number, hi: number): number {
  return x < lo ? lo : x > hi ? hi : x
}

export const useRastersStore = defineStore('rasters', () => {
  const picked = ref<string[]>([])
  const cursorS = ref(0)
  const playing = ref(false)
  const speed = ref(1)
  const loop = ref(false)
  const zoom = ref<TimeRange | null>(null)
  /** Insertion order is recency order: the first key is the least recently used. */
  const cache = shallowRef(new Map<string, RasterPayload>())
  const errors = ref<Record<string, string>>({})
  const inFlight = new Map<string, Promise<RasterPayload | null>>()

  const durationS = computed(() => {
    let d = 0
    for (const id of picked.value) {
      const r = cache.value.get(id)
      if (r) d = Math.max(d, rasterDurationS(r))
    }
    return d > 0 ? d : FALLBACK_DURATION_S
  })
  const range = computed<TimeRange>(() => zoom.value ?? [0, durationS.value])
  const frameS = computed(() => (zoom.value ? (zoom.value[1] - zoom.value[0]) / ZOOM_FRAMES : DEFAULT_FRAME_S))
  const full = computed(() => picked.value.length >= MAX_PICKED)
  /**
   * Until the user moves the cursor, it stays at the end of the shown range, so runs opened
   * from Compare or the picker show their whole raster rather than an empty plot.
   */
  const followEnd = ref(true)
  watch(range, ([, t1]) => {
    if (followEnd.value) cursorS.value = t1
  })
  function showWholeRunsIfFirst(wasEmpty: boolean): void {
    if (!wasEmpty || !picked.value.length) return
    followEnd.value = true
    cursorS.value = range.value[1]
  }

  /** Replaces the selection with the first six distinct ids; returns how many were left out. */
  function pick(runIds: readonly string[]): number {
    const unique = [...new Set(runIds)]
    const wasEmpty = picked.value.length === 0
    picked.value = unique.slice(0, MAX_PICKED)
    showWholeRunsIfFirst(wasEmpty)
    return unique.length - picked.value.length
  }

  /** Adds one run; false when it is already shown or six are. */
  function add(runId: string): boolean {
    if (picked.value.includes(runId) || full.value) return false
    const wasEmpty = picked.value.length === 0
    picked.value = [...picked.value, runId]
    showWholeRunsIfFirst(wasEmpty)
    return true
  }

  function remove(runId: string): void {
    picked.value = picked.value.filter((id) => id !== runId)
  }

  function toggle(runId: string): boolean {
    if (picked.value.includes(runId)) {
      remove(runId)
      return true
    }
    return add(runId)
  }

  function clear(): void {
    picked.value = []
  }

  /** Moves the cursor, kept inside the visible range. */
  function setCursor(s: number): void {
    if (!Number.isFinite(s)) return
    const [t0, t1] = range.value
    followEnd.value = false
    cursorS.value = clamp(s, t0, t1)
  }

  /** Steps whole frames (negative: back) and stops playback, like a video player. */
  function step(frames: number): void {
    playing.value = false
    setCursor(cursorS.value + frames * frameS.value)
  }

  function play(): void {
    const [t0, t1] = range.value
    if (cursorS.value >= t1 - 1e-9) cursorS.value = t0
    followEnd.value = false
    playing.value = true
  }

  function pause(): void {
    playing.value = false
  }

  function togglePlay(): void {
    if (playing.value) pause()
    else play()
  }

  /** Advances playback by `wallS` seconds of wall time (called once per animation frame). */
  function tick(wallS: number): void {
    if (!playing.value || !(wallS > 0)) return
    const [t0, t1] = range.value
    const next = cursorS.value + wallS * speed.value
    if (next < t1) {
      cursorS.value = next
    } else if (loop.value) {
      cursorS.value = t0
    } else {
      cursorS.value = t1
      playing.value = false
    }
  }

  function setSpeed(x: number): void {
    if (Number.isFinite(x)) speed.value = clamp(x, SPEEDS[0], SPEEDS[SPEEDS.length - 1])
  }

  function setLoop(on: boolean): void {
    loop.value = on
  }

  /** Zooms to [a, b] (either order) within the runs' duration; false when the range is too narrow. */
  function setZoom(a: number, b: number): boolean {
    if (!Number.isFinite(a) || !Number.isFinite(b)) return false
    const d = durationS.value
    const t0 = clamp(Math.min(a, b), 0, d)
    const t1 = clamp(Math.max(a, b), 0, d)
    if (t1 - t0 < MIN_ZOOM_S) return false
    zoom.value = [t0, t1]
    cursorS.value = clamp(cursorS.value, t0, t1)
    return true
  }

  function resetZoom(): void {
    zoom.value = null
    cursorS.value = clamp(cursorS.value, 0, durationS.value)
  }

  /** A cached raster, marked as recently used. */
  function raster(runId: string): RasterPayload | undefined {
    const map = cache.value
    const r = map.get(runId)
    if (r) {
      map.delete(runId)
      map.set(runId, r)
    }
    return r
  }

  /** Stores a raster, evicting the least recently used ones that are not on screen. */
  function putRaster(r: RasterPayload): void {
    const map = cache.value
    map.delete(r.runId)
    map.set(r.runId, r)
    if (map.size > RASTER_CACHE_SIZE) {
      for (const id of [...map.keys()]) {
        if (map.size <= RASTER_CACHE_SIZE) break
        if (!picked.value.includes(id)) map.delete(id)
      }
    }
    triggerRef(cache)
  }

  /** Fetches a raster from the main process once, however many panels ask at the same time. */
  function load(runId: string): Promise<RasterPayload | null> {
    const hit = raster(runId)
    if (hit) return Promise.resolve(hit)
    const pending = inFlight.get(runId)
    if (pending) return pending
    const p = (async () => {
      try {
        const res = await api().invoke('runs:getRaster', { runId })
        if (!res.ok) {
          errors.value = { ...errors.value, [runId]: res.message }
          return null
        }
        const { [runId]: _gone, ...rest } = errors.value
        errors.value = rest
        putRaster(res.raster)
        return res.raster
      } catch (e) {
        errors.value = { ...errors.value, [runId]: `Could not load the spikes of run ${runId}: ${(e as Error).message}` }
        return null
      } finally {
        inFlight.delete(runId)
      }
    })()
    inFlight.set(runId, p)
    return p
  }

  async function loadPicked(): Promise<void> {
    await Promise.all(picked.value.map((id) => load(id)))
  }

  /** Drops cached rasters and picks of runs that no longer exist (runs forgotten, project closed). */
  function retain(existing: (runId: string) => boolean): void {
    picked.value = picked.value.filter(existing)
    let changed = false
    for (const id of [...cache.value.keys()]) {
      if (!existing(id)) {
        cache.value.delete(id)
        changed = true
      }
    }
    if (changed) triggerRef(cache)
  }

  function snapshot(): RastersViewState {
    return { picked: [...picked.value], cursorS: cursorS.value, zoom: zoom.value ? [...zoom.value] : null, speed: speed.value, loop: loop.value }
  }

  function restore(s: Partial<RastersViewState>): void {
    if (Array.isArray(s.picked)) pick(s.picked.filter((x): x is string => typeof x === 'string'))
    if (typeof s.speed === 'number') setSpeed(s.speed)
    if (typeof s.loop === 'boolean') loop.value = s.loop
    zoom.value = null
    if (Array.isArray(s.zoom) && s.zoom.length === 2) setZoom(s.zoom[0], s.zoom[1])
    if (typeof s.cursorS === 'number') setCursor(s.cursorS)
    playing.value = false
  }

  return {
    picked, cursorS, playing, speed, loop, zoom, cache, errors,
    durationS, range, frameS, full,
    pick, add, remove, toggle, clear,
    setCursor, step, play, pause, togglePlay, tick, setSpeed, setLoop, setZoom, resetZoom,
    raster, putRaster, load, loadPicked, retain, snapshot, restore
  }
})
