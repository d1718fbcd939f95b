/**
 * Project files on disk: gzipped JSON of the model in src-shared/project/format.ts. Saving keeps
 * the previous version as `<path>.bak` and replaces the file atomically; reading tells a damaged
 * file, another program's file and a file from a newer version apart, in one sentence each.
 */
import { copyFile, readFile, rename, stat, unlink } from 'node:fs/promises'
import { basename, dirname, join } from 'node:path'
import { randomBytes } from 'node:crypto'
import { gzip, gunzip } from 'node:zlib'
import { promisify } from 'node:util'
import { describeWriteError, writeFileAtomic } from '../io/atomic-write'
import { PROJECT_FORMAT, serializeProject, type ProjectFile } from '../../src-shared/project/format'
import { ProjectFormatError } from '../../src-shared/project/errors'
import { upgradeProject, type UpgradeResult } from '../../src-shared/project/upgrade'

const gzipAsync = promisify(gzip)
const gunzipAsync = promisify(gunzip)

/** Larger files are refused before reading. */
export const MAX_PROJECT_FILE_BYTES = 2 * 1024 ** 3
/** Uncompressed JSON limit: V8 strings stop at about 512 MiB, and a gzip bomb must not fill memory. */
export const MAX_PROJECT_JSON_BYTES = 500 * 1024 ** 2
/** Non-gzip files up to this size are parsed as JSON to say what they are. */
const MAX_SNIFF_BYTES = 64 * 1024 ** 2
const GZIP_LEVEL = 6

export type ProjectFileProblem =
  | 'missing' | 'unreadable' | 'too-large' | 'empty' | 'not-project' | 'damaged' | 'newer' | 'invalid' | 'write'

/** A project could not be read or written; `message` is one sentence for the user. */
export class ProjectFileError extends Error {
  constructor(
    readonly problem: ProjectFileProblem,
    message: string,
    readonly path: string
  ) {
    super(message)
    this.name = 'ProjectFileError'
  }
}

export function backupPathOf(path: string): string {
  return `${path}.bak`
}

function mib(bytes: number): string {
  return `${Math.round(bytes / 1024 ** 2)} MB`
}

/** Errno codes describeWriteError does not phrase. */
const EXTRA_WRITE_REASONS: Record<string, string> = {
  ENOTDIR: 'part of the folder path is a file, not a folder',
  ENAMETOOLONG: 'the file name or path is too long',
  EMFILE: 'too many files are open',
  EBUSY: 'the file is in use by another program',
  EIO: 'the disk reported an input/output error'
}

const SAVE_MESSAGE = /^Could not save .*?: (.*)\. Nothing was changed on disk\.$/s

/** Why a write failed, as a phrase (no path, no full stop). */
function writeReason(err: unknown): string {
  const code = (err as NodeJS.ErrnoException | undefined)?.code
  const extra = code ? EXTRA_WRITE_REASONS[code] : undefined
  if (extra) return extra
  // describeWriteError words the common codes; take its phrase rather than repeat its table.
  // writeFileAtomic's errors are already worded that way, so unwrap until only the reason is left.
  let text = describeWriteError(err, '').message
  for (let m = SAVE_MESSAGE.exec(text); m; m = SAVE_MESSAGE.exec(text)) text = m[1]
  return text
}

/** A write error as a ProjectFileError whose message names the path and the reason. */
export function projectWriteError(err: unknown, path: string): ProjectFileError {
  if (err instanceof ProjectFileError) return err
  return new ProjectFileError('write', `Could not save ${path}: ${writeReason(err)}. Nothing was changed on disk.`, path)
}

/** The bytes of a project file: JSON, gzipped. */
export async function encodeProjectFile(project: ProjectFile, path = 'the project'): Promise<Uint8Array> {
  let json: string
  try {
    json = serializeProject(project)
  } catch (err) {
    if (err instanceof RangeError) throw tooLargeToSave(path)
    throw err
  }
  if (Buffer.byteLength(json, 'utf8') > MAX_PROJECT_JSON_BYTES) throw tooLargeToSave(path)
  return new Uint8Array(await gzipAsync(json, { level: GZIP_LEVEL }))
}

function tooLargeToSave(path: string): ProjectFileError {
  return new ProjectFileError(
    'too-large',
    `The project is too large to save as one file (its data exceed ${mib(MAX_PROJECT_JSON_BYTES)} before compression); forget some runs and save again. Nothing was changed on disk.`,
    path
  )
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile()
  } catch {
    return false
  }
}

/** Copies the current file to `<path>.bak`, itself atomically, so a crash never leaves half a backup. */
async function keepBackup(path: string): Promise<void> {
  const bak = backupPathOf(path)
  const tmp = join(dirname(path), `.${basename(bak)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`)
  try {
    await copyFile(path, tmp)
    await rename(tmp, bak)
  } catch (err) {
    await unlink(tmp).catch(() => undefined)
    throw new ProjectFileError('write', `Could not save ${path}: keeping a backup of the previous version at ${bak} failed (${writeReason(err)}). Nothing was changed on disk.`, path)
  }
}

/**
 * Saves a project: gzip, copy any existing file to `<path>.bak`, then replace it atomically.
 * Throws ProjectFileError; on failure the file at `path` is unchanged and no temporary file is left.
 */
