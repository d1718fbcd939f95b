import type { NetworkSize, SynapticWeights } from '../params/types'

/** Preferred angle of neuron i of a population of n, computed as the reference does (i / n * 360). */
export function preferredAngle(i: number, n: number): number {
  return (i / n) * 360
}

/**
 * Dense E->E block W[pre*Ne + post] = j_ee * exp(-(d^2) / sigma^2), d the circular distance in degrees.
 * The reference divides by sigma^2 (not 2 sigma^2); kept so. The other three blocks are constants.
 */
export function excitatoryWeights(net: NetworkSize, w: SynapticWeights): Float64Array {
  const Ne = net.Ne
  const out = new Float64Array(Ne * Ne)
  const sigma2 = w.sigma ** 2
  for (let i = 0; i < Ne; i++) {
    const ai = preferredAngle(i, Ne)
    for (let j = 0; j < Ne; j++) {
      const aj = preferredAngle(j, Ne)
      const diff = Math.max(ai, aj) - Math.min(ai, aj)
      const d = Math.min(diff, 360 - diff)
      out[i * Ne + j] = w.j_ee * Math.exp(-(d ** 2) / sigma2)
    }
  }
  return out
}
