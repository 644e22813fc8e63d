import type { Command } from 'commander'
import { WorkbenchError } from '@shared/errors'
import { endpointId, print, type OpenWorkspace } from './context'

/** CLI commands for model endpoints. */
export function registerEndpointCommands(program: Command, open: OpenWorkspace) {
  const endpoints = program.command('endpoints').description('model endpoints')
  endpoints.command('list').action(async () => print(await open().api.listEndpoints()))
  endpoints
    .command('save')
    .description(
      'add or update an endpoint (the key is read from an environment variable, never from the command line); an update keeps what it is not given',
    )
    .requiredOption('--name <name>')
    .option('--base-url <url>', 'required for a new endpoint')
    .option('--model <model>', 'required for a new endpoint')
    .option('--api-key-env <VAR>', 'name of the environment variable that holds the API key')
    .option('--temperature <t>', 'default temperature', Number)
    .option('--max-concurrency <n>', 'requests in flight at once against this endpoint (default 8)', Number)
    .option('--timeout-ms <ms>', 'total time one request may take (default 60000)', Number)
    .option('--no-stream', 'ask for whole answers (for a server that rejects streaming)')
    .option('--price-input <p>', 'price per million prompt tokens (shows cost)', Number)
    .option('--price-output <p>', 'price per million completion tokens', Number)
    .option('--currency <c>', 'currency of the prices (default USD)')
    .action(async (o) => {
      const api = open().api
      const existing = (await api.listEndpoints()).find((e) => e.name === o.name)
      const apiKey = o.apiKeyEnv ? process.env[o.apiKeyEnv] : undefined
      if (o.apiKeyEnv && apiKey === undefined)
        throw new WorkbenchError('invalid_input', `--api-key-env: ${o.apiKeyEnv} is not set`)
      if (!existing && (!o.baseUrl || !o.model))
        throw new WorkbenchError(
          'invalid_input',
          `--base-url and --model: required for a new endpoint (no endpoint is called "${o.name}")`,
        )
      print(
        await api.saveEndpoint({
          id: existing?.id,
          name: o.name,
          baseURL: o.baseUrl ?? existing!.baseURL,
          model: o.model ?? existing!.model,
          apiKey,
          temperature: o.temperature,
          maxConcurrency: o.maxConcurrency,
          timeoutMs: o.timeoutMs,
          priceInput: o.priceInput,
          priceOutput: o.priceOutput,
          currency: o.currency,
          // Commander sets stream to true unless --no-stream: an update only changes it when asked.
          ...(o.stream === false && { stream: false }),
        }),
      )
    })
  endpoints.command('test <name>').action(async (name: string) => {
    const api = open().api
    const check = await api.testEndpoint({ id: await endpointId(api, name) })
    console.log(`${check.ok ? 'OK' : 'FAILED'} (${check.kind}): ${check.message}`)
    if (!check.ok) process.exitCode = 1
  })
}
