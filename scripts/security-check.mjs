#!/usr/bin/env node
/**
 * `npm run security`: Electronegativity (Doyensec's Electron security scanner) over the app's
 * sources and, when present, its build in out/. Every finding must be fixed or listed in
 * security/electronegativity-exceptions.json with a one-line justification; anything else fails.
 *
 * Why not `npx electronegativity`: its CLI breaks with the commander version npm resolves
 * ("version is not a function"), so this calls the runner it wraps. Two parts of that runner reach
 * the internet (translations and Electron's release list); both are cut off here so the check is
 * offline and repeatable: `got` is replaced by a stub that always fails, and the release-list
 * check is excluded (Electron upgrades are a dependency decision, not a code finding).
 *
 * Options: --root DIR (default: the repository), --exceptions FILE, --json (findings as JSON).
 */
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join, relative, resolve, sep } from 'node:path'
import { parseArgs } from 'node:util'

const repo = resolve(import.meta.dirname, '..')
const require = createRequire(join(repo, 'package.json'))

/** What is scanned, relative to the root; missing entries are skipped (out/ exists only after a build). */
const TARGETS = ['package.json', 'src-main', 'src-shared', 'src-renderer', 'out/main', 'out/preload', 'out/renderer']
const OFFLINE_EXCLUDED_CHECKS = ['AvailableSecurityFixesGlobalCheck']

function loadRunner() {
  const runnerPath = require.resolve('@doyensec/electronegativity/dist/runner.js')
  const local = createRequire(runnerPath)
  const gotPath = local.resolve('got')
  const offline = () => Promise.reject(new Error('network access is disabled for the security check'))
  offline.head = offline
  offline.get = offline
  require.cache[gotPath] = { id: gotPath, filename: gotPath, loaded: true, exports: offline, children: [], paths: [] }
  return local(runnerPath)
}

/**
 * Electronegativity reads .js/.ts/.html only. A .vue file is copied as `<name>.vue.ts` holding its
 * <script> blocks at their original lines (everything else blanked), so findings point at the .vue.
 */
function vueAsTypeScript(text) {
  const lines = text.split('\n')
  const out = lines.map(() => '')
  let inScript = false
  lines.forEach((line, i) => {
    if (!inScript && /^\s*<script\b[^>]*>/.test(line)) {
      inScript = true
      const rest = line.replace(/^\s*<script\b[^>]*>/, '')
      if (/<\/script>/.test(rest)) {
        out[i] = rest.replace(/<\/script>.*$/, '')
        inScript = false
      } else out[i] = rest
      return
    }
    if (inScript) {
      if (/<\/script>/.test(line)) {
        out[i] = line.replace(/<\/script>.*$/, '')
        inScript = false
      } else out[i] = line
    }
  })
  return out.join('\n')
}

function stageVueFiles(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name)
    if (entry.isDirectory()) stageVueFiles(p)
    else if (entry.name.endsWith('.vue')) writeFileSync(`${p}.ts`, vueAsTypeScript(readFileSync(p, 'utf8')))
  }
}

/** Copies the targets into a fresh folder (so node_modules is never walked) and returns it with what was staged. */
function stage(root) {
  const dir = mkdtempSync(join(tmpdir(), 'electronegativity-'))
  const staged = []
  for (const target of TARGETS) {
    const from = join(root, target)
    if (!existsSync(from)) continue
    const to = join(dir, target)
    cpSync(from, to, { recursive: true, filter: (src) => !src.split(sep).includes('node_modules') })
    if (statSync(to).isDirectory()) stageVueFiles(to)
    staged.push(target)
  }
  return { dir, staged }
}

function electronVersion(root) {
  try {
    return JSON.parse(readFileSync(join(root, 'node_modules/electron/package.json'), 'utf8')).version
  } catch {
    return require('electron/package.json').version
  }
}

/** Runs Electronegativity over `root`; returns its findings with paths relative to `root`. */
export async function scan(root) {
  const run = loadRunner()
  const { dir, staged } = stage(root)
  const log = console.log
  const lang = process.env.LANG
  // Descriptions are localised by LANG; the exceptions match the English ones.
  process.env.LANG = 'en-US'
  // The runner prints a line when its (disabled) translation download fails; keep the output clean.
  console.log = (...args) => {
    if (!(args.length === 1 && /Could not retrieve updated translations/.test(String(args[0])))) log(...args)
  }
  try {
    const result = await run(
      {
        input: dir,
        isRelative: true,
        customScan: [],
        excludeFromScan: OFFLINE_EXCLUDED_CHECKS,
        electronVersionOverride: electronVersion(root),
        parserPlugins: []
      },
      false
    )
    const findings = result.issues.map((i) => ({
      check: i.id,
      file: String(i.file).replace(/\.vue\.ts$/, '.vue').split(sep).join('/'),
      line: i.location?.line ?? 0,
      column: i.location?.column ?? 0,
      severity: i.severity?.name ?? String(i.severity),
      confidence: i.confidence?.name ?? String(i.confidence),
      description: i.description,
      sample: typeof i.sample === 'string' ? i.sample.slice(0, 200) : undefined
    }))
    const errors = result.errors.map((e) => ({ file: relative(dir, e.file), message: e.message, tolerable: e.tolerable }))
    return { findings, errors, staged, checks: result.globalChecks + result.atomicChecks }
  } finally {
    console.log = log
    if (lang === undefined) delete process.env.LANG
    else process.env.LANG = lang
    rmSync(dir, { recursive: true, force: true })
  }
}