export async function writeProjectFile(path: string, project: ProjectFile, opts: { backup?: boolean } = {}): Promise<void> {
  const bytes = await encodeProjectFile(project, path)
  try {
    if ((opts.backup ?? true) && (await isFile(path))) await keepBackup(path)
    await writeFileAtomic(path, bytes)
  } catch (err) {
    throw projectWriteError(err, path)
  }
}

function readFailure(err: unknown, path: string): ProjectFileError {
  const code = (err as NodeJS.ErrnoException | undefined)?.code
  const name = basename(path)
  switch (code) {
    case 'ENOENT':
      return new ProjectFileError('missing', `The project file ${path} no longer exists (it was moved, renamed or deleted).`, path)
    case 'EACCES':
    case 'EPERM':
      return new ProjectFileError('unreadable', `The project file ${name} could not be read: permission denied.`, path)
    case 'EISDIR':
      return new ProjectFileError('unreadable', `${name} is a folder, not a project file.`, path)
    case 'ENOTDIR':
      return new ProjectFileError('missing', `The project file ${path} does not exist (part of its folder path is a file).`, path)
    default:
      return new ProjectFileError('unreadable', `The project file ${name} could not be read (${code ?? (err instanceof Error ? err.message : String(err))}).`, path)
  }
}

async function damaged(path: string): Promise<ProjectFileError> {
  const bak = backupPathOf(path)
  const hint = (await isFile(bak)) ? `; a backup of the previous save may be at ${bak}` : ''
  return new ProjectFileError('damaged', `The project file ${basename(path)} is damaged (it was cut short or changed on disk) and cannot be opened${hint}.`, path)
}

function notProject(path: string, what: string): ProjectFileError {
  return new ProjectFileError('not-project', `${basename(path)} is not a Serotonin Workbench project file (${what}).`, path)
}

const utf8 = new TextDecoder('utf-8', { fatal: true })

function parseJson(bytes: Uint8Array): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(utf8.decode(bytes)) }
  } catch {
    return { ok: false }
  }
}

function isProjectJson(value: unknown): boolean {
  return typeof value === 'object' && value !== null && (value as { format?: unknown }).format === PROJECT_FORMAT
}

/** Our writer puts the format first, so a project's JSON starts with these bytes. */
const SIGNATURE = new TextEncoder().encode(`{"format":"${PROJECT_FORMAT}"`)

function startsWithSignature(bytes: Uint8Array): boolean {
  if (bytes.length < SIGNATURE.length) return false
  for (let i = 0; i < SIGNATURE.length; i++) if (bytes[i] !== SIGNATURE[i]) return false
  return true
}

function upgrade(raw: unknown, path: string): UpgradeResult {
  try {
    return upgradeProject(raw)
  } catch (err) {
    if (err instanceof ProjectFormatError) {
      const message = err.problem === 'not-project' ? `${basename(path)} is not a Serotonin Workbench project file.` : err.message
      throw new ProjectFileError(err.problem, message, path)
    }
    throw err
  }
}

/**
 * Reads, decompresses, upgrades and validates a project file. Throws only ProjectFileError,
 * and never changes anything on disk.
 */
export async function readProjectFile(path: string): Promise<UpgradeResult> {
  try {
    return await readProjectFileUnchecked(path)
  } catch (err) {
    if (err instanceof ProjectFileError) throw err
    throw new ProjectFileError('unreadable', `The project file ${basename(path)} could not be read (${err instanceof Error ? err.message : String(err)}).`, path)
  }
}

async function readProjectFileUnchecked(path: string): Promise<UpgradeResult> {
  let bytes: Uint8Array
  try {
    const info = await stat(path)
    if (info.isDirectory()) throw Object.assign(new Error('is a folder'), { code: 'EISDIR' })
    if (info.size > MAX_PROJECT_FILE_BYTES) {
      throw new ProjectFileError('too-large', `The file ${basename(path)} is ${mib(info.size)}, larger than the ${mib(MAX_PROJECT_FILE_BYTES)} a project file can be.`, path)
    }
    bytes = await readFile(path)
  } catch (err) {
    if (err instanceof ProjectFileError) throw err
    throw readFailure(err, path)
  }
  if (bytes.length === 0) throw new ProjectFileError('empty', `The file ${basename(path)} is empty; it holds no project.`, path)

  if (bytes.length < 2 || bytes[0] !== 0x1f || bytes[1] !== 0x8b) {
    // Not gzip: a hand-edited, uncompressed project is still accepted; anything else is named.
    const parsed = bytes.length <= MAX_SNIFF_BYTES ? parseJson(bytes) : { ok: false as const }
    if (!parsed.ok) throw notProject(path, 'unrecognised content')
    if (!isProjectJson(parsed.value)) throw notProject(path, 'it holds JSON of another kind')
    return upgrade(parsed.value, path)
  }

  let json: Uint8Array
  try {
    json = await gunzipAsync(bytes, { maxOutputLength: MAX_PROJECT_JSON_BYTES })
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') {
      throw new ProjectFileError('too-large', `The project in ${basename(path)} unpacks to more than ${mib(MAX_PROJECT_JSON_BYTES)}, more than this version can open.`, path)
    }
    throw await damaged(path)
  }
  const parsed = parseJson(json)
  if (!parsed.ok) {
    // The checksum passed, so a parse failure means the content was never ours, unless it starts like ours.
    if (startsWithSignature(json)) throw await damaged(path)
    throw notProject(path, 'unrecognised content')
  }
  if (!isProjectJson(parsed.value)) throw notProject(path, 'it holds JSON of another kind')
  return upgrade(parsed.value, path)
}
