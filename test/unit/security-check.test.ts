/**
 * scripts/security-check.mjs (`npm run security`): Electronegativity must find real problems,
 * point into .vue files at the right line, fail on anything not excepted, and pass on this app.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { spawnSync } from 'node:child_process'
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { root } from '../helpers/built'

const script = join(root, 'scripts/security-check.mjs')

interface Finding {
  check: string
  file: string
  line: number
}
interface Report {
  staged: string[]
  errors: Array<{ file: string; message: string; tolerable: boolean }>
  findings: Finding[]
  unexpected: Finding[]
  allowed: Array<Finding & { justification: string }>
  unused: unknown[]
}

function check(args: string[]): { status: number | null; report: Report | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [script, ...args], { encoding: 'utf8', timeout: 90_000 })
  let report: Report | null = null
  if (args.includes('--json')) report = JSON.parse(r.stdout) as Report
  return { status: r.status, report, stdout: r.stdout, stderr: r.stderr }
}

let planted: string
beforeAll(async () => {
  planted = await mkdtemp(join(tmpdir(), 'security-check-'))
  await mkdir(join(planted, 'src-main'))
  await mkdir(join(planted, 'src-renderer'))
  await writeFile(
    join(planted, 'src-main/window.ts'),
    [
      "import { BrowserWindow } from 'electron'",
      'export function open(): void {',
      '  const w = new BrowserWindow({ webPreferences: { contextIsolation: false, sandbox: false, webSecurity: false } })',
      "  void w.loadURL('http://example.com/')",
      '}'
    ].join('\n')
  )
  await writeFile(
    join(planted, 'src-renderer/Links.vue'),
    ['<template>', '  <a @click="go">link</a>', '</template>', '', '<script setup lang="ts">', "import { shell } from 'electron'", 'function go(url: string) {', '  void shell.openExternal(url)', '}', '</script>'].join('\n')
  )
})
afterAll(async () => {
  await rm(planted, { recursive: true, force: true })
})

describe('security check', () => {
  it('finds an insecure window, remote content and openExternal, including inside a .vue file at its line', () => {
    const { status, report } = check(['--root', planted, '--json'])
    expect(status).toBe(1)
    const got = report!.unexpected.map((f) => `${f.check} ${f.file}:${f.line}`)
    expect(got).toEqual(
      expect.arrayContaining([
        'CONTEXT_ISOLATION_JS_CHECK src-main/window.ts:3',
        'SANDBOX_JS_CHECK src-main/window.ts:3',
        'WEB_SECURITY_JS_CHECK src-main/window.ts:3',
        'HTTP_RESOURCES_JS_CHECK src-main/window.ts:4',
        'OPEN_EXTERNAL_JS_CHECK src-renderer/Links.vue:8'
      ])
    )
    // No CSP, no navigation limit and no permission handler anywhere: the global checks say so.
    expect(report!.unexpected.map((f) => f.check)).toEqual(expect.arrayContaining(['CSP_GLOBAL_CHECK', 'LIMIT_NAVIGATION_GLOBAL_CHECK', 'PERMISSION_REQUEST_HANDLER_GLOBAL_CHECK']))
  })

  it('passes once every finding is excepted, and refuses an exception without a one-line reason', async () => {
    const first = check(['--root', planted, '--json']).report!
    const exceptions = join(planted, 'exceptions.json')
    const list = first.unexpected.map((f) => ({ check: f.check, file: f.file, justification: 'Planted on purpose to test the checker itself.' }))
    await writeFile(exceptions, JSON.stringify({ exceptions: list }))
    const ok = check(['--root', planted, '--exceptions', exceptions])
    expect(ok.status).toBe(0)
    expect(ok.stdout).toMatch(/Security check passed/)

    await writeFile(exceptions, JSON.stringify({ exceptions: [{ check: 'SANDBOX_JS_CHECK', file: 'src-main/window.ts', justification: 'ok' }] }))
    const bad = check(['--root', planted, '--exceptions', exceptions])
    expect(bad.status).toBe(1)
    expect(bad.stderr).toMatch(/SANDBOX_JS_CHECK in src-main\/window\.ts\) needs a one-line "justification"/)
  })

  it('finds nothing in this app beyond the listed exceptions, each with its reason', async () => {
    const { status, report, stderr } = check(['--json'])
    expect(report!.unexpected).toEqual([])
    expect(report!.errors.filter((e) => !e.tolerable)).toEqual([])
    expect(status, stderr).toBe(0)
    expect(report!.staged).toEqual(expect.arrayContaining(['src-main', 'src-shared', 'src-renderer']))
    const file = JSON.parse(await readFile(join(root, 'security/electronegativity-exceptions.json'), 'utf8')) as { exceptions: Array<{ justification: string }> }
    for (const e of file.exceptions) expect(e.justification).not.toMatch(/\n/)
    // The window guards are seen by the scanner: no finding about navigation, permissions, sandbox or isolation.
    const checks = new Set(report!.findings.map((f) => f.check))
    for (const c of ['LIMIT_NAVIGATION_GLOBAL_CHECK', 'PERMISSION_REQUEST_HANDLER_GLOBAL_CHECK', 'SANDBOX_JS_CHECK', 'CONTEXT_ISOLATION_JS_CHECK', 'NODE_INTEGRATION_JS_CHECK']) {
      expect(checks.has(c)).toBe(false)
    }
  })
})