/** Reads and checks the allow-list: each entry names a check and a file and says why, in one line. */
export function readExceptions(path) {
  if (!existsSync(path)) return []
  const data = JSON.parse(readFileSync(path, 'utf8'))
  const list = Array.isArray(data) ? data : data.exceptions
  if (!Array.isArray(list)) throw new Error(`${path}: expected { "exceptions": [ ... ] }`)
  list.forEach((e, i) => {
    const where = `${path}: exception ${i + 1}`
    if (typeof e.check !== 'string' || !e.check) throw new Error(`${where} has no "check" (the finding's id, e.g. CSP_GLOBAL_CHECK)`)
    if (typeof e.file !== 'string' || !e.file) throw new Error(`${where} has no "file" (path relative to the repository; * matches within a name)`)
    if (typeof e.justification !== 'string' || e.justification.trim().length < 20 || /\n/.test(e.justification)) {
      throw new Error(`${where} (${e.check} in ${e.file}) needs a one-line "justification" of at least 20 characters`)
    }
  })
  return list
}

function fileMatches(pattern, file) {
  const re = new RegExp(`^${pattern.split('*').map((s) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('[^/]*')}$`)
  return re.test(file)
}

function exceptionMatches(e, f) {
  return e.check === f.check && fileMatches(e.file, f.file) && (e.description === undefined || f.description.includes(e.description))
}

/** Splits findings into excepted and unexpected, and lists exceptions that matched nothing. */
export function judge(findings, exceptions) {
  const allowed = []
  const unexpected = []
  const used = new Set()
  for (const f of findings) {
    const i = exceptions.findIndex((e) => exceptionMatches(e, f))
    if (i >= 0) {
      used.add(i)
      allowed.push({ ...f, justification: exceptions[i].justification })
    } else unexpected.push(f)
  }
  const unused = exceptions.filter((_, i) => !used.has(i))
  return { allowed, unexpected, unused }
}

async function main() {
  const { values } = parseArgs({
    options: { root: { type: 'string' }, exceptions: { type: 'string' }, json: { type: 'boolean' } }
  })
  const root = resolve(values.root ?? repo)
  const exceptionsPath = resolve(values.exceptions ?? join(root, 'security/electronegativity-exceptions.json'))
  const exceptions = readExceptions(exceptionsPath)
  const { findings, errors, staged, checks } = await scan(root)
  const { allowed, unexpected, unused } = judge(findings, exceptions)
  if (values.json) {
    console.log(JSON.stringify({ staged, findings, errors, allowed, unexpected, unused }, null, 2))
  } else {
    console.log(`Electronegativity: ${checks} checks over ${staged.join(', ')}`)
    if (!staged.some((s) => s.startsWith('out/'))) console.log('  (no build in out/: only the sources were scanned; run `npm run build` to include the bundles)')
    for (const f of allowed) console.log(`  excepted  ${f.check} ${f.file}:${f.line}  — ${f.justification}`)
    for (const f of unexpected) {
      console.log(`  FINDING   ${f.check} ${f.file}:${f.line}:${f.column} [${f.severity}/${f.confidence}] ${f.description}${f.sample ? `\n            ${f.sample}` : ''}`)
    }
    for (const e of unused) console.log(`  note: exception for ${e.check} in ${e.file} matched nothing (remove it if the finding is gone for good)`)
    for (const e of errors) console.log(`  ${e.tolerable ? 'warning' : 'PARSE ERROR'} ${e.file}: ${e.message}`)
  }
  const parseFailures = errors.filter((e) => !e.tolerable)
  if (unexpected.length > 0 || parseFailures.length > 0) {
    console.error(`\nSecurity check failed: ${unexpected.length} finding(s) not in ${relative(process.cwd(), exceptionsPath) || exceptionsPath}${parseFailures.length ? `, ${parseFailures.length} file(s) could not be parsed` : ''}. Fix them, or add an exception with a one-line justification.`)
    process.exitCode = 1
  } else if (!values.json) {
    console.log(`Security check passed: ${findings.length} finding(s), all excepted with a reason.`)
  }
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  main().catch((err) => {
    console.error(err instanceof Error ? err.message : err)
    process.exitCode = 1
  })
}

