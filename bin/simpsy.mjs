#!/usr/bin/env node
// The workbench's command line from a clone, as `simpsy` once `npm link` has put it on the PATH (a GPU server's remote
// runs start it so). Same as `npm run cli --`, from any folder.
import { spawnSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'

const entry = fileURLToPath(new URL('../src/main/cli/index.ts', import.meta.url))
// A cancel from the desktop stops the whole process group: the command line below stops cleanly and writes what it
// finished; this wrapper waits for it instead of ending first.
process.on('SIGTERM', () => {})
process.on('SIGINT', () => {})
const child = spawnSync(process.execPath, ['--import', import.meta.resolve('tsx'), entry, ...process.argv.slice(2)], {
  stdio: 'inherit',
  // The source's import aliases (@shared/…) are in the clone's tsconfig, whatever folder this runs in.
  env: { ...process.env, TSX_TSCONFIG_PATH: fileURLToPath(new URL('../tsconfig.json', import.meta.url)) },
})
process.exit(child.status ?? (child.signal === 'SIGTERM' ? 143 : 1))
