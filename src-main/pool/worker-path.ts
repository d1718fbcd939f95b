// electron-vite emits the worker as its own file and gives back its path: the app and the CLI
// share this one built worker.
import bundledPath from './sim-worker?modulePath'

/**
 * In a packaged app the bundle lives in app.asar, which worker threads cannot load from; the
 * builder unpacks the worker beside it (electron-builder.yml, asarUnpack).
 */
export function unpackedPath(path: string): string {
  return path.replace(/([\\/])app\.asar([\\/])/, '$1app.asar.unpacked$2')
}

const workerPath = unpackedPath(bundledPath)
export default workerPath
