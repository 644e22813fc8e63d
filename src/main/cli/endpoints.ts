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
    .option('--cached-input-price <p>', 'price per million cached prompt tokens (default: the prompt price)', Number)
    .option('--rpm <n>', 'requests per minute over all base URLs (default: no limit)', Number)
    .option('--tpm <n>', 'tokens per minute over all base URLs (default: no limit)', Number)
    .option(
      '--replica <url[=n][#VAR]>',
      'one more base URL serving the same model, n requests at once (default: --max-concurrency), with the key in the ' +
        "environment variable VAR (default: the endpoint's key; on an update, the key stored for that URL); repeat " +
        'for each. Given on an update, the list replaces the stored one',
      (value: string, list: string[] = []) => [...list, value],
    )
    .option('--no-replicas', 'drop the more base URLs (only the base URL is called)')
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
      const concurrency = o.maxConcurrency ?? existing?.maxConcurrency ?? 8
      // Commander sets `replicas` to true unless --no-replicas, and to the list when --replica is given.
      const replicas =
        o.replicas === false
          ? []
          : o.replica
            ? (o.replica as string[]).map((text) => parseReplica(text, concurrency))
            : undefined
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
          priceCachedInput: o.cachedInputPrice,
          rpm: o.rpm,
          tpm: o.tpm,
          replicas,
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

/**
 * `URL`, `URL=n`, `URL#VAR` or `URL=n#VAR` (n: requests at once; a URL may hold '=' itself, so only digits after the
 * last one count; VAR: the environment variable holding this base URL's own key — a base URL has no #fragment).
 */
function parseReplica(text: string, concurrency: number) {
  const [spec, keyEnv] = text.trim().split(/#(?=[A-Za-z_][A-Za-z0-9_]*$)/)
  let apiKey: string | undefined
  if (keyEnv !== undefined) {
    apiKey = process.env[keyEnv]
    if (apiKey === undefined)
      throw new WorkbenchError('invalid_input', `--replica ${spec}: the key variable ${keyEnv} is not set`)
  }
  const match = /^(.*)=(\d+)$/.exec(spec)
  return {
    ...(match
      ? { baseURL: match[1], maxConcurrency: Number(match[2]) }
      : { baseURL: spec, maxConcurrency: concurrency }),
    ...(apiKey !== undefined && { apiKey }),
  }
}
