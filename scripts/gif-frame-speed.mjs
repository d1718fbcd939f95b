#!/usr/bin/env node
/**
 * Measures GIF frame rendering and gifenc encoding speed (ms per frame, median of 50 frames)
 * for full frames at 8-bit and 4-bit LZW codes, for full-size transparent difference frames,
 * and end to end through encodeRasterGif with and without cropped difference frames.
 * Loads the TypeScript sources through Vite's SSR loader, so nothing needs building first.
 *   node scripts/gif-frame-speed.mjs [width] [height]
 */
import { createServer } from 'vite'
import { fileURLToPath } from 'node:url'
import { performance } from 'node:perf_hooks'

const root = fileURLToPath(new URL('..', import.meta.url))
const width = Number(process.argv[2] ?? 1200)
const height = Number(process.argv[3] ?? 600)

const server = await createServer({
  root,
  configFile: false,
  logLevel: 'error',
  appType: 'custom',
  server: { middlewareMode: true, hmr: false, ws: false },
  optimizeDeps: { noDiscovery: true, include: [] }
})
try {
  const { RasterFrameRenderer } = await server.ssrLoadModule('/src-shared/gif/raster-frame-renderer.ts')
  const { RASTER_PALETTE, PaletteIndex } = await server.ssrLoadModule('/src-shared/gif/palette.ts')
  const { GIFEncoder } = await server.ssrLoadModule('/src-main/gif/gifenc-interop.ts')
  const { encodeRasterGif } = await server.ssrLoadModule('/src-main/gif/gif-writer.ts')
  const { syntheticRaster } = await server.ssrLoadModule('/test/helpers/synthetic-raster.ts')

  // Roughly the reference look: sparse background, a 60-neuron bump, busy inhibitory cells.
  const raster = syntheticRaster({ backgroundHz: 2, inhibitoryHz: 30, bump: { lo: 70, hi: 130, hz: 30, startS: 1.0 } })
  const panels = [{ raster, title: 'Normal Serotonin' }]
  const median = (xs) => {
    const s = [...xs].sort((a, b) => a - b)
    return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2
  }

  const renderer = new RasterFrameRenderer(panels, { width, height })
  const frames = []
  const renderMs = []
  const buf = renderer.createFrameBuffer()
  for (let k = 0; k < renderer.frames; k++) {
    const t0 = performance.now()
    renderer.renderFrame(k, buf)
    renderMs.push(performance.now() - t0)
    frames.push(buf.slice())
  }
  console.log(`${raster.steps.length} spikes, ${width}x${height}, ${renderer.frames} frames`)
  console.log(`render (accumulate, incremental): median ${median(renderMs).toFixed(3)} ms/frame`)

  const encodeFull = (colorDepth) => {
    const enc = GIFEncoder({ initialCapacity: width * height })
    const ms = []
    frames.forEach((f, k) => {
      const t0 = performance.now()
      enc.writeFrame(f, width, height, { palette: k === 0 ? RASTER_PALETTE : null, delay: 100, repeat: 0, colorDepth })
      ms.push(performance.now() - t0)
    })
    enc.finish()
    return { ms, bytes: enc.bytes().length }
  }
  const encodeDiff = () => {
    const enc = GIFEncoder({ initialCapacity: width * height })
    const prev = new Uint8Array(width * height)
    const diff = new Uint8Array(width * height)
    const ms = []
    frames.forEach((f, k) => {
      const t0 = performance.now()
      if (k === 0) {
        enc.writeFrame(f, width, height, { palette: RASTER_PALETTE, delay: 100, repeat: 0, colorDepth: 4, dispose: 1 })
        prev.set(f)
      } else {
        for (let i = 0; i < f.length; i++) {
          const v = f[i]
          if (v === prev[i]) diff[i] = PaletteIndex.UNCHANGED
          else diff[i] = prev[i] = v
        }
        enc.writeFrame(diff, width, height, { delay: 100, colorDepth: 4, transparent: true, transparentIndex: PaletteIndex.UNCHANGED, dispose: 1 })
      }
      ms.push(performance.now() - t0)
    })
    enc.finish()
    return { ms, bytes: enc.bytes().length }
  }

  for (let rep = 0; rep < 2; rep++) {
    // The first round warms up the JIT; report the second.
    const results = [
      ['full frames, colorDepth 8', encodeFull(8)],
      ['full frames, colorDepth 4', encodeFull(4)],
      ['full-size transparent difference frames, colorDepth 4', encodeDiff()]
    ]
    if (rep === 0) continue
    for (const [name, r] of results) {
      console.log(`encode ${name}: median ${median(r.ms).toFixed(2)} ms/frame, ${(r.bytes / 1024).toFixed(0)} KiB`)
    }
  }

  const endToEnd = async (differenceFrames) => {
    let result
    for (let rep = 0; rep < 3; rep++) {
      const perFrame = []
      let last = performance.now()
      const bytes = await encodeRasterGif(panels, { width, height, differenceFrames }, {
        onProgress: () => {
          const now = performance.now()
          perFrame.push(now - last)
          last = now
        }
      })
      result = { median: median(perFrame), bytes: bytes.length }
    }
    return result
  }
  for (const differenceFrames of [false, true]) {
    const r = await endToEnd(differenceFrames)
    const name = differenceFrames ? 'cropped difference frames' : 'full frames'
    console.log(`encodeRasterGif (${name}, render + encode): median ${r.median.toFixed(2)} ms/frame, ${(r.bytes / 1024).toFixed(0)} KiB`)
  }
} finally {
  await server.close()
}
