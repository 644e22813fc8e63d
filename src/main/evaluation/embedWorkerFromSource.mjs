// Starts the embedding worker from the TypeScript sources (tsx, tests); the built app runs the bundled embedWorker.js.
import { register } from 'tsx/esm/api'

register()
await import('./embedWorker.ts')
