/** Reads the spikes back out of an NWB file this app wrote (verify, tests). */
import { loadH5wasm, type H5File } from './h5-file'

export interface NwbSpikes {
  /** Spikes in time order, ties by neuron index (the engine's order). */
  steps: Uint32Array
  neurons: Uint16Array
  /** Spikes per unit. */
  counts: Uint32Array
  /** general/data_collection parsed, or undefined when it is not JSON. */
  provenance: unknown
  identifier: string
}

function valueAt(f: H5File, path: string): unknown {
  const node = f.get(path) as unknown as { value?: unknown } | null
  if (!node || !('value' in node)) throw new Error(`it has no ${path}`)
  return node.value
}

/** Steps are recovered from spike times as round(t / dt): times were written as step x dt. */
export async function readNwbSpikes(path: string, dt_ms: number): Promise<NwbSpikes> {
  const h5wasm = await loadH5wasm()
  let f: H5File
  try {
    f = new h5wasm.File(path, 'r')
  } catch (err) {
    throw new Error(`Cannot open ${path} as an HDF5 file: ${err instanceof Error ? err.message : String(err)}`)
  }
  try {
    const times = valueAt(f, 'units/spike_times') as Float64Array
    const index = valueAt(f, 'units/spike_times_index') as ArrayLike<number | bigint>
    const n = index.length
    const counts = new Uint32Array(n)
    const unitOf = new Uint16Array(times.length)
    let start = 0
    for (let i = 0; i < n; i++) {
      const end = Number(index[i])
      counts[i] = end - start
      unitOf.fill(i, start, end)
      start = end
    }
    const dtS = dt_ms / 1000
    const order = Array.from({ length: times.length }, (_, k) => k)
    const stepOf = Uint32Array.from(times, (t) => Math.round(t / dtS))
    order.sort((a, b) => stepOf[a] - stepOf[b] || unitOf[a] - unitOf[b])
    const steps = Uint32Array.from(order, (k) => stepOf[k])
    const neurons = Uint16Array.from(order, (k) => unitOf[k])
    let provenance: unknown
    try {
      provenance = JSON.parse(String(valueAt(f, 'general/data_collection')))
    } catch {
      provenance = undefined
    }
    return { steps, neurons, counts, provenance, identifier: String(valueAt(f, 'identifier')) }
  } catch (err) {
    throw new Error(`${path} is not an NWB spike file of this app: ${err instanceof Error ? err.message : String(err)}`)
  } finally {
    f.close()
  }
}
