// electron-vite emits the worker as its own file and gives back its path: the app and the CLI
// share this one built worker.
import workerPath from './sim-worker?modulePath'

export default workerPath
