import { CLUSTER_USAGE, checkClusterArgs, emptyClusterArgs, parseClusterOption, type ClusterArgs } from './cluster-args'

/** Command-line arguments of the headless runner, with messages that say what to type instead. */
export interface CliArgs {
  experimentFile?: string
  outDir?: string
  threads?: number
  gifs: 'first' | 'all' | 'none'
  quiet: boolean
  help: boolean
  /** Archive and verify (docs/archive.md). */
  nwb: boolean
  sonata: boolean
  verifyDir?: string
  cluster: ClusterArgs
  earlyStop: boolean
}

export class UsageError extends Error {
  override name = 'UsageError'
}

export const USAGE = `Usage: npm run experiment -- [EXPERIMENT.yaml] [options]

Runs an experiment headless on a pool of worker threads and writes results and GIFs.
Without a file, runs the reference notebook's four serotonin conditions
(normal, increased, slightly decreased, decreased; seed 42, orientation 100).

Options:
  --out DIR        output folder (default: results/<experiment>-<date-time>)
  --threads N      worker threads (default: all cores)
  --gifs WHICH     first (default: one GIF per condition, its first repetition),
                   all (every run) or none
  --quiet          no progress display
  --nwb            also write one NWB 2.x file per run under nwb/
  --sonata         also write one SONATA spike file per run under sonata/
  --verify DIR     rerun every run recorded in DIR's results.json and report
                   identical / different / not verifiable per run
  --early-stop     end each run once its termination time is decided; the
                   other measures are then n/a (default: every run to the end)
  -h, --help       this help

${CLUSTER_USAGE}

Experiment file format: docs/experiment-format.md; examples in resources/examples/.`

export function parseArgs(argv: readonly string[]): CliArgs {
  const out: CliArgs = { gifs: 'first', quiet: false, help: false, nwb: false, sonata: false, cluster: emptyClusterArgs(), earlyStop: false }
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]
    const value = (): string => {
      const v = argv[++i]
      if (v === undefined || v.startsWith('--')) throw new UsageError(`${a} needs a value.`)
      return v
    }
    if (a === '-h' || a === '--help') out.help = true
    else if (a === '--quiet' || a === '-q') out.quiet = true
    else if (a === '--no-gifs') out.gifs = 'none'
    else if (a === '--early-stop') out.earlyStop = true
    else if (a === '--out' || a === '-o') out.outDir = value()
    else if (a === '--nwb') out.nwb = true
    else if (a === '--sonata') out.sonata = true
    else if (a === '--verify') out.verifyDir = value()
    else if (a === '--threads' || a === '-j') {
      const v = value()
      const n = Number(v)
      if (!Number.isInteger(n) || n < 1 || n > 256) throw new UsageError(`--threads must be a whole number from 1 to 256, got '${v}'.`)
      out.threads = n
    } else if (a === '--gifs') {
      const v = value()
      if (v !== 'first' && v !== 'all' && v !== 'none') throw new UsageError(`--gifs must be first, all or none, got '${v}'.`)
      out.gifs = v
    } else if (parseClusterOption(a, value, out.cluster, (m) => new UsageError(m))) continue
    else if (a.startsWith('-')) throw new UsageError(`Unknown option ${a}.`)
    else if (out.experimentFile === undefined) out.experimentFile = a
    else throw new UsageError(`Only one experiment file can be given (got '${out.experimentFile}' and '${a}').`)
  }
  try {
    checkClusterArgs(out.cluster, out.experimentFile !== undefined, out.outDir !== undefined)
  } catch (e) {
    throw new UsageError((e as Error).message)
  }
  return out
}
