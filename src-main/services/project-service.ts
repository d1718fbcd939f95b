/**
 * The 'project:*' channels: new, open, save (as), the recent list, autosave and recovery.
 * The renderer owns the document; the run archive owns the finished runs and their spikes;
 * this service joins them into project files. The renderer never names a file to open by
 * itself: it either picks one of the recent paths (checked here) or the user picks in a dialog.
 */
import { basename, extname, resolve } from 'node:path'
import type { Cancelled, Failure, OpenedProject, ProjectDocument } from '../../src-shared/ipc/contract'
import { conditionParametersOf, CURRENT_FORMAT_VERSION, PROJECT_EXTENSION, PROJECT_FORMAT, runRecordOf, type ProjectFile } from '../../src-shared/project/format'
import type { UpgradeResult } from '../../src-shared/project/upgrade'
import { discardAutosave, findAutosave, readAutosave, writeAutosave } from '../project/autosave'
import { ProjectFileError, readProjectFile, writeProjectFile } from '../project/project-file'
import { createRecentList } from '../project/recent'
import { removeStaleTempFiles } from '../project/stale-temp'
import type { ArchivedRun, RunArchive } from '../project/run-archive'
import { fromStoredRun, toStoredRun } from '../project/stored-runs'
import type { FileFilter, Handlers, ServiceContext } from './context'

export type ProjectChannel =
  | 'project:new' | 'project:open' | 'project:save' | 'project:recent' | 'project:setDirty'
  | 'project:autosave' | 'project:recoverAutosave' | 'project:discardAutosave'

export interface ProjectService extends Pick<Handlers, ProjectChannel> {
  /** The file the open project was read from or last saved to; null for a new project. */
  currentPath(): string | null
  /** As last reported by the renderer through 'project:setDirty'. */
  isDirty(): boolean
  /** An autosave left by an earlier session (for the 'project:recoverable' event), or null. */
  hasRecoverable(): Promise<{ savedAt: string; name: string } | null>
}

export const PROJECT_FILTERS: FileFilter[] = [{ name: 'Serotonin Workbench project', extensions: [PROJECT_EXTENSION] }]

function failure(message: string): Failure {
  return { ok: false, message }
}

function cancelled(message: string): Cancelled {
  return { ok: false, cancelled: true, message }
}

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err)
}

function projectName(document: ProjectDocument, path: string | null): string {
  const fromDoc = document.name.trim()
  if (fromDoc) return fromDoc
  return path ? basename(path, extname(path)) || 'Untitled' : 'Untitled'
}

