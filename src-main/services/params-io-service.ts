/**
 * Parameter files in and out. Import takes either one combined file or any of the reference
 * study's six files (RS.yaml, FS.yaml, ...), the groups not given keeping their defaults. Export
 * writes one combined file or the six files into a folder, each atomically.
 */
import { basename, join } from 'node:path'
import { writeFileAtomic } from '../io/atomic-write'
import { REFERENCE_FILE_GROUPS } from '../../src-shared/params/schema'
import { groupForFileName, parseCombinedYaml, parseReferenceFiles, toCombinedYaml, toReferenceFiles } from '../../src-shared/params/yaml-io'
import type { Handlers, ServiceContext } from './context'
import { readTextFile } from './file-text'
import { cancelled, failure, safeFileName } from './io-outcome'
import { chooseSavePath, confirmReplace, pathExists } from './save-target'

export const PARAMETER_YAML_FILTER = { name: 'Parameter YAML', extensions: ['yaml', 'yml'] }
/** Checked before reading; the parser applies its own, tighter limit on characters. */
const MAX_PARAMETER_FILE_BYTES = 4_000_000

function referenceNames(): string {
  return Object.keys(REFERENCE_FILE_GROUPS).join(', ')
}

export function createParamsIoService(ctx: ServiceContext): Pick<Handlers, 'params:import' | 'params:export'> {
  return {
    'params:import': async () => {
      const paths = await ctx.dialogs.openFiles({ title: 'Import parameters', filters: [PARAMETER_YAML_FILTER], multiple: true })
      if (!paths) return cancelled()
      try {
        const files: Record<string, string> = {}
        for (const path of paths) {
          // Messages name the file as the user knows it; the full path only if two share a name.
          const key = Object.hasOwn(files, basename(path)) ? path : basename(path)
          files[key] = await readTextFile(path, MAX_PARAMETER_FILE_BYTES, 'parameter')
        }
        const names = Object.keys(files)
        if (names.length === 1 && !groupForFileName(names[0])) {
          return { ok: true, params: parseCombinedYaml(files[names[0]], names[0]), sources: paths }
        }
        const strangers = names.filter((n) => !groupForFileName(n))
        if (strangers.length > 0) {
          return {
            ok: false,
            message:
              `${strangers.join(', ')} ${strangers.length === 1 ? 'is not one' : 'are not'} of the reference parameter files. ` +
              `Select either one combined parameter file, or any of ${referenceNames()}.`
          }
        }
        return { ok: true, params: parseReferenceFiles(files).params, sources: paths }
      } catch (err) {
        return failure(err)
      }
    },

    'params:export': async ({ params, name, layout }) => {
      if (layout === 'combined') {
        const path = await chooseSavePath(ctx.dialogs, {
          title: 'Export parameters',
          defaultName: `${safeFileName(name, 'parameters')}.yaml`,
          filter: PARAMETER_YAML_FILTER
        })
        if (!path) return cancelled()
        try {
          await writeFileAtomic(path, toCombinedYaml(params))
          return { ok: true, paths: [path] }
        } catch (err) {
          return failure(err)
        }
      }

      const dir = await ctx.dialogs.openDirectory({ title: 'Choose a folder for the six parameter files' })
      if (!dir) return cancelled()
      const files = toReferenceFiles(params)
      const targets = Object.keys(files).map((file) => ({ file, path: join(dir, file) }))
      const existing: string[] = []
      for (const t of targets) if (await pathExists(t.path)) existing.push(t.path)
      if (!(await confirmReplace(ctx.dialogs, existing))) return cancelled()
      const written: string[] = []
      for (const t of targets) {
        try {
          await writeFileAtomic(t.path, files[t.file])
        } catch (err) {
          const done = written.length > 0 ? ` ${written.map((p) => basename(p)).join(', ')} ${written.length === 1 ? 'was' : 'were'} written before the failure.` : ''
          return failure(new Error(`${err instanceof Error ? err.message : String(err)}${done}`))
        }
        written.push(t.path)
      }
      return { ok: true, paths: written }
    }
  }
}
