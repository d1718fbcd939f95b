/**
 * The per-run archive files of an output folder: nwb/<run>.nwb and sonata/<run>-spikes.h5, each
 * timed, for the headless runner and the app's export alike.
 */
import { mkdir } from 'node:fs/promises'
import { join } from 'node:path'
import type { ArchivedRun } from '../project/run-archive'
import { describeWriteError } from '../io/atomic-write'
import { writeNwb, type NwbContext } from './nwb-writer'
import { writeSonataSpikes } from './sonata-writer'
import type { ArchiveFileTiming } from '../../src-shared/provenance/archive-types'

export interface ArchiveOptions {
  nwb: boolean
  sonata: boolean
}

export type { ArchiveFileTiming }

export interface WrittenArchives {
  /** Per run id: { nwb?: path, sonata?: path }, relative to the output folder. */
  runFiles: Map<string, Record<string, string>>
  timings: ArchiveFileTiming[]
}

/** File-name stems from run ids ("normal#1" -> "normal-1"), unique within the folder. */
export function fileStems(runIds: readonly string[]): Map<string, string> {
  const used = new Set<string>()
  const out = new Map<string, string>()
  for (const id of runIds) {
    const base = id.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 80) || 'run'
    let stem = base
    for (let k = 2; used.has(stem); k++) stem = `${base}-${k}`
    used.add(stem)
    out.set(id, stem)
  }
  return out
}

export async function writeRunArchives(outDir: string, runs: readonly ArchivedRun[], ctx: NwbContext, opts: ArchiveOptions): Promise<WrittenArchives> {
  const runFiles = new Map<string, Record<string, string>>()
  const timings: ArchiveFileTiming[] = []
  const stems = fileStems(runs.map((r) => r.record.runId))
  const write = async (run: ArchivedRun, kind: 'nwb' | 'sonata', rel: string, fn: (path: string) => Promise<{ bytes: number }>): Promise<void> => {
    const started = performance.now()
    const { bytes } = await fn(join(outDir, rel))
    timings.push({ runId: run.record.runId, file: rel, bytes, ms: performance.now() - started })
    runFiles.set(run.record.runId, { ...runFiles.get(run.record.runId), [kind]: rel })
  }
  for (const [wanted, sub] of [[opts.nwb, 'nwb'], [opts.sonata, 'sonata']] as const) {
    if (wanted) await mkdir(join(outDir, sub), { recursive: true }).catch((err: unknown) => Promise.reject(describeWriteError(err, join(outDir, sub))))
  }
  for (const run of runs) {
    const stem = stems.get(run.record.runId)!
    if (opts.nwb) await write(run, 'nwb', `nwb/${stem}.nwb`, (p) => writeNwb(p, run, ctx))
    if (opts.sonata) await write(run, 'sonata', `sonata/${stem}-spikes.h5`, (p) => writeSonataSpikes(p, run))
  }
  return { runFiles, timings }
}
