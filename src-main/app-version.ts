// Injected at build time from package.json (see electron.vite.config.ts), so no file is read at run time.
declare const __APP_VERSION__: string
export const APP_VERSION: string = typeof __APP_VERSION__ === 'string' ? __APP_VERSION__ : '0.0.0-dev'
