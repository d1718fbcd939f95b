/** Growable (step, neuron) spike store; doubling keeps recording amortised O(1) with no per-spike allocation. */
export class SpikeBuffer {
  steps: Uint32Array
  neurons: Uint16Array
  length = 0

  constructor(capacity: number) {
    const c = Math.max(1024, Math.ceil(capacity))
    this.steps = new Uint32Array(c)
    this.neurons = new Uint16Array(c)
  }

  push(step: number, neuron: number): void {
    if (this.length === this.steps.length) this.grow()
    this.steps[this.length] = step
    this.neurons[this.length++] = neuron
  }

  /** The first `count` spikes of two parallel arrays, copied in bulk. */
  append(steps: Uint32Array, neurons: Uint16Array, count: number): void {
    while (this.length + count > this.steps.length) this.grow()
    this.steps.set(steps.subarray(0, count), this.length)
    this.neurons.set(neurons.subarray(0, count), this.length)
    this.length += count
  }

  private grow(): void {
    const s = new Uint32Array(this.steps.length * 2)
    s.set(this.steps)
    this.steps = s
    const n = new Uint16Array(this.neurons.length * 2)
    n.set(this.neurons)
    this.neurons = n
  }

  trimmed(): { steps: Uint32Array; neurons: Uint16Array } {
    return { steps: this.steps.slice(0, this.length), neurons: this.neurons.slice(0, this.length) }
  }
}
