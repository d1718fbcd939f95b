/**
 * Compact text form of a spike raster for project files. Spikes are sorted by step, so steps
 * are stored as differences to the previous spike (mostly 0 or small); both streams are
 * unsigned LEB128 varints, then base64. A typical run shrinks to about 2.5 bytes per spike
 * before gzip, against ~20 for JSON arrays of numbers.
 *
 * Decoding treats its input as hostile: every length is checked against the declared count
 * before anything is allocated, and every value against the raster's bounds.
 */
import { Base64Error, decodeBase64, encodeBase64 } from './base64'

/** More spikes than any sensible run (450 neurons at 100 Hz for 20 minutes); guards allocations. */
export const MAX_SPIKES_PER_RUN = 50_000_000
/** A uint32 varint takes at most 5 bytes, a uint16 one at most 3. */
const MAX_STEP_VARINT = 5
const MAX_NEURON_VARINT = 3

export interface EncodedSpikes {
  count: number
  /** base64 of LEB128 varints of step differences (the first relative to 0). */
  steps: string
  /** base64 of LEB128 varints of neuron indices. */
  neurons: string
}

export interface SpikeBounds {
  /** Steps must be below this. */
  nSteps?: number
  /** Neuron indices must be below this (Ne + Ni). */
  nNeurons?: number
}

export class SpikeCodecError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'SpikeCodecError'
  }
}

/** 2^shift for the varint shifts 0, 7, ..., 28 (a lookup instead of a power per byte). */
const PLACE: number[] = []
for (let s = 0; s < 7 * MAX_STEP_VARINT; s += 7) PLACE[s] = 2 ** s

/**
 * Decoded rasters by their encoded object: opening a project validates every raster by decoding
 * it, then loads it; the second decode of the same object is then free.
 */
const decoded = new WeakMap<EncodedSpikes, { steps: Uint32Array; neurons: Uint16Array; nSteps?: number; nNeurons?: number }>()

function varintSize(v: number): number {
  return v < 0x80 ? 1 : v < 0x4000 ? 2 : v < 0x200000 ? 3 : v < 0x10000000 ? 4 : 5
}

function writeVarint(out: Uint8Array, pos: number, v: number): number {
  while (v >= 0x80) {
    out[pos++] = (v & 0x7f) | 0x80
    v >>>= 7
  }
  out[pos++] = v
  return pos
}

export function encodeSpikes(steps: Uint32Array, neurons: Uint16Array): EncodedSpikes {
  const count = steps.length
  if (neurons.length !== count) throw new SpikeCodecError(`the raster has ${count} spike steps but ${neurons.length} spike neurons`)
  if (count > MAX_SPIKES_PER_RUN) throw new SpikeCodecError(`the raster has ${count} spikes, more than the ${MAX_SPIKES_PER_RUN} a project can store per run`)
  let stepBytes = 0
  let neuronBytes = 0
  let prev = 0
  for (let i = 0; i < count; i++) {
    const s = steps[i]
    if (s < prev) throw new SpikeCodecError(`spike ${i} is at step ${s}, before the previous spike's step ${prev}; rasters must be sorted by step`)
    stepBytes += varintSize(s - prev)
    neuronBytes += varintSize(neurons[i])
    prev = s
  }
  const stepBuf = new Uint8Array(stepBytes)
  const neuronBuf = new Uint8Array(neuronBytes)
  let sp = 0
  let np = 0
  prev = 0
  for (let i = 0; i < count; i++) {
    sp = writeVarint(stepBuf, sp, steps[i] - prev)
    np = writeVarint(neuronBuf, np, neurons[i])
    prev = steps[i]
  }
  return { count, steps: encodeBase64(stepBuf), neurons: encodeBase64(neuronBuf) }
}

