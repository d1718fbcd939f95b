/**
 * Crash insurance: the open project (document and runs) is written now and then to
 * userDataDir/autosave/autosave.satproj with a small sidecar saying what it is. It is
 * deleted when the project is saved normally or the app quits cleanly, so one found at
 * start-up means the last session ended without saving.
 */
import { mkdir, readFile, stat, unlink } from 'node:fs/promises'
import { join } from 'node:path'
import { writeFileAtomic } from '../io/atomic-write'
import { PROJECT_EXTENSION, type ProjectFile } from '../../src-shared/project/format'
import type { UpgradeResult } from '../../src-shared/project/upgrade'
import { encodeProjectFile, ProjectFileError, projectWriteError, readProjectFile } from './project-file'

export interface AutosaveInfo {
  /** ISO 8601. */
  savedAt: string
  /** The document's name. */
  name: string
  /** The file the project was last opened from or saved to, or null for a never-saved project. */
  projectPath: string | null
}

export interface AutosavePaths {
  dir: string
  file: string
  sidecar: string
}

export function autosavePaths(userDataDir: string): AutosavePaths {
  const dir = join(userDataDir, 'autosave')
  return { dir, file: join(dir, `autosave.${PROJECT_EXTENSION}`), sidecar: join(dir, 'autosave.json') }
}

/** Writes the autosave (no .bak: the autosave is itself the safety copy); returns its path. Throws ProjectFileError. */
export async function writeAutosave(userDataDir: string, project: ProjectFile, meta: { name: string; projectPath: string | null }): Promise<string> {
  const paths = autosavePaths(userDataDir)
  const bytes = await encodeProjectFile(project, paths.file)
  try {
    await mkdir(paths.dir, { recursive: true })
    await writeFileAtomic(paths.file, bytes)
    const info: AutosaveInfo = { savedAt: project.savedAt, name: meta.name, projectPath: meta.projectPath }
    await writeFileAtomic(paths.sidecar, JSON.stringify(info))
  } catch (err) {
    throw new ProjectFileError('write', `Autosave failed: ${projectWriteError(err, paths.file).message}`, paths.file)
  }
  return paths.file
}

function readSidecar(value: unknown): Partial<AutosaveInfo> {
  if (typeof value !== 'object' || value === null) return {}
  const v = value as Record<string, unknown>
  const out: Partial<AutosaveInfo> = {}
  if (typeof v.savedAt === 'string' && v.savedAt.length <= 100 && Number.isFinite(Date.parse(v.savedAt))) out.savedAt = v.savedAt
  if (typeof v.name === 'string' && v.name.length <= 500) out.name = v.name
  if (v.projectPath === null || (typeof v.projectPath === 'string' && v.projectPath.length > 0 && v.projectPath.length <= 4096)) out.projectPath = v.projectPath
  return out
}

/** What an autosave left by an earlier session holds, or null when there is none. A lost sidecar is tolerated. */
export async function findAutosave(userDataDir: string): Promise<AutosaveInfo | null> {
  const paths = autosavePaths(userDataDir)
  let mtime: Date
  try {
    const info = await stat(paths.file)
    if (!info.isFile() || info.size === 0) return null
    mtime = info.mtime
  } catch {
    return null
  }
  let side: Partial<AutosaveInfo> = {}
  try {
    side = readSidecar(JSON.parse(await readFile(paths.sidecar, 'utf8')))
  } catch {
    // Fall back to the file's own time and an unnamed, never-saved project.
  }
  return { savedAt: side.savedAt ?? mtime.toISOString(), name: side.name ?? 'Untitled', projectPath: side.projectPath ?? null }
}

/** Reads the autosaved project; throws ProjectFileError (none: problem 'missing'). */
export async function readAutosave(userDataDir: string): Promise<UpgradeResult & { info: AutosaveInfo }> {
  const info = await findAutosave(userDataDir)
  const paths = autosavePaths(userDataDir)
  if (!info) throw new ProjectFileError('missing', 'There is no autosaved project to recover.', paths.file)
  return { ...(await readProjectFile(paths.file)), info }
}

export async function discardAutosave(userDataDir: string): Promise<void> {
  const paths = autosavePaths(userDataDir)
  // The project file first: without it nothing is offered for recovery, whatever happens to the sidecar.
  await unlink(paths.file).catch(() => undefined)
  await unlink(paths.sidecar).catch(() => undefined)
}
