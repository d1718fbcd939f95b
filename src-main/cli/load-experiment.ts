import { readFileSync, statSync } from 'node:fs'
import { dirname, resolve, basename } from 'node:path'
import type { ExperimentSpec } from '../../src-shared/experiment/types'
import { notebookExperiment } from '../../src-shared/experiment/presets'
import { parseExperimentYaml } from '../../src-shared/experiment/experiment-yaml'

/** The notebook's four conditions, or the experiment in `file`, with includes resolved beside it. */
export function loadExperiment(file: string | undefined): ExperimentSpec {
  if (file === undefined) return notebookExperiment()
  const path = resolve(file)
  let text: string
  try {
    if (statSync(path).isDirectory()) throw userError(`${file} is a folder; give the experiment's .yaml file.`)
    text = readFileSync(path, 'utf8')
  } catch (e) {
    if ((e as { userFacing?: boolean }).userFacing) throw e
    const code = (e as NodeJS.ErrnoException).code
    throw userError(code === 'ENOENT' ? `Experiment file not found: ${file}` : `Cannot read ${file}: ${(e as Error).message}`)
  }
  const base = dirname(path)
  return parseExperimentYaml(text, basename(path), (rel) => {
    try {
      return readFileSync(resolve(base, rel), 'utf8')
    } catch {
      return undefined
    }
  })
}

function userError(message: string): Error {
  return Object.assign(new Error(message), { userFacing: true })
}
