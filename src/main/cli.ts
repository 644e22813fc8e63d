import { Command } from 'commander'
import { readFileSync, writeFileSync } from 'node:fs'
import { basename, extname, resolve } from 'node:path'
import { ROLE_CARD_EXPORT_FORMATS, ROLE_CARD_FORMATS, type RoleCardExportFormat } from '@shared/roleCard'
import { WorkbenchError } from '@shared/errors'
import type { ApiClient } from '@shared/api'
import { createClient } from '@shared/client'
import { createApp, type App } from './app'
import { defaultDataDir } from './paths'
import { keyFileSecretBox } from './secrets/secretBox'
import { endpointId, registerRunCommands } from './cliRuns'
import { registerEvaluateCommand } from './cliEvaluate'
import { registerTrainCommands } from './cliTrain'
import { registerArenaCommands } from './cliArena'

/** `npm run cli -- <command>`: headless use of the same API, for servers and scripts. */
const program = new Command('simpsy')
  .description('SimPsy Workbench command line')
  .option('--data-dir <dir>', 'workspace folder (default: $SIMPSY_DATA_DIR or the user data folder)')
  .showHelpAfterError()

/**
 * The workspace's log on stderr. A job that fails logs its error with the stack; the command
 * reports the failure itself, so the stack is left out unless SIMPSY_DEBUG=1.
 */
const cliLog = (line: string) => console.error(process.env.SIMPSY_DEBUG ? line : line.split('\n').filter((l) => !/^\s+at /.test(l)).join('\n'))

let opened: App | null = null
function openApp(): { api: ApiClient; app: App } {
  const dataDir = resolve(program.opts().dataDir ?? defaultDataDir())
  opened ??= createApp({ dataDir, mode: 'cli', secrets: keyFileSecretBox(dataDir), log: cliLog })
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
      throw new WorkbenchError('invalid_input', `json: the input is not valid JSON (${(error as Error).message}); quote it for the shell, e.g. '{"id":"…"}'`)
    }
    print(await api[method](input))
  })

const cards = program.command('cards').description('role cards')
cards
  .command('import <file>')
  .description('import role cards (all rows or none)')
  .option('-f, --format <format>', `auto | ${ROLE_CARD_FORMATS.join(' | ')}`, 'auto')
  .option('--on-conflict <mode>', 'error | skip | replace, for ids already in the workspace', 'error')
  .option('--pool <pool>', 'pool for cards that have none (e.g. train, test)')
  .option('--tag <tag...>', 'tags for cards that have none')
  .option('--dry-run', 'check the file and report, write nothing')
  .action(async (file: string, o) => {
    const report = await open().importRoleCards({
      fileName: basename(file),
      contentBase64: readFileSync(file).toString('base64'),
      format: o.format,
      onConflict: o.onConflict,
      pool: o.pool,
      tags: o.tag,
      dryRun: Boolean(o.dryRun),
    })
    const verb = report.nothingWritten ? 'would import' : 'imported'
    console.log(`${report.file} (${report.format}): ${report.rows} rows, ${verb} ${report.imported}, replaced ${report.replaced}, skipped ${report.skipped}`)
  })
cards
  .command('export <file>')
  .description('export role cards; the format follows the file extension unless --format is given')
  .option('-f, --format <format>', ROLE_CARD_EXPORT_FORMATS.join(' | '))
  .option('--language <zh|en>')
  .option('--pool <pool>')
  .option('--tag <tag>')
  .action(async (file: string, o) => {
    const format = (o.format ?? extname(file).slice(1).toLowerCase()) as RoleCardExportFormat
    if (!ROLE_CARD_EXPORT_FORMATS.includes(format)) throw new WorkbenchError('invalid_input', `--format: use one of ${ROLE_CARD_EXPORT_FORMATS.join(', ')}`)
    const out = await open().exportRoleCards({ format, query: { language: o.language, pool: o.pool, tag: o.tag } })
    writeFileSync(file, out.content)
    console.log(`Wrote ${out.count} role cards to ${file}`)
  })
cards
  .command('list')
  .option('--text <words>', 'search text')
  .option('--language <zh|en>')
  .option('--pool <pool>')
  .option('--json', 'print JSON')
  .action(async (o) => {
    const page = await open().listRoleCards({ text: o.text ?? '', language: o.language, pool: o.pool })
    if (o.json) return print(page.items)
    for (const c of page.items) console.log(`${c.id}\t${c.language}\t${c.pool || '-'}\t${c.title.slice(0, 60)}`)
    console.log(`${page.total} cards`)
  })

const endpoints = program.command('endpoints').description('model endpoints')
endpoints.command('list').action(async () => print(await open().listEndpoints()))
endpoints
  .command('save')
  .description('add or update an endpoint (the key is read from an environment variable, never from the command line); an update keeps what it is not given')
  .requiredOption('--name <name>')
  .option('--base-url <url>', 'required for a new endpoint')
  .option('--model <model>', 'required for a new endpoint')
  .option('--api-key-env <VAR>', 'name of the environment variable that holds the API key')
  .option('--temperature <t>', 'default temperature', Number)
  .action(async (o) => {
    const api = open()
    const existing = (await api.listEndpoints()).find((e) => e.name === o.name)
    const apiKey = o.apiKeyEnv ? process.env[o.apiKeyEnv] : undefined
    if (o.apiKeyEnv && apiKey === undefined) throw new WorkbenchError('invalid_input', `--api-key-env: ${o.apiKeyEnv} is not set`)
    if (!existing && (!o.baseUrl || !o.model)) throw new WorkbenchError('invalid_input', `--base-url and --model: required for a new endpoint (no endpoint is called "${o.name}")`)
    print(await api.saveEndpoint({ id: existing?.id, name: o.name, baseURL: o.baseUrl ?? existing!.baseURL, model: o.model ?? existing!.model, apiKey, temperature: o.temperature }))
  })
endpoints
  .command('test <name>')
  .action(async (name: string) => {
    const api = open()
    const check = await api.testEndpoint({ id: await endpointId(api, name) })
    console.log(`${check.ok ? 'OK' : 'FAILED'} (${check.kind}): ${check.message}`)
    if (!check.ok) process.exitCode = 1
  })

registerRunCommands(program, openApp)
registerEvaluateCommand(program, openApp)
registerTrainCommands(program, openApp)
registerArenaCommands(program, openApp)

function print(value: unknown) {
  console.log(JSON.stringify(value, null, 2))
}

try {
  await program.parseAsync()
} catch (error) {
  console.error(`Error: ${(error as Error).message}`)
  const details = (error as WorkbenchError).details as { errors?: { file: string; row: number | null; field: string | null; message: string }[] }
  for (const e of details?.errors ?? []) console.error(`  ${e.file}${e.row !== null ? ` row ${e.row}` : ''}${e.field ? ` [${e.field}]` : ''}: ${e.message}`)
  process.exitCode = 1
} finally {
  await (opened as App | null)?.close()
}
