/**
 * The Slurm back end: one `sbatch --array` job whose tasks each run `--shard K/N` into the work
 * folder, watched with `squeue` (sbatch --wait reacts tens of seconds late).
 */
import { spawn } from 'node:child_process'
import { describeSlurmFailure, notInstalled, SlurmError } from './slurm-errors'

export interface SlurmOptions {
  partition?: string
  time?: string
  /** MB per task. */
  mem?: number
  cpusPerTask: number
}

export interface CommandResult {
  code: number | null
  stdout: string
  stderr: string
}

/** Runs a Slurm command; ENOENT (not installed) becomes a SlurmError. */
export function slurmCommand(cmd: string, args: readonly string[], timeoutMs = 60_000): Promise<CommandResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()))
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()))
    const timer = setTimeout(() => child.kill('SIGTERM'), timeoutMs)
    child.on('error', (e: NodeJS.ErrnoException) => {
      clearTimeout(timer)
      reject(e.code === 'ENOENT' ? new SlurmError(notInstalled(cmd)) : e)
    })
    child.on('close', (code) => {
      clearTimeout(timer)
      resolve({ code, stdout, stderr })
    })
  })
}

export function shellQuote(s: string): string {
  return /^[A-Za-z0-9_./:=@%+-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`
}

/** The batch script: every option as an #SBATCH line, so it can also be submitted by hand. */
export function sbatchScript(o: {
  jobName: string
  dir: string
  tasks: number
  node: string
  cli: string
  gifs: string
  earlyStop: boolean
  slurm: SlurmOptions
}): string {
  const q = shellQuote
  const lines = [
    '#!/bin/bash',
    `# Serotonin Attractor Workbench: ${o.tasks} shards of ${o.dir}/experiment.yaml as one job array.`,
    '# Submit with `sbatch job.sbatch` from this folder, then merge with `npm run experiment -- --collect .`',
    `#SBATCH --job-name=${q(o.jobName)}`,
    `#SBATCH --array=1-${o.tasks}`,
    `#SBATCH --output=${q(o.dir)}/logs/task-%a.log`,
    `#SBATCH --chdir=${q(o.dir)}`,
    `#SBATCH --cpus-per-task=${o.slurm.cpusPerTask}`,
    '#SBATCH --ntasks=1'
  ]
  if (o.slurm.partition) lines.push(`#SBATCH --partition=${q(o.slurm.partition)}`)
  if (o.slurm.time) lines.push(`#SBATCH --time=${q(o.slurm.time)}`)
  if (o.slurm.mem !== undefined) lines.push(`#SBATCH --mem=${o.slurm.mem}M`)
  lines.push(
    'set -eu',
    `echo "task $SLURM_ARRAY_TASK_ID of job $SLURM_ARRAY_JOB_ID on $(hostname)"`,
    `exec ${q(o.node)} ${q(o.cli)} ${q(o.dir)}/experiment.yaml --shard "$SLURM_ARRAY_TASK_ID/${o.tasks}" --out ${q(o.dir)} ` +
      `--threads "\${SLURM_CPUS_PER_TASK:-1}" --gifs ${o.gifs}${o.earlyStop ? ' --early-stop' : ''} --quiet`,
    ''
  )
  return lines.join('\n')
}

/** Submits the script (optionally only some array tasks); returns the job id. Never retries. */
export async function submit(script: string, opts: SlurmOptions, only?: string): Promise<string> {
  const args = ['--parsable', ...(only ? [`--array=${only}`] : []), script]
  const r = await slurmCommand('sbatch', args)
  const id = /^(\d+)/.exec(r.stdout.trim())?.[1]
  if (r.code !== 0 || !id) throw new SlurmError(describeSlurmFailure('sbatch', r.stderr, opts))
  return id
}

export interface TaskState {
  task: number
  state: string
  reason?: string
  exitCode?: string
}

/** The job's tasks still in the queue (pending or running); empty once all have ended. */
export async function queuedTasks(jobId: string): Promise<TaskState[]> {
  const r = await slurmCommand('squeue', ['-h', '-r', '-j', jobId, '-o', '%K|%T|%r'], 30_000)
  if (r.code !== 0) {
    // After the job has left the controller's memory, squeue calls its id invalid: it has ended.
    if (/invalid job id/i.test(r.stderr)) return []
    throw new SlurmError(describeSlurmFailure('squeue', r.stderr))
  }
  return parseSqueue(r.stdout)
}

export function parseSqueue(text: string): TaskState[] {
  const out: TaskState[] = []
  for (const line of text.split('\n')) {
    const [k, state, reason] = line.trim().split('|')
    const task = Number(k)
    if (line.trim() && Number.isInteger(task)) out.push({ task, state, reason: reason && reason !== 'None' ? reason : undefined })
  }
  return out
}

/** How each ended task of a job ended, from `scontrol show job` (kept MinJobAge seconds) or sacct. */
export async function endedTasks(jobId: string): Promise<Map<number, TaskState>> {
  const states = new Map<number, TaskState>()
  const sc = await slurmCommand('scontrol', ['-o', 'show', 'job', jobId], 30_000).catch(() => undefined)
  if (sc?.code === 0) {
    for (const line of sc.stdout.split('\n')) {
      const field = (k: string): string | undefined => new RegExp(`(?:^| )${k}=(\\S+)`).exec(line)?.[1]
      const task = Number(field('ArrayTaskId'))
      if (Number.isInteger(task)) states.set(task, { task, state: field('JobState') ?? '?', exitCode: field('ExitCode'), reason: field('Reason') })
    }
    if (states.size > 0) return states
  }
  const sa = await slurmCommand('sacct', ['-n', '-P', '-X', '-j', jobId, '-o', 'JobID,State,ExitCode'], 30_000).catch(() => undefined)
  if (sa?.code === 0) {
    for (const line of sa.stdout.split('\n')) {
      const [id, state, exitCode] = line.split('|')
      const task = Number(/_(\d+)$/.exec(id ?? '')?.[1])
      if (Number.isInteger(task)) states.set(task, { task, state: state.split(' ')[0], exitCode })
    }
  }
  return states
}
