import type { SpikeRaster } from '../engine/types'
import { lowerBound } from './termination'

/**
 * Delay-period firing rates (MODEL.md, "Other measures"): the reference sweep notebook divides each
 * neuron's spike count after the stimulus by (duration - t_off) seconds.
 */

/** Rate in Hz of every neuron (excitatory 0..Ne-1, then inhibitory) over steps >= s_off. */
export function delayRatesHz(raster: SpikeRaster, s_off: number, delay_s: number): Float64Array {
  if (!(delay_s > 0)) {
    throw new Error(`The delay period must be longer than 0 s (got ${delay_s} s); check simulation.duration_s and stimulus.t_off_s.`)
  }
  const nNeurons = raster.Ne + raster.Ni
  const counts = new Float64Array(nNeurons)
  const { steps, neurons } = raster
  // Spikes are sorted by step, so everything from the first delay spike on belongs to the delay.
  for (let i = lowerBound(steps, s_off); i < steps.length; i++) counts[neurons[i]]++
  // count / delay (not count * (1/delay)) keeps the reference's rounding.
  for (let j = 0; j < nNeurons; j++) counts[j] = counts[j] / delay_s
  return counts
}

/** Mean of rates[from .. to-1]; NaN for an empty range. */
export function meanOver(rates: ArrayLike<number>, from: number, to: number): number {
  if (to <= from) return NaN
  let sum = 0
  for (let i = from; i < to; i++) sum += rates[i]
  return sum / (to - from)
}

export function excitatoryRate(rates: ArrayLike<number>, Ne: number): number {
  return meanOver(rates, 0, Ne)
}

/** Mean over all inhibitory neurons (indices Ne .. rates.length-1). */
export function inhibitoryRate(rates: ArrayLike<number>, Ne: number): number {
  return meanOver(rates, Ne, rates.length)
}

/** Excitatory neuron whose preferred angle is nearest `orientationDeg` (for Ne = 360, the orientation itself). */
export function neuronAtOrientation(orientationDeg: number, Ne: number): number {
  const i = Math.round((orientationDeg / 360) * Ne)
  return ((i % Ne) + Ne) % Ne
}

/**
 * Mean rate of the excitatory neurons centre-halfWidth .. centre+halfWidth (inclusive, 2*halfWidth+1
 * neurons), wrapping round the ring of Ne excitatory neurons.
 *
 * Deliberately differs from the reference sweep notebook near 0/360 degrees: it wrapped by slicing
 * the full Ne+Ni rate vector, so for orientations below 15 or above 344 degrees it averaged in
 * inhibitory neurons (indices >= Ne) instead of the excitatory ones across the 0/360 seam.
 * Here only excitatory neurons are ever used.
 */
export function bumpRate(rates: ArrayLike<number>, Ne: number, orientationDeg: number, halfWidth = 15): number {
  if (!Number.isInteger(halfWidth) || halfWidth < 0 || 2 * halfWidth + 1 > Ne) {
    throw new Error(`The bump half-width must be a whole number of neurons from 0 to ${Math.floor((Ne - 1) / 2)} (got ${halfWidth}).`)
  }
  const centre = neuronAtOrientation(orientationDeg, Ne)
  let sum = 0
  for (let k = -halfWidth; k <= halfWidth; k++) sum += rates[(centre + k + Ne) % Ne]
  return sum / (2 * halfWidth + 1)
}
