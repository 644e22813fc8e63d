// Starts the tokenize worker from the TypeScript sources (tsx, tests); the built app runs the bundled
// tokenizeWorker.js.
import { register } from 'tsx/esm/api'

register()
await import('./tokenizeWorker.ts')
