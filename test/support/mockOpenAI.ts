import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'

/**
 * The test suite's own OpenAI-compatible server on loopback (tests only, never
 * a product feature). It answers /v1/chat/completions with scripted replies and
 * can misbehave on request: wrong key, unknown model, slowness, errors, resets,
 * malformed bodies, hangs, stalled streams, outages, or faults at a seeded
 * random rate. A request with `stream: true` is answered as server-sent events,
 * the reply in a few chunks (usage last when `stream_options.include_usage`).
 */
export interface MockOptions {
  apiKey?: string
  models?: string[]
  latencyMs?: number
  /**
   * Holds a chat request's answer until the returned promise settles (null: answer as usual), so a test can wait for
   * other requests to arrive instead of relying on latency being long enough.
   */
  hold?: (request: ChatRequest) => Promise<void> | null
  reply?: (request: ChatRequest) => string
  /** The text a POST /v1/completions request gets (default 'pong'), cut at the request's `stop` sequences. */
  completion?: (request: CompletionRequest) => string
  /** A status to answer this /v1/completions request with instead (e.g. 503), or null to answer it. */
  completionFault?: (request: CompletionRequest, callIndex: number) => { status: number } | null
  /** Return a fault to misbehave on this request instead of answering. */
  fault?: (request: ChatRequest, callIndex: number) => Fault | null
  /**
   * Share of requests (0..1) that fail with a fault drawn from `faultKinds`. The draw depends
   * only on `seed`, the messages and how often they were sent before, so a run repeats
   * exactly whatever order concurrent requests arrive in.
   */
  faultRate?: number
  faultKinds?: RandomFaultKind[]
  seed?: number
  /** Keep every parsed request in `requests` (default true; a benchmark turns it off). */
  keepRequests?: boolean
  /**
   * Streamed answers: the pause before each chunk after the first, and whether usage is sent when asked for (default
   * true).
   */
  chunkDelayMs?: number
  streamUsage?: boolean
  /** An outage: from the `afterCalls`-th request on, for `durationMs`, every request meets `fault` (default: 503). */
  outage?: { afterCalls: number; durationMs: number; fault?: Fault }
  /**
   * A provider's rate limit: a chat request that arrives while this many are being answered gets a 429 with
   * `retry-after-ms: 1` and `x-ratelimit-remaining-requests: 0` (counted in `stats.rateLimited`). Changeable later with
   * `setCapacity`.
   */
  capacity?: number
  /** `usage.prompt_tokens_details.cached_tokens` of a chat answer (of the 10 prompt tokens); null: not sent. */
  cachedTokens?: (request: ChatRequest) => number | null
  /** Headers of a chat answer (rate-limit hints such as `x-ratelimit-remaining-requests`); null: none. */
  answerHeaders?: (request: ChatRequest) => Record<string, string> | null
  /** Listen on this port (a replica brought back where it was); default: any free one. */
  port?: number
  /** Length of the vectors POST /v1/embeddings answers (default 64). */
  embeddingDim?: number
  /** A status to answer this /v1/embeddings request with instead (e.g. 503), or null to answer it. */
  embeddingFault?: (request: EmbeddingRequest, callIndex: number) => { status: number } | null
  /** The files and batches API (POST /v1/files, /v1/batches): how a batch runs. */
  batch?: MockBatchOptions
}

/** A request to /v1/embeddings; kept in `embeddings`. */
export interface EmbeddingRequest {
  model: string
  input: string | string[]
  encoding_format?: string
  [key: string]: unknown
}

/**
 * The mock's embedding of a text: each word (Latin words, or single CJK characters) adds one to a slot chosen by its
 * hash, so texts that share words get similar vectors; deterministic, not normalized.
 */
export function mockEmbedding(text: string, dim = 64): number[] {
  const vector = new Array<number>(dim).fill(0)
  for (const word of text.toLowerCase().match(/[a-z0-9]+|[^\s\p{P}a-z0-9]/gu) ?? []) {
    let h = 2166136261
    for (let i = 0; i < word.length; i++) h = Math.imul(h ^ word.charCodeAt(i), 16777619)
    vector[(h >>> 0) % dim] += 1
  }
  vector[0] += 0.5
  return vector
}

/**
 * How the mock's batches behave: each batch moves validating → in_progress → finalizing → completed, one step per
 * `GET /v1/batches/:id` after `pollsPerStep` polls (default 1); each line is answered with `reply` as a chat request.
 */
