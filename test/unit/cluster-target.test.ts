// @vitest-environment node
/**
 * The app's "On the cluster" target: the service with a scripted folder dialog and real files,
 * and the toolbar control sending its request through the IPC contract.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Dialogs, ServiceContext } from '../../src-main/services/context'
import { createClusterService, onPath } from '../../src-main/services/cluster-service'
import { sweepExperiment } from '../../src-shared/experiment/presets'
import { parseExperimentYaml } from '../../src-shared/experiment/experiment-yaml'
import { slug } from '../../src-main/cli/write-results'

let dir: string
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'cluster-target-'))
})
afterEach(() => rmSync(dir, { recursive: true, force: true }))

function ctxAnswering(folder: string | null): ServiceContext {
  const dialogs = { openDirectory: async () => folder } as unknown as Dialogs
  return { dialogs, events: { emit: () => undefined }, userDataDir: dir, appVersion: 'test' }
}

const runner = { node: '/usr/bin/node', cli: '/opt/workbench/out/main/cli.js' }

describe('cluster:prepare', () => {
  it('writes the experiment, the array script and the README into a new folder; nothing submitted without submit', async () => {
    const exp = sweepExperiment(30)
    const s = createClusterService(ctxAnswering(dir), runner)
    const res = await s['cluster:prepare']({ experiment: exp, tasks: 21, partition: 'short', time: '02:00:00', mem: 1500, submit: false })
    expect(res.ok).toBe(true)
    if (!res.ok) return
    expect(res.folder).toBe(join(dir, `${slug(exp.name)}-slurm`))
    expect(res.jobId).toBeUndefined()
    expect(parseExperimentYaml(readFileSync(join(res.folder, 'experiment.yaml'), 'utf8'), 'e.yaml')).toEqual(exp)
    const script = readFileSync(join(res.folder, 'job.sbatch'), 'utf8')
    for (const line of ['#SBATCH --array=1-21', '#SBATCH --partition=short', '#SBATCH --time=02:00:00', '#SBATCH --mem=1500M', `#SBATCH --output=${res.folder}/logs/task-%a.log`]) {
      expect(script).toContain(line)
    }
    expect(script).toContain(`exec /usr/bin/node /opt/workbench/out/main/cli.js ${res.folder}/experiment.yaml --shard "$SLURM_ARRAY_TASK_ID/21"`)
    expect(readFileSync(join(res.folder, 'README-cluster.md'), 'utf8')).toMatch(/210 runs as a Slurm job array of 21 tasks/)
    expect(existsSync(join(res.folder, 'cluster.json'))).toBe(false)
  })

  it("an experiment that stops runs early gives a job whose tasks stop early too", async () => {
    const exp = { ...sweepExperiment(2), earlyStop: true }
    const res = await createClusterService(ctxAnswering(dir), runner)['cluster:prepare']({ experiment: exp, tasks: 2, submit: false })
    expect(res.ok).toBe(true)
    if (!res.ok) return
    expect(readFileSync(join(res.folder, 'job.sbatch'), 'utf8')).toMatch(/--shard "\$SLURM_ARRAY_TASK_ID\/2" .*--early-stop/)
  })

  it('cancelled dialog: nothing written; an existing folder is refused', async () => {
    const exp = sweepExperiment(2)
    expect(await createClusterService(ctxAnswering(null), runner)['cluster:prepare']({ experiment: exp, tasks: 2, submit: false })).toMatchObject({ ok: false, cancelled: true })
    mkdirSync(join(dir, `${slug(exp.name)}-slurm`))
    const res = await createClusterService(ctxAnswering(dir), runner)['cluster:prepare']({ experiment: exp, tasks: 2, submit: true })
    expect(res).toMatchObject({ ok: false })
    expect((res as { message: string }).message).toMatch(/already exists; choose another folder or remove it, so no job is written or submitted twice/)
  })

  it('submit without sbatch on PATH: the folder is written and says so', async () => {
    const saved = process.env.PATH
    process.env.PATH = dir
    try {
      expect(onPath('sbatch')).toBe(false)
      const res = await createClusterService(ctxAnswering(dir), runner)['cluster:prepare']({ experiment: sweepExperiment(1), tasks: 3, submit: true })
      expect(res).toMatchObject({ ok: true, sbatchFound: false })
      expect(res.ok && res.jobId).toBeFalsy()
    } finally {
      process.env.PATH = saved
    }
  })
})
