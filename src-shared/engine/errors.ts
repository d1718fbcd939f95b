/** The model blew up: names where, so the scientist can act (usually: a smaller dt). */
export class DivergenceError extends Error {
  constructor(
    readonly step: number,
    readonly timeMs: number,
    readonly neuron: number,
    readonly population: 'excitatory' | 'inhibitory',
    readonly value: number
  ) {
    super(
      `The simulation diverged at step ${step} (t = ${timeMs.toFixed(1)} ms): ${population} neuron ${neuron} ` +
        `reached v = ${value}. The parameters make the Euler integration unstable; try a smaller dt ` +
        `(for example half the current one) or check the neuron parameters.`
    )
    this.name = 'DivergenceError'
  }
}

export function abortError(): Error {
  const e = new Error('Run cancelled')
  e.name = 'AbortError'
  return e
}
