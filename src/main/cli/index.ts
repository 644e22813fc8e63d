import { Command } from 'commander'
import { resolve } from 'node:path'
import { WorkbenchError } from '@shared/errors'
import type { ApiClient } from '@shared/api'
import { createClient } from '@shared/client'
import { createApp, type App } from '../app'
import { log, logToWorkspace } from '../logger'
import { defaultDataDir } from '../paths'
import { keyFileSecretBox } from '../secrets/secretBox'
import { print } from './context'
import { registerRoleCardCommands } from './roleCards'
import { registerEndpointCommands } from './endpoints'
import { registerRunCommands } from './runs'
import { registerDatasetCommands } from './datasets'
import { registerEvaluateCommand } from './evaluate'
import { registerTrainCommands } from './train'
import { registerArenaCommands } from './arena'
import { registerStudyCommands } from './studies'
import { registerRemoteCommands } from './remote'
import { LATEST_SCHEMA_VERSION } from '../db/migrations'
import { VERSION } from '../app'

/** `npm run cli -- <command>`: headless use of the same API, for servers and scripts. */
const program = new Command('simpsy')
  .description('SimPsy Workbench command line')
  .option('--data-dir <dir>', 'workspace folder (default: $SIMPSY_DATA_DIR or the user data folder)')
  // A remote run's server is checked with it: the schema must be the desktop's.
  .version(`${VERSION} (schema ${LATEST_SCHEMA_VERSION})`)
  .showHelpAfterError()

let opened: App | null = null
function openApp(): { api: ApiClient; app: App } {
  const dataDir = resolve(program.opts().dataDir ?? defaultDataDir())
  if (!opened) {
    // Warnings and errors on stderr as plain lines (everything with SIMPSY_DEBUG=1); the log file in
    // the data folder keeps the rest, with the stacks.
    logToWorkspace(dataDir, process.env.SIMPSY_DEBUG ? 'debug' : 'warn')
    opened = createApp({ dataDir, mode: 'cli', secrets: keyFileSecretBox(dataDir), heavyWorkInThisThread: true })
  }
  return { api: createClient(opened.dispatch), app: opened }
}
const open = () => openApp().api

program
  .command('info')
  .description('show the workspace location and version')
  .action(async () => print(await open().appInfo()))

program
  .command('call <method> [json]')
  .description('call any API method with a JSON input, e.g. call listRoleCards \'{"text":"exam"}\'')
  .action(async (method: string, json?: string) => {
    const api = open() as unknown as Record<string, (input: unknown) => Promise<unknown>>
    let input: unknown = {}
    try {
      if (json) input = JSON.parse(json)
    } catch (error) {
      throw new WorkbenchError(
        'invalid_input',
        `json: the input is not valid JSON (${(error as Error).message}); quote it for the shell, e.g. '{"id":"…"}'`,
      )
    }
    print(await api[method](input))
  })

registerRoleCardCommands(program, openApp)
registerEndpointCommands(program, openApp)
registerRunCommands(program, openApp)
registerDatasetCommands(program, openApp)
registerEvaluateCommand(program, openApp)
registerTrainCommands(program, openApp)
registerArenaCommands(program, openApp)
registerStudyCommands(program, openApp)
registerRemoteCommands(program, openApp)

try {
  await program.parseAsync()
} catch (error) {
  console.error(`Error: ${(error as Error).message}`)
  log.info('the command ended with an error', error)
  const details = (error as WorkbenchError).details as {
    errors?: { file: string; row: number | null; field: string | null; message: string }[]
  }
  for (const e of details?.errors ?? [])
    console.error(`  ${e.file}${e.row !== null ? ` row ${e.row}` : ''}${e.field ? ` [${e.field}]` : ''}: ${e.message}`)
  process.exitCode = 1
} finally {
  await (opened as App | null)?.close()
}
