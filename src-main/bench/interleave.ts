import { median } from './stats'

export interface Contender {
  name: string
  /** Runs once; returns its own CPU-time figure in ms when it times itself (Brian2's run loop). */
  run: () => number | undefined | void
}

export interface Timing {
  /** Wall-clock ms (not kept for a contender that times itself). */
  wall: { median: number; min: number; all: number[] } | null
  /** CPU ms of this process (all its threads) or the contender's own CPU figure. */
  cpu: { median: number; min: number; all: number[] }
}

const stats = (all: number[]) => ({ median: median(all), min: Math.min(...all), all })

/**
 * Side by side on a shared, noisy machine: each repetition runs every contender once, in turn
 * (reversed every other repetition, so no one always runs first or after the same neighbour), so
 * load changes hit all of them alike. Wall time and CPU time are both kept: Brian2's standalone
 * run loop times itself with std::clock() (CPU time), so CPU time is the like-for-like figure,
 * and it is the one that other processes on the machine disturb least.
 */
export function interleaved(contenders: Contender[], reps: number): Map<string, Timing> {
  const wall = new Map(contenders.map((c) => [c.name, [] as number[]]))
  const cpu = new Map(contenders.map((c) => [c.name, [] as number[]]))
  const own = new Set<string>()
  for (let r = 0; r < reps; r++) {
    for (const c of r % 2 ? [...contenders].reverse() : contenders) {
      const t = performance.now()
      const u = process.cpuUsage()
      const figure = c.run()
      const used = process.cpuUsage(u)
      wall.get(c.name)!.push(performance.now() - t)
      if (typeof figure === 'number') own.add(c.name)
      cpu.get(c.name)!.push(typeof figure === 'number' ? figure : (used.user + used.system) / 1000)
    }
  }
  return new Map(contenders.map((c) => [c.name, { wall: own.has(c.name) ? null : stats(wall.get(c.name)!), cpu: stats(cpu.get(c.name)!) }]))
}
