/** The README written beside a submitted (or to-be-submitted) job, for whoever opens the folder on the login node. */
export function clusterReadme(name: string, tasks: number, runs: number): string {
  return `# ${name}: ${runs} runs as a Slurm job array of ${tasks} tasks

This folder is the job's work folder and, once merged, its results folder.

- \`experiment.yaml\`: the experiment, self-contained.
- \`job.sbatch\`: the array job; each task runs one shard (\`--shard K/${tasks}\`) and writes
  \`shards/shard-K-of-${tasks}.json\` atomically; its log is \`logs/task-K.log\`, its progress \`progress/shard-K.json\`.
- \`cluster.json\`: the job ids submitted so far (written by the workbench).

On a login node with the workbench checked out and built (\`npm ci && npm run build\`), check the
paths to \`node\` and \`out/main/cli.js\` in the last line of \`job.sbatch\`, then:

    sbatch job.sbatch                                  # or: npm run experiment -- experiment.yaml --slurm --out .
    squeue -r -j JOBID                                 # follow the tasks
    npm run experiment -- --collect "$PWD"             # merge: results.json, runs.csv, conditions.csv, GIFs

If tasks fail or are cancelled, \`--collect\` names them with their logs' last lines;
\`npm run experiment -- --resume "$PWD"\` resubmits only the missing shards (needs cluster.json).
`
}