export interface MockBatchOptions {
  /** A server without the files and batches API: 404 (as most local servers answer). */
  off?: boolean
  pollsPerStep?: number
  /** An error for this line instead of an answer (it goes to the error file), or null to answer it. */
  lineError?: (customId: string, body: ChatRequest) => { status: number; message: string } | null
  /** Lines answered twice in the output file (a provider's duplicate). */
  duplicate?: (customId: string) => boolean
  /** The batch ends 'expired' with these lines unanswered (they go to the error file). */
  expire?: (customId: string, body: ChatRequest) => boolean
}

/** A batch the mock holds, with its lines (what a test reads back). */
export interface MockBatch {
  id: string
  status: string
  inputFileId: string
  endpoint: string
  metadata: Record<string, string> | null
  lines: { custom_id: string; body: ChatRequest }[]
  polls: number
  outputFileId: string | null
  errorFileId: string | null
  completed: number
  failed: number
  /** Batches of this server not yet ended when this one was made. */
  openAtCreate: number
}

export type Fault =
  /** Answer with this status and body (a 200 with a broken body makes a malformed response). */
  | { status: number; body?: string; headers?: Record<string, string> }
  /** Destroy the socket without answering. */
  | { reset: true }
  /** Answer normally, but only after this long (to outlast a client's timeout). */
  | { delayMs: number }
  /** Never answer: no headers, until the client gives up. */
  | { hang: true }
  /** Streamed: send this many chunks, then nothing more until the client gives up (not streamed: a hang). */
  | { stallAfterChunks: number }

export type RandomFaultKind = '500' | '503' | '429' | 'not_json' | 'no_choices' | 'reset' | 'hang' | 'stall'

export interface ChatRequest {
  model: string
  messages: { role: string; content: string }[]
  [key: string]: unknown
}

/** A request to /v1/completions (a raw prompt); kept in `completions`, not in `requests`. */
export interface CompletionRequest {
  model: string
  prompt: string
  [key: string]: unknown
}

/** When a request was taken in and answered, on one counter shared by all requests (order, not wall-clock time). */
export interface RequestSpan {
  request: ChatRequest
  start: number
  /** null while it is open (or when it was never answered). */
  end: number | null
}

