// Starts the Distinct-n words worker from the TypeScript sources (tsx, tests); the built app runs the bundled
// distinctWordsWorker.js.
import { register } from 'tsx/esm/api'

register()
await import('./wordsWorker.ts')
