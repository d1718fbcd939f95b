/**
 * ro-crate-metadata.json for an output folder: an RO-Crate 1.1 conforming to the Process Run Crate
 * profile 0.5 (one CreateAction: the app as instrument, experiment and parameter files as objects,
 * results/CSV/GIF/NWB/SONATA as results). A small typed writer: the `ro-crate` npm package is
 * GPL-3.0, which the MIT-licensed app cannot bundle. Each file entity carries its size and SHA-256,
 * so `--verify` can tell a file that was edited after the run.
 */
import { readFile, stat } from 'node:fs/promises'
import { extname, join } from 'node:path'
import { randomUUID } from 'node:crypto'
import { writeFileAtomic } from '../io/atomic-write'
import { bytesSha256 } from './spike-digest'
import { APP_NAME_FOR_FILES } from './app-name'

export const RO_CRATE_FILE = 'ro-crate-metadata.json'
export const RO_CRATE_SPEC = 'https://w3id.org/ro/crate/1.1'
export const PROCESS_RUN_CRATE = 'https://w3id.org/ro/wfrun/process/0.5'
const APP_ID = '#serotonin-attractor-workbench'

type Ref = { '@id': string }
export interface CrateEntity {
  '@id': string
  '@type': string | string[]
  [key: string]: unknown
}
export interface RoCrate {
  '@context': string[]
  '@graph': CrateEntity[]
}

export interface CrateFile {
  /** Path relative to the crate root, with forward slashes. */
  path: string
  role: 'object' | 'result'
  description: string
}

export interface CrateRun {
  experimentName: string
  appVersion: string
  /** The command line or app action that made the results (information only). */
  description: string
  startTime: string
  endTime: string
  files: CrateFile[]
}

const FORMATS: Record<string, string> = {
  '.json': 'application/json',
  '.csv': 'text/csv',
  '.gif': 'image/gif',
  '.nwb': 'application/x-nwb',
  '.h5': 'application/x-hdf5',
  '.yaml': 'application/yaml',
  '.yml': 'application/yaml'
}

const ref = (id: string): Ref => ({ '@id': id })
/** RO-Crate data entity ids are relative URIs: spaces and the like are percent-encoded per segment. */
export const crateId = (path: string): string => path.split('/').map(encodeURIComponent).join('/')

export async function buildRoCrate(dir: string, run: CrateRun): Promise<RoCrate> {
  const files: CrateEntity[] = []
  for (const f of run.files) {
    const bytes = await readFile(join(dir, f.path))
    files.push({
      '@id': crateId(f.path),
      '@type': 'File',
      name: f.path,
      description: f.description,
      encodingFormat: FORMATS[extname(f.path).toLowerCase()] ?? 'application/octet-stream',
      contentSize: String((await stat(join(dir, f.path))).size),
      sha256: bytesSha256(bytes)
    })
  }
  const actionId = `#run-${randomUUID()}`
  const ids = (role: CrateFile['role']): Ref[] => run.files.filter((f) => f.role === role).map((f) => ref(crateId(f.path)))
  return {
    '@context': [`${RO_CRATE_SPEC}/context`, 'https://w3id.org/ro/terms/workflow-run/context'],
    '@graph': [
      { '@id': RO_CRATE_FILE, '@type': 'CreativeWork', conformsTo: ref(RO_CRATE_SPEC), about: ref('./') },
      {
        '@id': './',
        '@type': 'Dataset',
        name: `${run.experimentName}: simulation results`,
        description: `Spikes, measures and statistics of the experiment '${run.experimentName}', made by ${APP_NAME_FOR_FILES} ${run.appVersion}. results.json holds each run's provenance and resolved parameters; 'npm run experiment -- --verify <this folder>' reruns them and compares the spikes.`,
        datePublished: run.endTime,
        license: ref('https://spdx.org/licenses/CC-BY-4.0'),
        conformsTo: ref(PROCESS_RUN_CRATE),
        hasPart: run.files.map((f) => ref(crateId(f.path))),
        mentions: ref(actionId)
      },
      { '@id': PROCESS_RUN_CRATE, '@type': 'CreativeWork', name: 'Process Run Crate', version: '0.5' },
      { '@id': 'https://spdx.org/licenses/CC-BY-4.0', '@type': 'CreativeWork', name: 'Creative Commons Attribution 4.0 International' },
      {
        '@id': APP_ID,
        '@type': 'SoftwareApplication',
        name: APP_NAME_FOR_FILES,
        softwareVersion: run.appVersion,
        description: 'Desktop workbench and headless runner for the serotonin ring-attractor model (360 excitatory + 90 inhibitory Izhikevich neurons).'
      },
      {
        '@id': actionId,
        '@type': 'CreateAction',
        name: `Run the experiment '${run.experimentName}'`,
        description: run.description,
        startTime: run.startTime,
        endTime: run.endTime,
        instrument: ref(APP_ID),
        object: ids('object'),
        result: ids('result'),
        actionStatus: ref('http://schema.org/CompletedActionStatus')
      },
      ...files
    ]
  }
}

export async function writeRoCrate(dir: string, run: CrateRun): Promise<string> {
  const path = join(dir, RO_CRATE_FILE)
  await writeFileAtomic(path, `${JSON.stringify(await buildRoCrate(dir, run), null, 1)}\n`)
  return path
}