/** A file name from a document name: no path separators or characters Windows forbids. */
export function defaultFileName(documentName: string): string {
  const cleaned = documentName
    .replace(/[\u0000-\u001f<>:"/\\|?*]+/g, '-')
    .replace(/^[\s.]+|[\s.]+$/g, '')
    .slice(0, 100)
  return `${cleaned || 'Untitled'}.${PROJECT_EXTENSION}`
}

function withExtension(path: string): string {
  return path.toLowerCase().endsWith(`.${PROJECT_EXTENSION}`) ? path : `${path}.${PROJECT_EXTENSION}`
}

export function createProjectService(ctx: ServiceContext, archive: RunArchive): ProjectService {
  const recent = createRecentList(ctx.userDataDir)
  let path: string | null = null
  let dirty = false

  // Open, save, new, autosave and recovery each read or replace the archive; one at a time.
  let queue: Promise<unknown> = Promise.resolve()
  const serial = <T>(op: () => Promise<T>): Promise<T> => {
    const next = queue.then(op, op)
    queue = next.catch(() => undefined)
    return next
  }

  /** The project as it would be saved now; a Failure when a run cannot be encoded. */
  async function snapshot(document: ProjectDocument): Promise<ProjectFile | Failure> {
    const finished = await archive.listFinished()
    const runs = []
    for (const run of finished) {
      try {
        runs.push(toStoredRun(run))
      } catch (err) {
        return failure(`Run '${run.record.runId}' could not be stored: ${messageOf(err)}. Nothing was saved.`)
      }
    }
    return {
      format: PROJECT_FORMAT,
      formatVersion: CURRENT_FORMAT_VERSION,
      appVersion: ctx.appVersion,
      savedAt: new Date().toISOString(),
      document,
      runs
    }
  }

  /** Decodes the runs, then hands them to the archive; nothing changes unless decoding succeeded. */
  async function load(result: UpgradeResult, shownPath: string | null, name: string): Promise<OpenedProject> {
    const runs: ArchivedRun[] = result.project.runs.map(fromStoredRun)
    await archive.replaceAll(runs)
    const opened: OpenedProject = {
      path: shownPath,
      name,
      document: result.project.document,
      runs: result.project.runs.map(runRecordOf),
      conditionParameters: conditionParametersOf(result.project.runs)
    }
    if (result.upgradedFrom !== undefined) opened.upgradedFrom = result.upgradedFrom
    return opened
  }

  return {
    currentPath: () => path,
    isDirty: () => dirty,

    async hasRecoverable() {
      const info = await findAutosave(ctx.userDataDir)
      return info ? { savedAt: info.savedAt, name: info.name } : null
    },

    'project:new': () =>
      serial(async () => {
        await archive.clear()
        path = null
        dirty = false
        return { ok: true as const }
      }),

    'project:open': (request) =>
      serial(async () => {
        let target: string
        if (request.recentPath !== undefined) {
          if (!(await recent.has(request.recentPath))) {
            return failure(`${request.recentPath} is not in the list of recent projects; use Open… to choose the file.`)
          }
          target = resolve(request.recentPath)
        } else {
          const chosen = await ctx.dialogs.openFiles({ title: 'Open project', filters: PROJECT_FILTERS, multiple: false })
          if (!chosen || chosen.length === 0) return cancelled('No project was opened.')
          target = chosen[0]
        }
        let result: UpgradeResult
        try {
          result = await readProjectFile(target)
        } catch (err) {
          if (err instanceof ProjectFileError && err.problem === 'missing') await recent.remove(target)
          return failure(err instanceof ProjectFileError ? err.message : `Could not open ${target}: ${messageOf(err)}.`)
        }
        let project: OpenedProject
        try {
          project = await load(result, target, projectName(result.project.document, target))
        } catch (err) {
          return failure(`Could not load the runs of ${basename(target)}: ${messageOf(err)}.`)
        }
        path = target
        dirty = false
        await recent.add(target)
        // Only after a successful open: a failed open leaves the folder exactly as it was.
        await removeStaleTempFiles(target)
        return { ok: true as const, project }
      }),

    'project:save': (request) =>
      serial(async () => {
        let target = path
        let document = request.document
        if (request.saveAs || target === null) {
          const chosen = await ctx.dialogs.saveFile({
            title: request.saveAs ? 'Save project as' : 'Save project',
            defaultName: defaultFileName(request.document.name),
            filters: PROJECT_FILTERS
          })
          if (!chosen) return cancelled('The project was not saved.')
          target = withExtension(chosen)
          // A project saved under a new file name is called by it (no "Untitled project" in study.satproj).
          document = { ...document, name: basename(target, extname(target)) || document.name }
        }
        const project = await snapshot(document)
        if ('ok' in project) return project
        try {
          await writeProjectFile(target, project)
        } catch (err) {
          return failure(err instanceof ProjectFileError ? err.message : `Could not save ${target}: ${messageOf(err)}.`)
        }
        path = target
        dirty = false
        await recent.add(target)
        await discardAutosave(ctx.userDataDir)
        return { ok: true as const, path: target, name: projectName(document, target) }
      }),

    'project:recent': async () => ({ paths: await recent.list() }),

    'project:setDirty': (request) => {
      dirty = request.dirty
    },

    'project:autosave': (request) =>
      serial(async () => {
        const project = await snapshot(request.document)
        if ('ok' in project) return project
        try {
          const written = await writeAutosave(ctx.userDataDir, project, { name: projectName(request.document, path), projectPath: path })
          return { ok: true as const, path: written }
        } catch (err) {
          return failure(err instanceof ProjectFileError ? err.message : `Autosave failed: ${messageOf(err)}.`)
        }
      }),

    'project:recoverAutosave': () =>
      serial(async () => {
        const info = await findAutosave(ctx.userDataDir)
        if (!info) return { ok: false as const, none: true as const, message: 'There is no autosaved project to recover.' }
        let result: Awaited<ReturnType<typeof readAutosave>>
        try {
          result = await readAutosave(ctx.userDataDir)
        } catch (err) {
          return failure(`The autosaved project could not be recovered: ${messageOf(err)}`)
        }
        let project: OpenedProject
        try {
          project = await load(result, result.info.projectPath, result.info.name || projectName(result.project.document, result.info.projectPath))
        } catch (err) {
          return failure(`Could not load the runs of the autosaved project: ${messageOf(err)}.`)
        }
        // The recovered state is newer than any file on disk, so it counts as unsaved.
        path = result.info.projectPath
        dirty = true
        return { ok: true as const, project, savedAt: result.info.savedAt }
      }),

    'project:discardAutosave': () => serial(() => discardAutosave(ctx.userDataDir))
  }
}
