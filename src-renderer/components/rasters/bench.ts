/**
 * `window.__rasterBench(frames)`: scrubs the shared cursor through `frames` positions, one per
 * animation frame, and reports how smoothly the panels kept up. Installed in development builds
 * and when the page was opened with ?bench=1 (the benchmark script does that).
 */
import { nextTick } from 'vue'

export interface RasterBenchResult {
  frames: number
  fps: number
  longestFrameMs: number
  /** Time from moving the cursor to every panel having composited, per frame. */
  meanDrawMs: number
  maxDrawMs: number
}

export interface BenchTarget {
  pause(): void
  range(): [number, number]
  setCursor(s: number): void
}

declare global {
  interface Window {
    __rasterBench?: (frames?: number) => Promise<RasterBenchResult>
  }
}

export function benchEnabled(): boolean {
  // Written out in full so Vite replaces it at build time (the web tsconfig has no vite/client types).
  const mode = (import.meta as unknown as { env: { MODE: string } }).env.MODE
  const search = typeof location !== 'undefined' ? location.search : ''
  return mode !== 'production' || /(?:^|[?&])bench=1(?:&|$)/.test(search)
}

export function runRasterBench(target: BenchTarget, frames = 300): Promise<RasterBenchResult> {
  const n = Math.max(2, Math.floor(frames))
  target.pause()
  const [t0, t1] = target.range()
  const stamps: number[] = []
  const draws: number[] = []
  return new Promise((resolve) => {
    let i = 0
    const frame = (now: number): void => {
      stamps.push(now)
      if (i >= n) {
        let longest = 0
        for (let k = 1; k < stamps.length; k++) longest = Math.max(longest, stamps[k] - stamps[k - 1])
        const total = stamps[stamps.length - 1] - stamps[0]
        resolve({
          frames: n,
          fps: total > 0 ? (n * 1000) / total : 0,
          longestFrameMs: longest,
          meanDrawMs: draws.reduce((a, b) => a + b, 0) / draws.length,
          maxDrawMs: Math.max(...draws)
        })
        return
      }
      const start = performance.now()
      target.setCursor(t0 + ((t1 - t0) * i) / (n - 1))
      i++
      // Panels composite in Vue's flush, a microtask that still runs inside this frame.
      void nextTick().then(() => {
        draws.push(performance.now() - start)
        requestAnimationFrame(frame)
      })
    }
    requestAnimationFrame(frame)
  })
}

export function installRasterBench(target: BenchTarget): () => void {
  if (typeof window === 'undefined' || !benchEnabled()) return () => {}
  const fn = (frames?: number) => runRasterBench(target, frames)
  window.__rasterBench = fn
  return () => {
    if (window.__rasterBench === fn) delete window.__rasterBench
  }
}
