/** Slurm's own messages turned into one sentence naming the cause, with Slurm's words kept. */

export class SlurmError extends Error {
  override name = 'SlurmError'
  readonly userFacing = true
}

function slurmLines(stderr: string): string {
  return stderr
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .join(' ')
}

export function describeSlurmFailure(command: string, stderr: string, opts: { partition?: string; time?: string; mem?: number } = {}): string {
  const said = slurmLines(stderr) || `${command} failed without a message`
  if (/invalid partition/i.test(said)) {
    return `Slurm has no partition named '${opts.partition ?? '(default)'}'; nothing was submitted (sinfo lists the partitions). Slurm said: ${said}`
  }
  if (/unable to contact slurm controller|connection refused|socket timed out|connect failure|zero bytes were transmitted/i.test(said)) {
    return `The Slurm controller cannot be reached (is slurmctld running, and SLURM_CONF right?); nothing was submitted. Slurm said: ${said}`
  }
  if (/time limit/i.test(said)) {
    return `Slurm rejected the job's time limit${opts.time ? ` --time ${opts.time}` : ''} (above the partition's maximum, or malformed); nothing was submitted. Slurm said: ${said}`
  }
  if (/memory specification|node configuration is not available|mem/i.test(said)) {
    return `Slurm rejected the job's resources${opts.mem !== undefined ? ` (--mem ${opts.mem} MB per task)` : ''}: no node has that much memory or CPUs; nothing was submitted. Slurm said: ${said}`
  }
  return `${command} failed; nothing was submitted. Slurm said: ${said}`
}

export function notInstalled(command: string): string {
  return `${command} was not found on PATH: Slurm's client tools are not installed or not loaded here (on a cluster, try 'module load slurm'); nothing was submitted.`
}
