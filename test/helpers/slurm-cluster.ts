/**
 * A real one-node Slurm for the tests, started by scripts/slurm-test-cluster.sh in a temporary
 * folder on its own ports, and stopped by PID afterwards.
 */
import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { root } from './built'

/** Why a Slurm cluster cannot be started here, or undefined when it can. */
export function slurmUnavailable(): string | undefined {
  if (process.platform !== 'linux') return 'the test Slurm cluster needs Linux'
  if (process.getuid?.() !== 0) return 'not root: slurmctld and slurmd cannot be started (.ci/run runs as root)'
  for (const b of ['/usr/sbin/slurmctld', '/usr/sbin/slurmd', '/usr/bin/sbatch', '/usr/sbin/munged']) {
    if (!existsSync(b)) return `${b} is missing: apt-get install slurmctld slurmd slurm-client munge (.ci/run does)`
  }
  return undefined
}

export interface TestCluster {
  dir: string
  env: NodeJS.ProcessEnv
  stop(): void
}

export function startSlurm(): TestCluster {
  const dir = mkdtempSync(join(tmpdir(), 'sat-slurm-'))
  const script = join(root, 'scripts/slurm-test-cluster.sh')
  const r = spawnSync('bash', [script, 'start', dir], { encoding: 'utf8', timeout: 60_000 })
  if (r.status !== 0) throw new Error(`The test Slurm cluster did not start: ${r.stdout}${r.stderr}`)
  return {
    dir,
    env: { ...process.env, SLURM_CONF: join(dir, 'slurm.conf') },
    stop: () => void spawnSync('bash', [script, 'stop', dir], { timeout: 30_000 })
  }
}