/** Inverse of encodeSpikes; throws SpikeCodecError naming what is wrong with a damaged stream. */
export function decodeSpikes(encoded: EncodedSpikes, bounds: SpikeBounds = {}): { steps: Uint32Array; neurons: Uint16Array } {
  const hit = decoded.get(encoded)
  if (hit && hit.nSteps === bounds.nSteps && hit.nNeurons === bounds.nNeurons && hit.steps.length === encoded.count) {
    return { steps: hit.steps, neurons: hit.neurons }
  }
  const result = decodeUncached(encoded, bounds)
  decoded.set(encoded, { ...result, nSteps: bounds.nSteps, nNeurons: bounds.nNeurons })
  return result
}

function decodeUncached(encoded: EncodedSpikes, bounds: SpikeBounds): { steps: Uint32Array; neurons: Uint16Array } {
  const { count } = encoded
  if (!Number.isInteger(count) || count < 0) throw new SpikeCodecError(`the spike count ${String(count)} is not a whole number of at least 0`)
  if (count > MAX_SPIKES_PER_RUN) throw new SpikeCodecError(`the spike count ${count} exceeds the limit of ${MAX_SPIKES_PER_RUN}`)
  if (typeof encoded.steps !== 'string' || typeof encoded.neurons !== 'string') throw new SpikeCodecError('the spike streams must be text')
  const stepBytes = decodeStream(encoded.steps, 'step', count * MAX_STEP_VARINT)
  const neuronBytes = decodeStream(encoded.neurons, 'neuron', count * MAX_NEURON_VARINT)
  // Each varint is at least one byte: fewer bytes than spikes cannot be right.
  if (stepBytes.length < count) throw new SpikeCodecError(`the step stream has ${stepBytes.length} bytes, too few for ${count} spikes`)
  if (neuronBytes.length < count) throw new SpikeCodecError(`the neuron stream has ${neuronBytes.length} bytes, too few for ${count} spikes`)

  const maxStep = bounds.nSteps ?? 0x1_0000_0000
  const maxNeuron = bounds.nNeurons ?? 0x1_0000
  const steps = new Uint32Array(count)
  const neurons = new Uint16Array(count)
  let sp = 0
  let np = 0
  let step = 0
  for (let i = 0; i < count; i++) {
    // Inline varint reads: one result per call would allocate per spike.
    let delta = 0
    let shift = 0
    for (;;) {
      if (sp >= stepBytes.length) throw new SpikeCodecError(`the step stream ends after ${i} of ${count} spikes`)
      const b = stepBytes[sp++]
      delta += (b & 0x7f) * PLACE[shift]
      if (b < 0x80) break
      shift += 7
      if (shift >= 7 * MAX_STEP_VARINT) throw new SpikeCodecError(`spike ${i} has an over-long step value`)
    }
    step += delta
    if (step >= maxStep) throw new SpikeCodecError(`spike ${i} is at step ${step}, outside the run's ${maxStep} steps`)
    steps[i] = step

    let neuron = 0
    shift = 0
    for (;;) {
      if (np >= neuronBytes.length) throw new SpikeCodecError(`the neuron stream ends after ${i} of ${count} spikes`)
      const b = neuronBytes[np++]
      neuron += (b & 0x7f) * PLACE[shift]
      if (b < 0x80) break
      shift += 7
      if (shift >= 7 * MAX_NEURON_VARINT) throw new SpikeCodecError(`spike ${i} has an over-long neuron value`)
    }
    if (neuron >= maxNeuron) throw new SpikeCodecError(`spike ${i} is from neuron ${neuron}, but the network has ${maxNeuron} neurons`)
    neurons[i] = neuron
  }
  if (sp !== stepBytes.length) throw new SpikeCodecError(`the step stream has ${stepBytes.length - sp} bytes left over after ${count} spikes`)
  if (np !== neuronBytes.length) throw new SpikeCodecError(`the neuron stream has ${neuronBytes.length - np} bytes left over after ${count} spikes`)
  return { steps, neurons }
}

function decodeStream(text: string, what: string, maxBytes: number): Uint8Array {
  try {
    return decodeBase64(text, maxBytes)
  } catch (err) {
    if (err instanceof Base64Error) throw new SpikeCodecError(`the ${what} stream is damaged: ${err.message}`)
    throw err
  }
}
