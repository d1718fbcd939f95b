/**
 * The app's Content Security Policy in a real browser (Debian's Chromium): a page served with the
 * policy as a header tries an inline script, a remote script, eval and friends, an inline event
 * handler and a javascript: link; none may run, and each must be reported as a violation. The
 * built renderer must carry no inline script and must start under the policy without a violation.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createServer, type Server } from 'node:http'
import { existsSync, readFileSync } from 'node:fs'
import { extname, join, normalize } from 'node:path'
import type { AddressInfo } from 'node:net'
import { chromium, type Browser, type Page } from 'playwright-core'
import { CONTENT_SECURITY_POLICY } from '../../src-shared/ipc/csp'
import { INVOKE_CHANNELS } from '../../src-shared/ipc/channels'
import { builtFile } from '../helpers/built'

const CHROMIUM = '/usr/bin/chromium'
const noChromium = !existsSync(CHROMIUM)
if (noChromium) console.warn(`CSP browser tests skipped: ${CHROMIUM} is not installed (apt-get install chromium).`)

// The remote address is on the loopback range and port 9 (discard): even if the policy failed, nothing leaves the machine.
const REMOTE_SCRIPT = 'http://127.0.0.2:9/x.js'

const PROBE_HTML = `<!doctype html>
<html><head>
<script src="/first.js"></script>
<script>window.__inlineRan = true</script>
<script src="${REMOTE_SCRIPT}"></script>
<script src="/eval.js"></script>
</head><body>
<img src="/missing.png" onerror="window.__handlerRan = true">
<a id="jsurl" href="javascript:window.__jsUrlRan = true">link</a>
</body></html>`

// Same-origin, so allowed: records violations (it runs first) and proves allowed scripts do run.
const FIRST_JS = `window.__violations = []
document.addEventListener('securitypolicyviolation', (e) => {
  window.__violations.push({ directive: e.effectiveDirective, blocked: e.blockedURI })
})
window.__appRan = true`

const EVAL_JS = `try { eval('window.__evalRan = true') } catch (e) { window.__evalError = e.name }
try { new Function('window.__fnRan = true')() } catch (e) { window.__fnError = e.name }
setTimeout('window.__timeoutStringRan = true', 0)
window.__evalScriptRan = true`

const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml', '.png': 'image/png', '.woff2': 'font/woff2' }

function listen(handler: Parameters<typeof createServer>[1]): Promise<{ server: Server; base: string }> {
  const server = createServer(handler)
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve({ server, base: `http://127.0.0.1:${(server.address() as AddressInfo).port}` }))
  )
}

interface Violation {
  directive: string
  blocked: string
}

describe.skipIf(noChromium)('CSP in Chromium', () => {
  let browser: Browser
  let probe: { server: Server; base: string }
  let app: { server: Server; base: string }

  beforeAll(async () => {
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run']
    })
    probe = await listen((req, res) => {
      const csp = { 'content-security-policy': CONTENT_SECURITY_POLICY }
      const path = new URL(req.url ?? '/', 'http://x').pathname
      if (path === '/probe.html') res.writeHead(200, { ...csp, 'content-type': 'text/html' }).end(PROBE_HTML)
      else if (path === '/first.js') res.writeHead(200, { ...csp, 'content-type': 'text/javascript' }).end(FIRST_JS)
      else if (path === '/eval.js') res.writeHead(200, { ...csp, 'content-type': 'text/javascript' }).end(EVAL_JS)
      else res.writeHead(404, csp).end()
    })
    const dir = join(builtFile('out/renderer/index.html'), '..')
    app = await listen((req, res) => {
      const path = normalize(decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname))
      const file = join(dir, path === '/' ? 'index.html' : path)
      if (!file.startsWith(dir) || !existsSync(file)) return void res.writeHead(404).end()
      res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'content-security-policy': CONTENT_SECURITY_POLICY })
      res.end(readFileSync(file))
    })
  })

  afterAll(async () => {
    await browser?.close()
    probe?.server.close()
    app?.server.close()
  })

  async function pollViolations(page: Page, done: (v: Violation[]) => boolean): Promise<Violation[]> {
    const deadline = Date.now() + 10_000
    let v: Violation[] = []
    while (Date.now() < deadline) {
      v = (await page.evaluate(() => (window as unknown as { __violations?: Violation[] }).__violations ?? [])) as Violation[]
      if (done(v)) break
      await new Promise((r) => setTimeout(r, 50))
    }
    return v
  }

  it('blocks inline and remote scripts, eval, inline handlers and javascript: links, and reports each', async () => {
    const page = await browser.newPage()
    const failed = new Map<string, string>()
    page.on('requestfailed', (r) => failed.set(r.url(), r.failure()?.errorText ?? ''))
    const consoleCsp: string[] = []
    page.on('console', (m) => {
      if (/Content Security Policy/i.test(m.text())) consoleCsp.push(m.text())
    })
    await page.goto(`${probe.base}/probe.html`)
    await page.click('#jsurl')
    const has = (v: Violation[], blocked: RegExp, directive: RegExp) => v.some((x) => blocked.test(x.blocked) && directive.test(x.directive))
    const wanted = (v: Violation[]) =>
      has(v, /^inline$/, /^script-src-elem$/) && has(v, /127\.0\.0\.2/, /^script-src-elem$/) && has(v, /^eval$/, /^script-src$/) && has(v, /^inline$/, /^script-src-attr$/)
    const violations = await pollViolations(page, wanted)
    const flags = await page.evaluate(() => {
      const w = window as unknown as Record<string, unknown>
      return {
        appRan: w.__appRan, evalScriptRan: w.__evalScriptRan, inlineRan: w.__inlineRan, evalRan: w.__evalRan, fnRan: w.__fnRan,
        timeoutStringRan: w.__timeoutStringRan, handlerRan: w.__handlerRan, jsUrlRan: w.__jsUrlRan, evalError: w.__evalError, fnError: w.__fnError
      }
    })
    // The allowed same-origin scripts ran, so the blocked ones were blocked by the policy, not by accident.
    expect(flags.appRan).toBe(true)
    expect(flags.evalScriptRan).toBe(true)
    expect(flags).toMatchObject({ inlineRan: undefined, evalRan: undefined, fnRan: undefined, timeoutStringRan: undefined, handlerRan: undefined, jsUrlRan: undefined })
    expect(flags.evalError).toBe('EvalError')
    expect(flags.fnError).toBe('EvalError')
    expect(wanted(violations), JSON.stringify(violations)).toBe(true)
    expect(consoleCsp.length).toBeGreaterThan(0)
    // Refused by the browser's policy check, not by the network.
    expect(failed.get(REMOTE_SCRIPT)).toMatch(/csp/i)
    await page.close()
  })

  it('lets the built renderer start under the policy without a single violation', async () => {
    const page = await browser.newPage()
    const errors: string[] = []
    page.on('pageerror', (e) => errors.push(e.message))
    // A minimal stand-in for the preload's API, injected the way a preload is: before any page script.
    await page.addInitScript(`(() => {
      window.__violations = []
      document.addEventListener('securitypolicyviolation', (e) => window.__violations.push({ directive: e.effectiveDirective, blocked: e.blockedURI }))
      const channels = new Set(${JSON.stringify(INVOKE_CHANNELS)})
      const replies = {
        'app:info': { name: 'Serotonin Attractor Workbench', version: '0.0.0', electron: '0', chrome: '0', node: '0', platform: 'linux' },
        'project:recent': { paths: [] },
        'runs:getThreads': { threads: 1, max: 2 },
        'project:new': { ok: true },
        'project:autosave': { ok: false, message: 'no autosave in this test' }
      }
      window.workbench = {
        invoke: async (channel) => {
          if (!channels.has(channel)) throw new Error('Unknown channel ' + channel)
          return channel in replies ? replies[channel] : undefined
        },
        on: () => () => {}
      }
    })()`)
    await page.goto(`${app.base}/index.html`)
    await page.waitForFunction(() => (document.querySelector('#app')?.children.length ?? 0) > 0, undefined, { timeout: 15_000 })
    // Let charts and late components mount.
    await page.waitForTimeout(500)
    const violations = (await page.evaluate(() => (window as unknown as { __violations: Violation[] }).__violations)) as Violation[]
    expect(violations).toEqual([])
    expect(errors.filter((e) => /Content Security Policy|unsafe-eval|EvalError/i.test(e))).toEqual([])
    expect(await page.evaluate(() => document.body.innerText.length)).toBeGreaterThan(20)
    await page.close()
  })
})

describe('built renderer page', () => {
  it('has no inline script or inline event handler, and carries the same policy in its meta tag', () => {
    const html = readFileSync(builtFile('out/renderer/index.html'), 'utf8')
    const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)]
    expect(scripts.length).toBeGreaterThan(0)
    for (const [, attrs, body] of scripts) {
      expect(attrs).toMatch(/\bsrc=/)
      expect(body.trim()).toBe('')
    }
    expect(html).not.toMatch(/\son[a-z]+\s*=/i)
    expect(html).not.toMatch(/javascript:/i)
    const meta = /<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]*)"/i.exec(html)
    expect(meta?.[1]).toBe(CONTENT_SECURITY_POLICY)
  })
})
