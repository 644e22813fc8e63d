import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'

/**
 * The test suite's own OpenAI-compatible server on loopback (tests only, never
 * a product feature). It answers /v1/chat/completions with scripted replies and
 * can misbehave on request: wrong key, unknown model, slowness, errors.
 */
export interface MockOptions {
  apiKey?: string
  models?: string[]
  latencyMs?: number
  reply?: (request: ChatRequest) => string
  /** Return a status (and optional body) to fail a request instead of answering. */
  fault?: (request: ChatRequest, callIndex: number) => { status: number; body?: string; headers?: Record<string, string> } | null
}

export interface ChatRequest {
  model: string
  messages: { role: string; content: string }[]
  [key: string]: unknown
}

export async function startMockOpenAI(options: MockOptions = {}) {
  const requests: ChatRequest[] = []
  const server = createServer(async (req, res) => {
    const body = await read(req)
    if (options.apiKey && req.headers.authorization !== `Bearer ${options.apiKey}`) {
      return send(res, 401, { error: { message: 'Incorrect API key provided.', type: 'invalid_request_error', code: 'invalid_api_key' } })
    }
    if (req.url !== '/v1/chat/completions' || req.method !== 'POST') return send(res, 404, { error: { message: 'Not found' } })
    const request = JSON.parse(body) as ChatRequest
    requests.push(request)
    if (options.models && !options.models.includes(request.model)) {
      return send(res, 404, { error: { message: `The model \`${request.model}\` does not exist.`, code: 'model_not_found' } })
    }
    if (options.latencyMs) await new Promise((r) => setTimeout(r, options.latencyMs))
    const fault = options.fault?.(request, requests.length - 1)
    if (fault) {
      res.writeHead(fault.status, { 'content-type': 'application/json', ...fault.headers })
      return res.end(fault.body ?? JSON.stringify({ error: { message: `injected ${fault.status}` } }))
    }
    const content = options.reply?.(request) ?? 'pong'
    send(res, 200, {
      id: `chatcmpl-${requests.length}`,
      object: 'chat.completion',
      created: Math.floor(Date.now() / 1000),
      model: request.model,
      choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: 'stop' }],
      usage: { prompt_tokens: 10, completion_tokens: 5, total_tokens: 15 },
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const port = (server.address() as { port: number }).port
  return {
    baseURL: `http://127.0.0.1:${port}/v1`,
    requests,
    close: () => new Promise<void>((resolve) => (server.closeAllConnections(), server.close(() => resolve()))),
  }
}

function read(req: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    let data = ''
    req.on('data', (c) => (data += c))
    req.on('end', () => resolve(data))
  })
}

function send(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { 'content-type': 'application/json' })
  res.end(JSON.stringify(body))
}
