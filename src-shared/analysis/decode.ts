/**
 * Decoding the remembered orientation from delay-period rates of the excitatory neurons.
 * Two decoders, deliberately named apart:
 * - decodeReferenceMean: what the reference sweep notebook does (linear, NOT circular). A bump
 *   straddling 0/360 is averaged towards 180, so its error there is meaningless; kept to reproduce
 *   the reference's numbers.
 * - decodePopulationVector: the circular population vector, correct everywhere on the ring.
 */

/**
 * Rate-weighted mean of excitatory neuron indices, in degrees (index * 360 / Ne).
 * NaN when no excitatory neuron fired.
 */
export function decodeReferenceMean(rates: ArrayLike<number>, Ne: number): number {
  let weighted = 0
  let total = 0
  for (let i = 0; i < Ne; i++) {
    weighted += rates[i] * i
    total += rates[i]
  }
  if (total === 0) return NaN
  // 360 / Ne is exactly 1 for Ne = 360, so the default case equals the reference's mean index bit for bit.
  return (weighted / total) * (360 / Ne)
}

/**
 * Angle of the rate-weighted sum of unit vectors at each excitatory neuron's preferred angle, in [0, 360).
 * NaN when no excitatory neuron fired, or when the vectors cancel (e.g. perfectly uniform rates),
 * where no direction is defined.
 */
export function decodePopulationVector(rates: ArrayLike<number>, Ne: number): number {
  let x = 0
  let y = 0
  let total = 0
  for (let i = 0; i < Ne; i++) {
    const theta = (i / Ne) * 360 * (Math.PI / 180)
    x += rates[i] * Math.cos(theta)
    y += rates[i] * Math.sin(theta)
    total += Math.abs(rates[i])
  }
  if (total === 0) return NaN
  // Rounding leaves ~1e-16 * total of a cancelled sum; treat that as no direction.
  if (Math.hypot(x, y) <= 1e-12 * total) return NaN
  const deg = Math.atan2(y, x) * (180 / Math.PI)
  const wrapped = deg < 0 ? deg + 360 : deg
  return wrapped >= 360 ? 0 : wrapped
}

/** Decoding error folded onto the ring: min(|e| mod 360, 360 - |e| mod 360), in [0, 180]. */
export function foldedError(decodedDeg: number, trueDeg: number): number {
  const e = Math.abs(decodedDeg - trueDeg) % 360
  return Math.min(e, 360 - e)
}
