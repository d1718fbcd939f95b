import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { spawn, spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { root } from '../helpers/built'
import { builtCli, runCli } from '../helpers/run-cli'
import { comparable, readResults } from '../helpers/results-compare'
import { slurmUnavailable, startSlurm, type TestCluster } from '../helpers/slurm-cluster'
import { createClusterService } from '../../src-main/services/cluster-service'
import type { Dialogs } from '../../src-main/services/context'
import { parseExperimentYaml } from '../../src-shared/experiment/experiment-yaml'

const cli = builtCli
const small = join(root, 'test/fixtures/cluster/small-sweep.experiment.yaml')
const long = join(root, 'test/fixtures/cluster/kill-resume.experiment.yaml')
const unavailable = slurmUnavailable()
if (unavailable) console.warn(`Skipping the Slurm tests: ${unavailable}`)

let cluster: TestCluster

const run = (args: string[], env: NodeJS.ProcessEnv = cluster.env) => runCli(args, env)

function slurm(cmd: string, args: string[]): string {
  return spawnSync(cmd, args, { encoding: 'utf8', env: cluster.env }).stdout
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms))

async function until(what: string, test: () => boolean, timeoutMs = 60_000): Promise<void> {
  const end = Date.now() + timeoutMs
  while (!test()) {
    if (Date.now() > end) throw new Error(`Timed out waiting for ${what}`)
    await sleep(100)
  }
}

const jobOf = (dir: string, i = 0): string => (JSON.parse(readFileSync(join(dir, 'cluster.json'), 'utf8')) as { jobs: Array<{ id: string }> }).jobs[i].id

