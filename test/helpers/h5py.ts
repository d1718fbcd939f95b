/** Debian's Python with h5py (python3-h5py), when installed; the pyenv `python3` on PATH lacks it. */
import { execFileSync } from 'node:child_process'

export const DEBIAN_PYTHON = '/usr/bin/python3'

/** Null when h5py can be imported; otherwise why not, for the skip message. */
export function h5pyMissing(): string | null {
  try {
    execFileSync(DEBIAN_PYTHON, ['-c', 'import h5py'], { stdio: 'pipe' })
    return null
  } catch (err) {
    return `${DEBIAN_PYTHON} cannot import h5py (apt install python3-h5py): ${((err as { stderr?: Buffer }).stderr?.toString() ?? (err as Error).message).trim().split('\n').pop()}`
  }
}

/** Runs a Python script with Debian's python3 and returns its stdout parsed as JSON. */
export function runPythonJson(script: string, args: string[]): unknown {
  return JSON.parse(execFileSync(DEBIAN_PYTHON, ['-c', script, ...args], { encoding: 'utf8' }))
}
