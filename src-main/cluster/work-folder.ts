/** Where everything of a sharded or cluster run lives inside its work folder (which is also the output folder). */
import { join } from 'node:path'

export const workPaths = (dir: string) => ({
  dir,
  experiment: join(dir, 'experiment.yaml'),
  script: join(dir, 'job.sbatch'),
  readme: join(dir, 'README-cluster.md'),
  cluster: join(dir, 'cluster.json'),
  shards: join(dir, 'shards'),
  logs: join(dir, 'logs'),
  progress: join(dir, 'progress'),
  shard: (k: number, n: number) => join(dir, 'shards', `shard-${k}-of-${n}.json`),
  log: (k: number) => join(dir, 'logs', `task-${k}.log`),
  progressOf: (k: number) => join(dir, 'progress', `shard-${k}.json`)
})

export type WorkPaths = ReturnType<typeof workPaths>