export async function startMockOpenAI(options: MockOptions = {}) {
  const requests: ChatRequest[] = []
  const completions: CompletionRequest[] = []
  const embeddings: EmbeddingRequest[] = []
  const spans: RequestSpan[] = []
  let tick = 0
  const stats = { calls: 0, active: 0, maxActive: 0, faults: 0, serving: 0, maxServing: 0, rateLimited: 0 }
  let capacity = options.capacity ?? Infinity
  const keep = options.keepRequests ?? true
  const randomFault = options.faultRate ? randomFaults(options.faultRate, options.faultKinds, options.seed ?? 1) : null
  /** Set: every request meets this fault (an outage), until cleared. */
  let outage: Fault | null = null
  let outageTimer: NodeJS.Timeout | undefined

  /**
   * A completions or embeddings request's unknown model (404), latency and injected fault (asked for after the
   * latency); true when it was answered here.
   */
  const refused = async (res: ServerResponse, model: string, faultOf: () => { status: number } | null) => {
    if (options.models && !options.models.includes(model)) {
      send(res, 404, { error: { message: `The model \`${model}\` does not exist.`, code: 'model_not_found' } })
      return true
    }
    if (options.latencyMs) await delay(options.latencyMs)
    const fault = faultOf()
    if (!fault) return false
    stats.faults++
    send(res, fault.status, { error: { message: `injected ${fault.status}` } })
    return true
  }

  const batchApi = mockBatchApi(options.batch ?? {})
  const server = createServer(async (req, res) => {
    stats.active++
    stats.maxActive = Math.max(stats.maxActive, stats.active)
    res.once('close', () => stats.active--)
    const raw = await read(req)
    const body = raw.toString('utf8')
    if (options.apiKey && req.headers.authorization !== `Bearer ${options.apiKey}`) {
      return send(res, 401, {
        error: { message: 'Incorrect API key provided.', type: 'invalid_request_error', code: 'invalid_api_key' },
      })
    }
    if (!options.batch?.off && (req.url?.startsWith('/v1/files') || req.url?.startsWith('/v1/batches')))
      return batchApi.handle(req, res, raw, options.reply)
    if (req.url === '/v1/completions' && req.method === 'POST') {
      const request = JSON.parse(body) as CompletionRequest
      const callIndex = stats.calls++
      if (keep) completions.push(request)
      if (await refused(res, request.model, () => options.completionFault?.(request, callIndex) ?? null)) return
      return send(res, 200, {
        id: `cmpl-${callIndex + 1}`,
        object: 'text_completion',
        created: Math.floor(Date.now() / 1000),
        model: request.model,
        choices: [
          {
            index: 0,
            text: untilStop(options.completion?.(request) ?? 'pong', request.stop),
            finish_reason: 'stop',
            logprobs: null,
          },
        ],
        usage: { prompt_tokens: 10, completion_tokens: 5, total_tokens: 15 },
      })
    }
    if (req.url === '/v1/embeddings' && req.method === 'POST') {
      const request = JSON.parse(body) as EmbeddingRequest
      const callIndex = stats.calls++
      if (keep) embeddings.push(request)
      if (await refused(res, request.model, () => options.embeddingFault?.(request, callIndex) ?? null)) return
      const inputs = Array.isArray(request.input) ? request.input : [request.input]
      const tokens = inputs.reduce((n, text) => n + Math.max(1, mockEmbedding(text, 1)[0] - 0.5), 0)
      return send(res, 200, {
        object: 'list',
        model: request.model,
        // Listed last to first: a client must place vectors by their index.
        data: inputs
          .map((text, index) => ({ object: 'embedding', index, embedding: mockEmbedding(text, options.embeddingDim) }))
          .reverse(),
        usage: { prompt_tokens: tokens, total_tokens: tokens },
      })
    }
    if (req.url !== '/v1/chat/completions' || req.method !== 'POST')
      return send(res, 404, { error: { message: 'Not found' } })
    const request = JSON.parse(body) as ChatRequest
    const callIndex = stats.calls++
    if (keep) {
      requests.push(request)
      const span: RequestSpan = { request, start: tick++, end: null }
      spans.push(span)
      res.once('finish', () => (span.end = tick++))
    }
    if (options.models && !options.models.includes(request.model)) {
      return send(res, 404, {
        error: { message: `The model \`${request.model}\` does not exist.`, code: 'model_not_found' },
      })
    }
    if (stats.serving >= capacity) {
      stats.rateLimited++
      res.writeHead(429, {
        'content-type': 'application/json',
        'retry-after-ms': '1',
        'x-ratelimit-remaining-requests': '0',
      })
      return res.end(JSON.stringify({ error: { message: 'rate limited: too many requests at once' } }))
    }
    stats.serving++
    stats.maxServing = Math.max(stats.maxServing, stats.serving)
    res.once('close', () => stats.serving--)
    if (options.outage && callIndex === options.outage.afterCalls) {
      outage = options.outage.fault ?? {
        status: 503,
        body: JSON.stringify({ error: { message: 'service unavailable' } }),
      }
      outageTimer = setTimeout(() => (outage = null), options.outage.durationMs)
    }
    if (options.latencyMs) await delay(options.latencyMs)
    await options.hold?.(request)
    let fault = outage ?? options.fault?.(request, callIndex) ?? null
    if (!fault && randomFault) fault = randomFault(request)
    if (fault) stats.faults++
    if (fault && 'reset' in fault) return req.socket.destroy()
    // Held open until the client gives up (or the server closes).
    if (fault && ('hang' in fault || ('stallAfterChunks' in fault && request.stream !== true))) return
    if (fault && 'delayMs' in fault) await delay(fault.delayMs)
    else if (fault && 'status' in fault) {
      res.writeHead(fault.status, { 'content-type': 'application/json', ...fault.headers })
      return res.end(fault.body ?? JSON.stringify({ error: { message: `injected ${fault.status}` } }))
    }
    if (res.destroyed) return
    const content = options.reply?.(request) ?? 'pong'
    const cached = options.cachedTokens?.(request) ?? null
    const usage = {
      prompt_tokens: 10,
      completion_tokens: 5,
      total_tokens: 15,
      ...(cached !== null && { prompt_tokens_details: { cached_tokens: cached } }),
    }
    const extra = options.answerHeaders?.(request) ?? {}
    if (request.stream === true) {
      const stall = fault && 'stallAfterChunks' in fault ? fault.stallAfterChunks : null
      return streamAnswer(res, request, content, `chatcmpl-${callIndex + 1}`, {
        chunkDelayMs: options.chunkDelayMs ?? 0,
        usage: (options.streamUsage ?? true) ? usage : null,
        stall,
        headers: extra,
      })
    }
    send(
      res,
      200,
      {
        id: `chatcmpl-${callIndex + 1}`,
        object: 'chat.completion',
        created: Math.floor(Date.now() / 1000),
        model: request.model,
        choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: 'stop' }],
        usage,
      },
      extra,
    )
  })
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve))
  const port = (server.address() as { port: number }).port
  return {
    baseURL: `http://127.0.0.1:${port}/v1`,
    requests,
    /** Kept requests to /v1/completions. */
    completions,
    /** Kept requests to /v1/embeddings. */
    embeddings,
    /** Each kept request's start and end on one counter: which requests were open together, and what came after. */
    spans,
    /**
     * calls: chat and completions requests seen; active/maxActive: open at once now / at most; faults: injected;
     * serving/maxServing: chat requests being answered now / at most (not those turned away by `capacity`);
     * rateLimited: turned away by `capacity`.
     */
    stats,
    port,
    /** The files uploaded (by id: purpose and text) and the batches made, in order. */
    files: batchApi.files,
    batches: batchApi.batches,
    /** Changes the rate limit (`capacity`; Infinity: none). */
    setCapacity(n: number) {
      capacity = n
    },
    /** Starts an outage (every request meets `fault`) or ends it (null). */
    setOutage(fault: Fault | null) {
      clearTimeout(outageTimer)
      outage = fault
    },
    close: () =>
      new Promise<void>(
        (resolve) => (clearTimeout(outageTimer), server.closeAllConnections(), server.close(() => resolve())),
      ),
  }
}