describe.skipIf(unavailable !== undefined)('--slurm against a real one-node Slurm (built CLI)', () => {
  beforeAll(() => {
    cluster = startSlurm()
  })
  afterAll(() => cluster?.stop())

  it('one job array; merged results equal a local run per neuron; --no-wait then --collect gives the same', async () => {
    const tmp = mkdtempSync(join(tmpdir(), 'sat-slurm-run-'))
    const local = join(tmp, 'local')
    expect(run([small, '--out', local, '--quiet', '--threads', '2']).code).toBe(0)

    const viaSlurm = join(tmp, 'slurm')
    const r = run([small, '--slurm', '--tasks', '3', '--out', viaSlurm])
    expect(r.code).toBe(0)
    expect(r.stderr).toMatch(/^Submitted job \d+: 5 runs in 3 array tasks/)
    expect(r.stderr).toMatch(/3\/3 tasks ended/)
    expect(comparable(viaSlurm, { experimentCopy: true })).toEqual(comparable(local, { experimentCopy: true }))
    expect(readResults(viaSlurm).runs.map((x) => x.spike_counts)).toEqual(readResults(local).runs.map((x) => x.spike_counts))
    // One sbatch, one array job of three tasks, every task on record as completed.
    const job = jobOf(viaSlurm)
    const tasks = slurm('scontrol', ['-o', 'show', 'job', job]).split('\n').filter((l) => l.includes(`ArrayJobId=${job} `))
    expect(tasks).toHaveLength(3)
    for (const t of tasks) expect(t).toContain('JobState=COMPLETED')
    expect(readFileSync(join(viaSlurm, 'job.sbatch'), 'utf8')).toContain('#SBATCH --array=1-3')

    const later = join(tmp, 'later')
    const nw = run([small, '--slurm', '--tasks', '2', '--no-wait', '--out', later])
    expect(nw.code).toBe(0)
    const id = nw.stdout.trim()
    expect(id).toMatch(/^\d+$/)
    expect(nw.stderr).toContain(`--collect ${later}`)
    await until('the --no-wait job to leave the queue', () => slurm('squeue', ['-h', '-j', id]).trim() === '')
    const c = run(['--collect', later])
    expect(c.code).toBe(0)
    expect(comparable(later, { experimentCopy: true })).toEqual(comparable(local, { experimentCopy: true }))
  })

  it('a task cancelled and a task killed mid-run are reported by task with their logs; --resume reruns only those and completes', async () => {
    const tmp = mkdtempSync(join(tmpdir(), 'sat-slurm-kill-'))
    const dir = join(tmp, 'work')
    const child = spawn(process.execPath, [cli(), long, '--slurm', '--tasks', '4', '--gifs', 'none', '--out', dir], { cwd: root, env: cluster.env })
    let stderr = ''
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()))
    const exited = new Promise<number | null>((res) => child.on('close', res))
    const progress = (k: number): string => join(dir, 'progress', `shard-${k}.json`)
    await until('tasks 1 and 2 to start', () => existsSync(progress(1)) && existsSync(progress(2)))
    const job = jobOf(dir)
    spawnSync('scancel', [`${job}_1`], { env: cluster.env })
    process.kill((JSON.parse(readFileSync(progress(2), 'utf8')) as { pid: number }).pid, 'SIGKILL')
    expect(await exited).toBe(1)
    expect(stderr).toContain(`Task 1 of job ${job} CANCELLED`)
    expect(stderr).toContain(`Task 2 of job ${job} FAILED (killed by signal 9)`)
    expect(stderr).toContain(`  | task 2 of job ${job} on `)
    expect(stderr).toContain(`--resume ${dir}`)
    expect(stderr).toContain('2 of 4 shards are missing; nothing was merged')
    expect(existsSync(join(dir, 'results.json'))).toBe(false)

    const resumed = run(['--resume', dir, '--quiet'])
    expect(resumed.code).toBe(0)
    expect(resumed.stderr).toMatch(/Resubmitted 2 of 4 shards as job \d+ \(tasks 1, 2\)/)
    const second = jobOf(dir, 1)
    expect(slurm('scontrol', ['-o', 'show', 'job', second]).split('\n').filter((l) => l.includes(`ArrayJobId=${second} `))).toHaveLength(2)
    const local = join(tmp, 'local')
    expect(run([long, '--out', local, '--gifs', 'none', '--quiet']).code).toBe(0)
    expect(comparable(dir, { experimentCopy: true })).toEqual(comparable(local, { experimentCopy: true }))
    // Resuming a complete folder submits nothing and merges again.
    const again = run(['--resume', dir])
    expect(again.code).toBe(0)
    expect(again.stderr).toContain('Every shard is present; merging.')
    expect(JSON.parse(readFileSync(join(dir, 'cluster.json'), 'utf8')).jobs).toHaveLength(2)
  })

  it('the app\'s "On the cluster" target submits the same job folder; --collect merges it into a local run\'s results', async () => {
    const tmp = mkdtempSync(join(tmpdir(), 'sat-slurm-app-'))
    const experiment = parseExperimentYaml(readFileSync(small, 'utf8'), 'small.yaml')
    const dialogs = { openDirectory: async () => tmp } as unknown as Dialogs
    const service = createClusterService({ dialogs, events: { emit: () => undefined }, userDataDir: tmp, appVersion: 'test' }, { node: process.execPath, cli: cli() })
    const saved = process.env.SLURM_CONF
    process.env.SLURM_CONF = cluster.env.SLURM_CONF
    let res: Awaited<ReturnType<(typeof service)['cluster:prepare']>>
    try {
      res = await service['cluster:prepare']({ experiment, tasks: 2, submit: true })
    } finally {
      process.env.SLURM_CONF = saved
    }
    expect(res).toMatchObject({ ok: true, sbatchFound: true })
    if (!res.ok) return
    expect(res.jobId).toMatch(/^\d+$/)
    await until('the app\'s job to leave the queue', () => slurm('squeue', ['-h', '-j', res.ok ? res.jobId! : '']).trim() === '')
    expect(run(['--collect', res.folder]).code).toBe(0)
    const local = join(tmp, 'local')
    expect(run([small, '--out', local, '--quiet']).code).toBe(0)
    expect(comparable(res.folder, { experimentCopy: true })).toEqual(comparable(local, { experimentCopy: true }))
  })

  it('bad input: one sentence naming the cause with Slurm\'s words, nothing submitted, no work folder left', () => {
    const tmp = mkdtempSync(join(tmpdir(), 'sat-slurm-bad-'))
    const before = slurm('squeue', ['-h', '-o', '%i']).trim()
    const cases: Array<[string[], NodeJS.ProcessEnv | undefined, RegExp]> = [
      [['--partition', 'nope'], undefined, /^Slurm has no partition named 'nope'; nothing was submitted .*Invalid partition name specified$/],
      [['--mem', '99999999'], undefined, /^Slurm rejected the job's resources \(--mem 99999999 MB per task\).*Memory specification can not be satisfied/],
      [['--time', '5:00:00'], undefined, /^Slurm rejected the job's time limit --time 5:00:00 .*Requested time limit is invalid/],
      [[], { ...process.env, PATH: '/nonexistent' }, /^sbatch was not found on PATH: Slurm's client tools are not installed/]
    ]
    const dead = join(tmp, 'dead.conf')
    writeFileSync(dead, readFileSync(cluster.env.SLURM_CONF!, 'utf8').replace(/^SlurmctldPort=.*$/m, 'SlurmctldPort=6999\nMessageTimeout=2'))
    cases.push([[], { ...cluster.env, SLURM_CONF: dead }, /^The Slurm controller cannot be reached .*Unable to contact slurm controller/])
    for (const [i, [opts, env, message]] of cases.entries()) {
      const out = join(tmp, `out-${i}`)
      const r = run([small, '--slurm', ...opts, '--out', out], env ?? cluster.env)
      expect(r.code, r.stderr).toBe(1)
      expect(r.stderr.trim().split('\n')).toHaveLength(1)
      expect(r.stderr.trim()).toMatch(message)
      expect(existsSync(out)).toBe(false)
    }
    expect(slurm('squeue', ['-h', '-o', '%i']).trim()).toBe(before)
    // A folder already submitted is never submitted again.
    const done = join(tmp, 'done')
    expect(run([small, '--slurm', '--tasks', '1', '--out', done, '--quiet']).code).toBe(0)
    const twice = run([small, '--slurm', '--out', done])
    expect(twice.code).toBe(1)
    expect(twice.stderr.trim()).toMatch(/already holds a submitted job \(cluster\.json\); use --collect .* or --resume/)
  })
})
