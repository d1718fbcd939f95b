// @vitest-environment jsdom
import { expect, test } from 'vitest'
import { CONTENT_SECURITY_POLICY } from '../../src-shared/ipc/csp'
import html from '../../src-renderer/index.html?raw'

test("index.html's CSP meta tag equals the policy the main process sends", () => {
  const doc = new DOMParser().parseFromString(html, 'text/html')
  const metas = doc.querySelectorAll('meta[http-equiv="Content-Security-Policy"]')
  expect(metas.length).toBe(1)
  expect(metas[0].getAttribute('content')).toBe(CONTENT_SECURITY_POLICY)
  // No inline script could run under script-src 'self' anyway; keep the page free of them.
  for (const s of doc.querySelectorAll('script')) expect(s.getAttribute('src')).toBeTruthy()
})
