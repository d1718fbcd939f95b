/**
 * Writing HDF5 files with h5wasm (the HDF5 C library compiled to WebAssembly; NIST licence, no
 * native build). Its Node build writes straight to the real file system, so a file is made under
 * a temporary name beside its target, checked by reading it back, and only then renamed: a full
 * disk or a crash never leaves a half-written file under the final name.
 */
import type H5Wasm from 'h5wasm/node'
import { access, constants, rename, stat, statfs, unlink } from 'node:fs/promises'
import { basename, dirname, join } from 'node:path'
import { randomBytes } from 'node:crypto'
import { describeWriteError } from '../io/atomic-write'

export type H5File = InstanceType<typeof H5Wasm.File>

/**
 * h5wasm, loaded on first use: importing it compiles a 4 MB WebAssembly module, which the app's
 * start and runs without archive files should not pay for.
 */
export async function loadH5wasm(): Promise<typeof H5Wasm> {
  const h5wasm = (await import('h5wasm/node')).default
  await h5wasm.ready
  return h5wasm
}
export type H5Group = ReturnType<H5File['create_group']>

/** HDF5 1.8-compatible objects, so HDF5 1.10 readers (Debian's h5py, MATLAB, older pynwb) open the files. */
const LIBVER = ['earliest', 'v110'] as ['earliest', 'v110']

/** Free bytes on the file system holding `path`, or undefined when it cannot be told. */
async function freeBytes(path: string): Promise<number | undefined> {
  try {
    const s = await statfs(path)
    return s.bavail * s.bsize
  } catch {
    return undefined
  }
}

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err)
}

/**
 * Creates `path` by running `fill` on a fresh HDF5 file and `check` on the file read back.
 * Throws an Error whose message names the file and the reason; nothing is left behind on failure.
 */
export async function writeH5Atomic(path: string, fill: (file: H5File) => void, check: (file: H5File) => void): Promise<{ bytes: number }> {
  const h5wasm = await loadH5wasm()
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`)
  let file: H5File | undefined
  try {
    // h5wasm reports a failed open only as an invalid id (and HDF5's stack on stderr): ask the file system first.
    await access(dirname(path), constants.W_OK)
    file = new h5wasm.File(tmp, 'w', { libver: LIBVER })
    if (BigInt(file.file_id) < 0n) {
      file = undefined
      throw new Error('HDF5 could not create the file')
    }
    fill(file)
    const status = file.close()
    file = undefined
    if (typeof status === 'number' && status < 0) throw new Error(`HDF5 could not finish the file (status ${status})`)
    const back = new h5wasm.File(tmp, 'r')
    try {
      check(back)
    } finally {
      back.close()
    }
    await rename(tmp, path)
    return { bytes: (await stat(path)).size }
  } catch (err) {
    try {
      file?.close()
    } catch {
      // already failing; the temporary file is removed below
    }
    const free = await freeBytes(dirname(path))
    await unlink(tmp).catch(() => undefined)
    const code = (err as NodeJS.ErrnoException | undefined)?.code
    if (code) throw describeWriteError(err, path)
    if (free !== undefined && free < 64 * 1024) throw describeWriteError(Object.assign(new Error('disk full'), { code: 'ENOSPC' }), path)
    throw new Error(`Could not save ${path}: ${messageOf(err)}. Nothing was changed on disk.`)
  }
}
