/**
 * The Content Security Policy of the renderer, in one place: the main process sends it as a
 * response header and the renderer's index.html carries it in a meta tag, so the two cannot
 * drift. Everything is same-origin; inline styles are allowed because Vue and ECharts set
 * element styles; no eval, no plugins, no framing, no form posts.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'"
].join('; ')
