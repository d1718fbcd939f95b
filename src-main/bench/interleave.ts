import { median } from './stats'

export interface Contender {
  name: string
  /** Runs once; returns its own figure in ms when it times itself (Brian2's run loop), else undefined. */
  run: () => number | undefined | void
}

/**
 * Side by side on a shared, noisy machine: each repetition runs every contender once, in turn
 * (reversed every other repetition, so no one always runs first or after the same neighbour), so
 * load changes hit all of them alike; the figures to read are medians and their ratios. The
 * minimum (the least disturbed repetition) is kept too: on a crowded machine it is the steadier one.
 */
export function interleaved(contenders: Contender[], reps: number): Map<string, { median: number; min: number; all: number[] }> {
  const times = new Map(contenders.map((c) => [c.name, [] as number[]]))
  for (let r = 0; r < reps; r++) {
    for (const c of r % 2 ? [...contenders].reverse() : contenders) {
      const t = performance.now()
      const own = c.run()
      times.get(c.name)!.push(typeof own === 'number' ? own : performance.now() - t)
    }
  }
  return new Map([...times].map(([name, all]) => [name, { median: median(all), min: Math.min(...all), all }]))
}
