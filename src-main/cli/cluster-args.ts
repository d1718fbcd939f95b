/** The command-line options for shards and Slurm, parsed apart from the rest to keep args.ts small. */
import { parseShardSpec, type ShardSpec } from '../cluster/shard-plan'

export interface ClusterArgs {
  shard?: ShardSpec
  collect?: string
  resume?: string
  slurm: boolean
  noWait: boolean
  partition?: string
  tasks?: number
  time?: string
  mem?: number
}

export const CLUSTER_USAGE = `
Shards and Slurm (docs/experiment-format.md, "Running on a cluster"):
  --shard K/N      run only shard K of N (a fixed split of the runs) and write
                   DIR/shards/shard-K-of-N.json into the --out folder DIR
  --collect DIR    merge DIR's shards into results.json, CSVs and GIFs in DIR
                   (with --nwb/--sonata also one file per run, from the shards' spikes)
  --slurm          submit one sbatch --array job (one task per shard), follow it
                   with squeue and merge; --out DIR is the shared work folder
  --tasks N        array tasks = shards (default: runs / 10, 1 to 100)
  --partition P, --time HH:MM:SS, --mem MB (per task)   passed to sbatch;
                   --threads sets CPUs per task (default 1)
  --no-wait        with --slurm: print the job id and return
  --resume DIR     resubmit only the shards missing from DIR, then merge`

export function emptyClusterArgs(): ClusterArgs {
  return { slurm: false, noWait: false }
}

function wholeNumber(flag: string, v: string, max: number): number {
  const n = Number(v)
  if (!Number.isInteger(n) || n < 1 || n > max) throw new Error(`${flag} must be a whole number from 1 to ${max}, got '${v}'.`)
  return n
}

/** Consumes one cluster option; false when `a` is not one. Throws the usage message on a bad value. */
export function parseClusterOption(a: string, value: () => string, out: ClusterArgs, usageError: (m: string) => Error): boolean {
  try {
    if (a === '--slurm') out.slurm = true
    else if (a === '--no-wait') out.noWait = true
    else if (a === '--shard') out.shard = parseShardSpec(value())
    else if (a === '--collect') out.collect = value()
    else if (a === '--resume') out.resume = value()
    else if (a === '--partition') out.partition = value()
    else if (a === '--tasks') out.tasks = wholeNumber(a, value(), 10_000)
    else if (a === '--mem') out.mem = wholeNumber(a, value(), 100_000_000)
    else if (a === '--time') {
      const v = value()
      if (!/^(\d+-)?\d{1,3}(:\d{2}){0,2}$/.test(v)) throw new Error(`--time must be Slurm's [D-]HH:MM:SS (for example 01:30:00), got '${v}'.`)
      out.time = v
    } else return false
  } catch (e) {
    throw usageError((e as Error).message)
  }
  return true
}

/** Which combinations make sense; one sentence when not. */
export function checkClusterArgs(c: ClusterArgs, hasFile: boolean, hasOut: boolean): void {
  const modes = [c.shard && '--shard', c.collect && '--collect', c.resume && '--resume', c.slurm && '--slurm'].filter(Boolean)
  if (modes.length > 1) throw new Error(`${modes.join(' and ')} cannot be combined; give one.`)
  if (c.shard && !hasOut) throw new Error('--shard needs --out DIR, the work folder every shard writes into.')
  if ((c.collect || c.resume) && hasFile) throw new Error(`${c.collect ? '--collect' : '--resume'} reads the experiment from the work folder; give no experiment file.`)
  const slurmOnly = [c.partition && '--partition', c.time && '--time', c.mem && '--mem', c.tasks && '--tasks', c.noWait && '--no-wait'].filter(Boolean)
  if (slurmOnly.length && !c.slurm) throw new Error(`${slurmOnly.join(', ')} only apply with --slurm.`)
}
