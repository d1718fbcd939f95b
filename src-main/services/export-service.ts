/**
 * 'export:save': a table (CSV), a figure (PNG from the chart's canvas, or SVG) the renderer made,
 * written where the user says. The PNG arrives as base64 and is checked to really be a PNG, so a
 * wrong payload cannot leave a broken file behind.
 */
import { extname } from 'node:path'
import { writeFileAtomic } from '../io/atomic-write'
import type { FileFilter, Handlers, ServiceContext } from './context'
import { cancelled, failure, safeFileName } from './io-outcome'
import { chooseSavePath } from './save-target'

export type ExportKind = 'csv' | 'png' | 'svg'

export const EXPORT_FILTERS: Record<ExportKind, FileFilter> = {
  csv: { name: 'CSV table', extensions: ['csv'] },
  png: { name: 'PNG image', extensions: ['png'] },
  svg: { name: 'SVG image', extensions: ['svg'] }
}

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]

/** Decodes the PNG the renderer sent (bare base64 or a data: URL); throws with a reason if it is not one. */
export function decodePngBase64(data: string): Uint8Array {
  const b64 = data.replace(/^data:image\/png;base64,/, '').replace(/\s+/g, '')
  // Buffer.from silently skips characters outside the alphabet; refuse them instead.
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(b64) || b64.length % 4 === 1) throw new Error('the image data is not valid base64')
  const bytes = Buffer.from(b64, 'base64')
  if (bytes.length < PNG_SIGNATURE.length || PNG_SIGNATURE.some((b, i) => bytes[i] !== b)) throw new Error('the image data is not a PNG')
  return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length)
}

function defaultName(suggested: string, kind: ExportKind): string {
  const base = safeFileName(suggested, `export.${kind}`)
  return extname(base).toLowerCase() === `.${kind}` ? base : `${base}.${kind}`
}

export function createExportService(ctx: ServiceContext): Pick<Handlers, 'export:save'> {
  return {
    'export:save': async ({ kind, suggestedName, text, base64 }) => {
      let data: string | Uint8Array
      try {
        if (kind === 'png') {
          if (base64 === undefined) throw new Error('a PNG export needs the image as base64')
          data = decodePngBase64(base64)
        } else {
          if (text === undefined) throw new Error(`a ${kind.toUpperCase()} export needs its text`)
          data = text
        }
      } catch (err) {
        return failure(err, 'Nothing was saved')
      }
      const path = await chooseSavePath(ctx.dialogs, { title: `Export ${kind.toUpperCase()}`, defaultName: defaultName(suggestedName, kind), filter: EXPORT_FILTERS[kind] })
      if (!path) return cancelled()
      try {
        await writeFileAtomic(path, data)
        return { ok: true, path }
      } catch (err) {
        return failure(err)
      }
    }
  }
}