function randomFaults(
  rate: number,
  kinds: RandomFaultKind[] = ['500', '503', '429', 'not_json', 'no_choices', 'reset'],
  seed: number,
) {
  const sent = new Map<string, number>()
  return (request: ChatRequest): Fault | null => {
    const key = JSON.stringify(request.messages)
    const n = sent.get(key) ?? 0
    sent.set(key, n + 1)
    const random = mulberry32(fnv1a(key) ^ Math.imul(n + 1, 0x9e3779b1) ^ seed)
    return random() < rate ? faultOf(kinds[Math.floor(random() * kinds.length)]) : null
  }
}

function faultOf(kind: RandomFaultKind): Fault {
  switch (kind) {
    case '500':
      return { status: 500 }
    case '503':
      return { status: 503, body: JSON.stringify({ error: { message: 'overloaded' } }) }
    case '429':
      return {
        status: 429,
        headers: { 'retry-after-ms': '1' },
        body: JSON.stringify({ error: { message: 'rate limited' } }),
      }
    case 'not_json':
      return { status: 200, body: '<html>gateway hiccup</html>' }
    case 'no_choices':
      return { status: 200, body: JSON.stringify({ id: 'x', object: 'chat.completion', choices: [] }) }
    case 'reset':
      return { reset: true }
    case 'hang':
      return { hang: true }
    case 'stall':
      return { stallAfterChunks: 1 }
  }
}

function fnv1a(text: string): number {
  let hash = 0x811c9dc5
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193)
  return hash >>> 0
}

/** Small seeded generator, so a fault pattern repeats from run to run. */
function mulberry32(seed: number) {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const delay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms).unref())

function read(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => resolve(Buffer.concat(chunks)))
  })
}

const BATCH_STEPS = ['validating', 'in_progress', 'finalizing', 'completed'] as const

