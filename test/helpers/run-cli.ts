import { spawnSync } from 'node:child_process'
import { builtFile, root } from './built'

export const builtCli = (): string => builtFile('out/main/cli.js')

/** Runs the built headless runner to the end, from the repository root. */
export function runCli(args: string[], env: NodeJS.ProcessEnv = process.env, timeout = 180_000): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [builtCli(), ...args], { cwd: root, encoding: 'utf8', timeout, env })
  return { code: r.status, stdout: r.stdout, stderr: r.stderr }
}
