// Starts the workspace worker from the TypeScript sources (tsx, tests); the built app runs the bundled
// workspaceWorker.js.
import { register } from 'tsx/esm/api'

register()
await import('./worker.ts')