/** POST /v1/files (multipart), GET /v1/files/:id/content, POST /v1/batches, GET /v1/batches[/:id], cancel. */
function mockBatchApi(options: MockBatchOptions) {
  const files = new Map<string, { purpose: string; filename: string; text: string }>()
  const batches: MockBatch[] = []
  let nextId = 1
  const newFile = (purpose: string, filename: string, text: string) => {
    const id = `file-${nextId++}`
    files.set(id, { purpose, filename, text })
    return id
  }
  const fileObject = (id: string) => {
    const f = files.get(id)!
    return {
      id,
      object: 'file',
      bytes: Buffer.byteLength(f.text),
      created_at: 0,
      filename: f.filename,
      purpose: f.purpose,
      status: 'processed',
    }
  }
  const batchObject = (b: MockBatch) => ({
    id: b.id,
    object: 'batch',
    endpoint: b.endpoint,
    input_file_id: b.inputFileId,
    completion_window: '24h',
    status: b.status,
    output_file_id: b.outputFileId,
    error_file_id: b.errorFileId,
    created_at: 0,
    request_counts: { total: b.lines.length, completed: b.completed, failed: b.failed },
    metadata: b.metadata,
    errors: null,
  })
  /** Answers every line: the output file and the error file. */
  const finish = (b: MockBatch, reply: MockOptions['reply'], end: 'completed' | 'cancelled') => {
    const out: string[] = []
    const errors: string[] = []
    let expired = false
    for (const [i, line] of b.lines.entries()) {
      const request = line.body
      const failed = options.lineError?.(line.custom_id, request)
      const lost = end === 'cancelled' || options.expire?.(line.custom_id, request)
      if (lost || failed) {
        expired ||= !!options.expire?.(line.custom_id, request)
        const code = lost ? (end === 'cancelled' ? 'batch_cancelled' : 'batch_expired') : 'injected'
        errors.push(
          JSON.stringify({
            id: `batch_req_${i}`,
            custom_id: line.custom_id,
            response:
              failed && !lost ? { status_code: failed.status, body: { error: { message: failed.message } } } : null,
            error: lost ? { code, message: `request ${code}` } : null,
          }),
        )
        b.failed++
        continue
      }
      const answer = JSON.stringify({
        id: `batch_req_${i}`,
        custom_id: line.custom_id,
        response: {
          status_code: 200,
          request_id: `req_${i}`,
          body: {
            id: `chatcmpl-b${i}`,
            object: 'chat.completion',
            created: 0,
            model: request.model,
            choices: [
              { index: 0, message: { role: 'assistant', content: reply?.(request) ?? 'pong' }, finish_reason: 'stop' },
            ],
            usage: { prompt_tokens: 10, completion_tokens: 5, total_tokens: 15 },
          },
        },
        error: null,
      })
      out.push(answer)
      if (options.duplicate?.(line.custom_id)) out.push(answer)
      b.completed++
    }
    b.outputFileId = out.length ? newFile('batch_output', `${b.id}_output.jsonl`, out.join('\n') + '\n') : null
    b.errorFileId = errors.length ? newFile('batch_output', `${b.id}_error.jsonl`, errors.join('\n') + '\n') : null
    b.status = end === 'cancelled' ? 'cancelled' : expired ? 'expired' : 'completed'
  }

  async function handle(req: IncomingMessage, res: ServerResponse, raw: Buffer, reply: MockOptions['reply']) {
    const url = new URL(req.url!, 'http://mock')
    const parts = url.pathname.split('/').filter(Boolean) // v1, files|batches, id?, action?
    const [, what, id, action] = parts
    if (what === 'files' && req.method === 'POST' && !id) {
      // Parsed as a browser would: the Fetch API reads multipart bodies.
      const form = await new Request('http://mock/', {
        method: 'POST',
        headers: { 'content-type': String(req.headers['content-type']) },
        body: raw,
      }).formData()
      const file = form.get('file')
      if (!(file instanceof Blob)) return send(res, 400, { error: { message: 'file is required' } })
      const name = (file as File).name ?? 'upload.jsonl'
      return send(res, 200, fileObject(newFile(String(form.get('purpose')), name, await file.text())))
    }
    if (what === 'files' && req.method === 'GET' && id) {
      const f = files.get(id)
      if (!f) return send(res, 404, { error: { message: `No such file: ${id}` } })
      if (action === 'content') {
        res.writeHead(200, { 'content-type': 'application/octet-stream' })
        return res.end(f.text)
      }
      return send(res, 200, fileObject(id))
    }
    if (what === 'batches' && req.method === 'POST' && !id) {
      const input = JSON.parse(raw.toString('utf8')) as {
        input_file_id: string
        endpoint: string
        metadata?: Record<string, string>
      }
      const f = files.get(input.input_file_id)
      if (!f) return send(res, 400, { error: { message: `No such file: ${input.input_file_id}` } })
      const lines = f.text
        .split('\n')
        .filter((l) => l.trim())
        .map((l) => JSON.parse(l) as { custom_id: string; body: ChatRequest })
      const ids = new Set(lines.map((l) => l.custom_id))
      if (ids.size !== lines.length) return send(res, 400, { error: { message: 'custom_id values must be unique' } })
      const b: MockBatch = {
        id: `batch_${nextId++}`,
        status: 'validating',
        inputFileId: input.input_file_id,
        endpoint: input.endpoint,
        metadata: input.metadata ?? null,
        lines,
        polls: 0,
        outputFileId: null,
        errorFileId: null,
        completed: 0,
        failed: 0,
        openAtCreate: batches.filter((x) => !['completed', 'expired', 'cancelled', 'failed'].includes(x.status)).length,
      }
      batches.push(b)
      return send(res, 200, batchObject(b))
    }
    if (what === 'batches' && req.method === 'GET' && !id)
      return send(res, 200, { object: 'list', data: batches.map(batchObject).reverse(), has_more: false })
    const b = batches.find((x) => x.id === id)
    if (what === 'batches' && !b) return send(res, 404, { error: { message: `No such batch: ${id}` } })
    if (what === 'batches' && b && req.method === 'GET' && !action) {
      const step = BATCH_STEPS.indexOf(b.status as (typeof BATCH_STEPS)[number])
      if (step >= 0 && step < BATCH_STEPS.length - 1 && ++b.polls >= (options.pollsPerStep ?? 1)) {
        b.polls = 0
        if (BATCH_STEPS[step + 1] === 'completed') finish(b, reply, 'completed')
        else b.status = BATCH_STEPS[step + 1]
      }
      return send(res, 200, batchObject(b))
    }
    if (what === 'batches' && b && req.method === 'POST' && action === 'cancel') {
      if (!['completed', 'expired', 'cancelled', 'failed'].includes(b.status)) finish(b, reply, 'cancelled')
      return send(res, 200, batchObject(b))
    }
    return send(res, 404, { error: { message: 'Not found' } })
  }
  return { handle, files, batches }
}

