/** A compact fingerprint of a whole raster: counts plus an FNV-1a hash over every (step, neuron). */
export function spikeDigest(steps: ArrayLike<number>, neurons: ArrayLike<number>, Ne: number): { total: number; exc: number; inh: number; fnv1a: string; last: [number, number] | null } {
  let h = 0x811c9dc5
  let exc = 0
  const mix = (x: number): void => {
    for (let b = 0; b < 4; b++) {
      h ^= (x >>> (8 * b)) & 0xff
      h = Math.imul(h, 0x01000193) >>> 0
    }
  }
  for (let k = 0; k < steps.length; k++) {
    mix(steps[k])
    mix(neurons[k])
    if (neurons[k] < Ne) exc++
  }
  const n = steps.length
  return { total: n, exc, inh: n - exc, fnv1a: h.toString(16).padStart(8, '0'), last: n ? [steps[n - 1], neurons[n - 1]] : null }
}
