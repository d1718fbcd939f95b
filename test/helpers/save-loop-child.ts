/**
 * Child process for test/integration/kill-during-save.test.ts, bundled to plain JavaScript before
 * use. Saves a large project over and over at argv[2] with the app's own writer. Before each save
 * it prints `pending <sha256>` of the exact bytes about to be written, after it `saved <sha256>`,
 * so the parent knows every complete version the file may legitimately hold when it kills us.
 * argv[3]: runs, argv[4]: spikes per run, argv[5]: first save index.
 */
import { createHash } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import { encodeProjectFile, writeProjectFile } from '../../src-main/project/project-file'
import { sampleProject } from './project-fixtures'

const [path, runsArg, spikesArg, startArg] = process.argv.slice(2)
const project = sampleProject(Number(runsArg), Number(spikesArg))
const sha = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex')

async function main(): Promise<void> {
  for (let i = Number(startArg); ; i++) {
    // Each save differs from the last, so the file's hash tells which one it holds.
    project.document.name = `save ${i}`
    project.savedAt = new Date(Date.UTC(2025, 0, 1, 0, 0, i)).toISOString()
    const expected = sha(await encodeProjectFile(project, path))
    process.stdout.write(`pending ${expected} ${i}\n`)
    await writeProjectFile(path, project)
    const written = sha(await readFile(path))
    if (written !== expected) throw new Error(`the file holds ${written}, not the ${expected} just saved`)
    process.stdout.write(`saved ${expected} ${i}\n`)
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`)
  process.exit(1)
})
