/**
 * The peers `npm run bench` measures beside the workbench, each in its own process: Brian2's
 * C++ standalone build of our port of MODEL.md (scripts/brian2_model.py), and this project's
 * numpy port of the reference loop (scripts/reference_numpy.py). Neither is the reference's
 * own code.
 */
import { spawnSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'

/** Debian's python3 (has python3-brian and numpy); the PATH one may be another Python. */
function python(): string {
  return existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3'
}

function lastLine(text: string): string {
  return text.trim().split('\n').at(-1) ?? ''
}

export interface Brian2Build {
  directory: string
  version: string
  compileS: number
  firstRunLoopMs: number
  spikes: number
}

/** Generates, compiles (timed: make) and runs the Brian2 project once; a reason string if it cannot. */
export function buildBrian2(root: string, directory: string): Brian2Build | string {
  const probe = spawnSync(python(), ['-c', 'import brian2'], { encoding: 'utf8' })
  if (probe.status !== 0) return `Brian2 is not installed for ${python()} (Debian: apt-get install python3-brian)`
  const r = spawnSync(python(), [join(root, 'scripts/brian2_model.py'), directory], { encoding: 'utf8', timeout: 900_000 })
  if (r.status !== 0) return `the Brian2 build failed: ${lastLine(r.stderr || r.error?.message || 'no output')}`
  const o = JSON.parse(lastLine(r.stdout)) as { brian2: string; compile_s: number; run_loop_ms: number; spikes: number }
  return { directory, version: o.brian2, compileS: o.compile_s, firstRunLoopMs: o.run_loop_ms, spikes: o.spikes }
}

/** Runs the compiled Brian2 binary again; returns Brian2's own timing of its run loop (ms). */
export function runBrian2(build: Brian2Build): number {
  const r = spawnSync('./main', [], { cwd: build.directory, stdio: 'ignore' })
  if (r.status !== 0) throw new Error(`Brian2's main exited with ${r.status}`)
  return Number(readFileSync(join(build.directory, 'results/last_run_info.txt'), 'utf8').trim().split(/\s+/)[0]) * 1000
}

/** One 5-s run of the numpy port (inputs and loop, timed inside Python), or a reason. */
export function runNumpyPort(root: string): { ms: number; spikes: number } | string {
  const r = spawnSync(python(), [join(root, 'scripts/reference_numpy.py'), '5'], { encoding: 'utf8', timeout: 600_000 })
  if (r.status !== 0) return lastLine(r.stderr || r.error?.message || 'python3 with numpy unavailable')
  const o = JSON.parse(lastLine(r.stdout)) as { seconds: number; spikes: number }
  return { ms: o.seconds * 1000, spikes: o.spikes }
}
