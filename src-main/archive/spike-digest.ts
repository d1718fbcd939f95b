import { createHash } from 'node:crypto'

/** Little-endian bytes of a typed array, without copying on little-endian machines. */
function leBytes(a: Uint32Array | Uint16Array): Uint8Array {
  const bytes = new Uint8Array(a.buffer, a.byteOffset, a.byteLength)
  if (new Uint8Array(new Uint16Array([1]).buffer)[0] === 1) return bytes
  const out = new Uint8Array(a.byteLength)
  const view = new DataView(out.buffer)
  for (let i = 0; i < a.length; i++) {
    if (a instanceof Uint32Array) view.setUint32(i * 4, a[i], true)
    else view.setUint16(i * 2, a[i], true)
  }
  return out
}

/** SHA-256 of a run's spikes: the step indices (uint32 LE) followed by the neuron indices (uint16 LE). */
export function spikesSha256(steps: Uint32Array, neurons: Uint16Array): string {
  return createHash('sha256').update(leBytes(steps)).update(leBytes(neurons)).digest('hex')
}

/** SHA-256 of a file's bytes. */
export function bytesSha256(bytes: Uint8Array | string): string {
  return createHash('sha256').update(bytes).digest('hex')
}
