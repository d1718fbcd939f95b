/**
 * Experiment files in and out: one YAML file holding the parameter sets, the conditions table and
 * the GIF settings, so a study can be rerun from the command line or shared.
 */
import { readFileSync, statSync } from 'node:fs'
import { basename, dirname, resolve } from 'node:path'
import { writeFileAtomic } from '../io/atomic-write'
import { parseExperimentYaml, toExperimentYaml, type IncludeResolver } from '../../src-shared/experiment/experiment-yaml'
import { MAX_PARAMETER_FILE_CHARS } from '../../src-shared/params/yaml-io'
import type { Handlers, ServiceContext } from './context'
import { readTextFile } from './file-text'
import { cancelled, failure, safeFileName } from './io-outcome'
import { chooseSavePath } from './save-target'

export const EXPERIMENT_YAML_FILTER = { name: 'Experiment YAML', extensions: ['yaml', 'yml'] }
/** Checked before reading; the parser applies its own limit on characters. */
const MAX_EXPERIMENT_FILE_BYTES = 4_000_000

/**
 * Reads a parameter set's "file:" relative to the experiment file. Synchronous because the
 * parser is; these are files of a few hundred bytes. Undefined when there is no such file.
 */
export function includeResolver(experimentPath: string): IncludeResolver {
  const base = dirname(experimentPath)
  return (relPath) => {
    const path = resolve(base, relPath)
    let size: number
    try {
      const info = statSync(path)
      if (!info.isFile()) return undefined
      size = info.size
    } catch {
      return undefined
    }
    if (size > 4 * MAX_PARAMETER_FILE_CHARS) throw new Error(`it is ${(size / 1e6).toFixed(1)} MB, far larger than a parameter file`)
    return readFileSync(path, 'utf8')
  }
}

export function createExperimentIoService(ctx: ServiceContext): Pick<Handlers, 'experiment:import' | 'experiment:export'> {
  return {
    'experiment:import': async () => {
      const paths = await ctx.dialogs.openFiles({ title: 'Import experiment', filters: [EXPERIMENT_YAML_FILTER], multiple: false })
      if (!paths) return cancelled()
      const path = paths[0]
      try {
        const text = await readTextFile(path, MAX_EXPERIMENT_FILE_BYTES, 'experiment')
        return { ok: true, experiment: parseExperimentYaml(text, basename(path), includeResolver(path)), source: path }
      } catch (err) {
        // The summary names the first problem with its line; the contract's details list is for parameter problems.
        return failure(err)
      }
    },

    'experiment:export': async ({ experiment }) => {
      const path = await chooseSavePath(ctx.dialogs, {
        title: 'Export experiment',
        defaultName: `${safeFileName(experiment.name, 'experiment')}.yaml`,
        filter: EXPERIMENT_YAML_FILTER
      })
      if (!path) return cancelled()
      try {
        await writeFileAtomic(path, toExperimentYaml(experiment))
        return { ok: true, path }
      } catch (err) {
        return failure(err)
      }
    }
  }
}