/**
 * The reply as server-sent events: the role, the text in up to four pieces, the finish reason, usage if asked for,
 * [DONE].
 */
async function streamAnswer(
  res: ServerResponse,
  request: ChatRequest,
  content: string,
  id: string,
  how: { chunkDelayMs: number; usage: object | null; stall: number | null; headers?: Record<string, string> },
) {
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', ...how.headers })
  const created = Math.floor(Date.now() / 1000)
  const chunk = (choices: unknown[], extra: Record<string, unknown> = {}) =>
    `data: ${JSON.stringify({ id, object: 'chat.completion.chunk', created, model: request.model, choices, ...extra })}\n\n`
  const size = Math.max(1, Math.ceil(content.length / 4))
  const pieces = Array.from({ length: Math.ceil(content.length / size) }, (_, i) =>
    content.slice(i * size, (i + 1) * size),
  )
  const events = [
    chunk([{ index: 0, delta: { role: 'assistant', content: '' }, finish_reason: null }]),
    ...pieces.map((piece) => chunk([{ index: 0, delta: { content: piece }, finish_reason: null }])),
    chunk([{ index: 0, delta: {}, finish_reason: 'stop' }]),
  ]
  const options = request.stream_options as { include_usage?: boolean } | undefined
  if (how.usage && options?.include_usage) events.push(chunk([], { usage: how.usage }))
  events.push('data: [DONE]\n\n')
  for (let i = 0; i < events.length; i++) {
    if (res.destroyed) return
    // Stalled: the connection stays open with nothing more on it.
    if (how.stall !== null && i >= how.stall) return
    if (i > 0 && how.chunkDelayMs) await delay(how.chunkDelayMs)
    res.write(events[i])
  }
  res.end()
}

/** The text up to the first stop sequence, as a server cuts a completion. */
function untilStop(text: string, stop: unknown): string {
  const stops = Array.isArray(stop) ? stop : typeof stop === 'string' ? [stop] : []
  const cut = Math.min(...stops.map((s) => text.indexOf(String(s))).filter((i) => i >= 0), text.length)
  return text.slice(0, cut)
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  res.writeHead(status, { 'content-type': 'application/json', ...headers })
  res.end(JSON.stringify(body))
}
