/** Deterministic fake spike rasters for GIF tests: sparse background plus a bump around one neuron. */
import type { SpikeRaster } from '../../src-shared/engine/types'

export interface SyntheticRasterOptions {
  Ne?: number
  Ni?: number
  dt_ms?: number
  durationS?: number
  /** Background rate per neuron (Hz). */
  backgroundHz?: number
  /** Inhibitory rate (Hz); default three times backgroundHz. */
  inhibitoryHz?: number
  /** Neurons lo..hi (inclusive) fire at bumpHz from bumpStartS on. */
  bump?: { lo: number; hi: number; hz: number; startS: number }
  seed?: number
}

function mulberry32(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

export function syntheticRaster(opts: SyntheticRasterOptions = {}): SpikeRaster {
  const Ne = opts.Ne ?? 360
  const Ni = opts.Ni ?? 90
  const dt = opts.dt_ms ?? 0.1
  const nSteps = Math.round(((opts.durationS ?? 5) * 1000) / dt)
  const bgHz = opts.backgroundHz ?? 1
  const bump = opts.bump === undefined ? { lo: 90, hi: 110, hz: 40, startS: 1.0 } : opts.bump
  const rand = mulberry32(opts.seed ?? 7)
  const spikes: Array<[number, number]> = []
  // Draw exponential inter-spike intervals per neuron rather than testing every step.
  const addPoisson = (neuron: number, hz: number, fromStep: number) => {
    if (hz <= 0) return
    const meanSteps = 1000 / hz / dt
    let s = fromStep + Math.floor(-Math.log(1 - rand()) * meanSteps)
    while (s < nSteps - 1) {
      spikes.push([s, neuron])
      s += 1 + Math.floor(-Math.log(1 - rand()) * meanSteps)
    }
  }
  for (let n = 0; n < Ne + Ni; n++) addPoisson(n, n >= Ne ? (opts.inhibitoryHz ?? bgHz * 3) : bgHz, 0)
  if (bump) {
    const from = Math.round((bump.startS * 1000) / dt)
    for (let n = bump.lo; n <= bump.hi; n++) addPoisson(n, bump.hz, from)
  }
  spikes.sort((a, b) => a[0] - b[0] || a[1] - b[1])
  return {
    Ne,
    Ni,
    dt_ms: dt,
    nSteps,
    steps: Uint32Array.from(spikes, (s) => s[0]),
    neurons: Uint16Array.from(spikes, (s) => s[1])
  }
}

export function emptyRaster(Ne = 360, Ni = 90): SpikeRaster {
  return { Ne, Ni, dt_ms: 0.1, nSteps: 50000, steps: new Uint32Array(0), neurons: new Uint16Array(0) }
}
