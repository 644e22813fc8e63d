import { availableParallelism } from 'node:os'
import { stat } from 'node:fs/promises'
import OpenAI from 'openai'
import type { ChatHistoryItem, Llama, LlamaChat, LlamaModel } from 'node-llama-cpp'
import { LOCAL_BASE_URL, type LocalModelSettings } from '@shared/endpoint'
import { log } from '../logger'

/**
 * The in-process model runtime behind endpoints of kind 'local': a GGUF file run by node-llama-cpp (llama.cpp's
 * prebuilt binaries from npm). It speaks the OpenAI wire protocol through a `fetch` function, so the gateway calls it
 * like any server — same attempts, timeouts, call log and concurrency limit — and streaming and cancellation (the
 * request's AbortSignal) work the same way. Nothing goes over the network.
 *
 * Loading and generating run on llama.cpp's own threads (the JS thread only awaits them). A model loads once per
 * settings and stays loaded; each of its sequences (one per request in flight) keeps its own context.
 */

type NodeLlamaCpp = typeof import('node-llama-cpp')

/** What one request needs: the file, its settings, and how many requests may run at once. */
export interface LocalModelTarget extends LocalModelSettings {
  sequences: number
}

/** At most this many requests run at once on one local model (each sequence holds a context of its own). */
const MAX_SEQUENCES = 16

/** What a local endpoint runs: its model settings, one sequence per request it lets run at once. */
export const localTarget = (endpoint: { local: LocalModelSettings; maxConcurrency: number }): LocalModelTarget => ({
  ...endpoint.local,
  sequences: Math.min(MAX_SEQUENCES, Math.max(1, endpoint.maxConcurrency)),
})

const clients = new Map<string, OpenAI>()

/** The SDK client the gateway sends a local endpoint's requests through (in process, never over the network). */
export function localModelClient(target: LocalModelTarget): OpenAI {
  const key = keyOf(target)
  let found = clients.get(key)
  if (!found) {
    found = new OpenAI({
      baseURL: LOCAL_BASE_URL,
      apiKey: 'local',
      maxRetries: 0,
      fetch: localModelFetch(target),
      organization: null,
      project: null,
    })
    clients.set(key, found)
  }
  return found
}

/** Sequences held by requests, and the requests waiting for one. */
interface LoadedModel {
  model: LlamaModel
  free: LlamaChat[]
  waiting: ((chat: LlamaChat) => void)[]
  contextSize: number
  loadMs: number
}

let library: Promise<NodeLlamaCpp> | null = null
const runtimes = new Map<string, Promise<Llama>>()
const models = new Map<string, Promise<LoadedModel>>()

/** node-llama-cpp is loaded on first use only: an app without local endpoints never pays for it. */
const nodeLlamaCpp = () => (library ??= import('node-llama-cpp'))

/** Threads by default: all cores but one, so the app (and the machine) stay responsive. */
export const defaultThreads = () => Math.max(1, availableParallelism() - 1)

function runtime(gpu: boolean): Promise<Llama> {
  const key = gpu ? 'gpu' : 'cpu'
  let found = runtimes.get(key)
  if (!found) {
    // build 'never': only the prebuilt binaries that came with npm; nothing is compiled or downloaded at run time.
    found = nodeLlamaCpp().then(({ getLlama, LlamaLogLevel }) =>
      getLlama({
        gpu: gpu ? 'auto' : false,
        build: 'never',
        progressLogs: false,
        logLevel: LlamaLogLevel.error,
        logger: (_level, message) => log.warn(`[llama.cpp] ${message.trim()}`),
      }),
    )
    found.catch(() => runtimes.delete(key))
    runtimes.set(key, found)
  }
  return found
}

/** A model file problem said so a user can act on it. */
export class LocalModelError extends Error {}

async function checkFile(path: string) {
  let info
  try {
    info = await stat(path)
  } catch {
    throw new LocalModelError(`the model file ${path} does not exist (choose a .gguf file on this machine)`)
  }
  if (!info.isFile()) throw new LocalModelError(`${path} is not a file (choose a .gguf file)`)
}

async function load(target: LocalModelTarget): Promise<LoadedModel> {
  await checkFile(target.modelPath)
  const started = performance.now()
  const llama = await runtime(target.gpuLayers > 0)
  let model: LlamaModel
  try {
    model = await llama.loadModel({ modelPath: target.modelPath, gpuLayers: target.gpuLayers })
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error)
    throw new LocalModelError(`${target.modelPath} could not be loaded as a GGUF model: ${why}`)
  }
  try {
    const context = await model.createContext({
      contextSize: Math.min(target.contextSize, model.trainContextSize),
      sequences: target.sequences,
      threads: target.threads ?? defaultThreads(),
    })
    const { LlamaChat } = await nodeLlamaCpp()
    const free = Array.from(
      { length: target.sequences },
      () => new LlamaChat({ contextSequence: context.getSequence() }),
    )
    const loadMs = Math.round(performance.now() - started)
    log.info(`local model ${target.modelPath} loaded in ${loadMs} ms (context ${context.contextSize} tokens)`)
    return { model, free, waiting: [], contextSize: context.contextSize, loadMs }
  } catch (error) {
    await model.dispose()
    const why = error instanceof Error ? error.message : String(error)
    throw new LocalModelError(`${target.modelPath}: no context of ${target.contextSize} tokens could be made: ${why}`)
  }
}

const keyOf = (t: LocalModelTarget) => JSON.stringify([t.modelPath, t.contextSize, t.threads, t.gpuLayers, t.sequences])

/** The loaded model for these settings (loading it once; a failed load is tried again next time). */
export function loadLocalModel(target: LocalModelTarget): Promise<LoadedModel> {
  const key = keyOf(target)
  let found = models.get(key)
  if (!found) {
    found = load(target)
    found.catch(() => models.delete(key))
    models.set(key, found)
  }
  return found
}

/** Unloads every model (tests, app exit). */
export async function unloadLocalModels(): Promise<void> {
  const loaded = [...models.values()]
  models.clear()
  for (const entry of loaded) {
    const m = await entry.catch(() => null)
    await m?.model.dispose()
  }
}

function acquire(loaded: LoadedModel, signal: AbortSignal | undefined): Promise<LlamaChat> {
  const chat = loaded.free.pop()
  if (chat) return Promise.resolve(chat)
  return new Promise((resolve, reject) => {
    const take = (c: LlamaChat) => {
      signal?.removeEventListener('abort', onAbort)
      resolve(c)
    }
    const onAbort = () => {
      loaded.waiting.splice(loaded.waiting.indexOf(take), 1)
      reject(signal?.reason ?? new Error('aborted'))
    }
    signal?.addEventListener('abort', onAbort, { once: true })
    loaded.waiting.push(take)
  })
}

function release(loaded: LoadedModel, chat: LlamaChat) {
  const next = loaded.waiting.shift()
  if (next) next(chat)
  else loaded.free.push(chat)
}

interface WireRequest {
  model?: string
  messages?: { role?: string; content?: unknown }[]
  temperature?: number | null
  top_p?: number | null
  max_tokens?: number | null
  seed?: number | null
  stream?: boolean
}

/** The OpenAI chat messages as node-llama-cpp's history, ending with the (empty) reply to write. */
function historyOf(messages: NonNullable<WireRequest['messages']>): ChatHistoryItem[] {
  const history: ChatHistoryItem[] = messages.map((m) => {
    const text = typeof m.content === 'string' ? m.content : JSON.stringify(m.content ?? '')
    if (m.role === 'system') return { type: 'system', text }
    if (m.role === 'assistant') return { type: 'model', response: [text] }
    return { type: 'user', text }
  })
  const last = history.at(-1)
  // A conversation that ends with the model's own turn is continued; otherwise a new reply starts.
  if (last?.type !== 'model') history.push({ type: 'model', response: [] })
  return history
}

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } })
const failure = (status: number, message: string) => json(status, { error: { message, type: 'local_model' } })

/**
 * A `fetch` for the OpenAI SDK that answers `POST …/chat/completions` from the local model (streamed as server-sent
 * events when asked). A missing or unreadable model file is a 400 whose message names the file.
 */
export function localModelFetch(target: LocalModelTarget): typeof fetch {
  return async (input, init) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url
    if (!/\/chat\/completions$/.test(new URL(url).pathname))
      return failure(404, 'a local model answers chat completions only')
    let request: WireRequest
    try {
      request = JSON.parse(String(init?.body ?? '')) as WireRequest
    } catch {
      return failure(400, 'the request body is not JSON')
    }
    if (!Array.isArray(request.messages) || request.messages.length === 0)
      return failure(400, 'the request has no messages')
    const signal = init?.signal ?? undefined
    let loaded: LoadedModel
    try {
      loaded = await loadLocalModel(target)
    } catch (error) {
      if (error instanceof LocalModelError) return failure(400, `local model: ${error.message}`)
      throw error
    }
    signal?.throwIfAborted()
    const chat = await acquire(loaded, signal)
    const history = historyOf(request.messages)
    const model = request.model ?? target.modelPath
    const promptTokens = chat.chatWrapper
      .generateContextState({ chatHistory: history })
      .contextText.tokenize(loaded.model.tokenizer).length
    // Tokens sampled for this reply, from the sequence's meter.
    const meter = chat.sequence.tokenMeter
    const outputBefore = meter.usedOutputTokens
    let completionTokens = 0
    const generate = async (onText: (text: string) => void) => {
      const result = await chat.generateResponse(history, {
        signal,
        maxTokens: request.max_tokens ?? undefined,
        temperature: request.temperature ?? undefined,
        topP: request.top_p ?? undefined,
        seed: request.seed ?? undefined,
        onTextChunk: onText,
      })
      completionTokens = meter.usedOutputTokens - outputBefore
      return result
    }
    const finishOf = (reason: string | undefined) => (reason === 'maxTokens' ? 'length' : 'stop')
    const usage = () => ({ prompt_tokens: promptTokens, completion_tokens: completionTokens })

    if (!request.stream) {
      try {
        const result = await generate(() => {})
        return json(200, {
          object: 'chat.completion',
          model,
          choices: [
            {
              index: 0,
              message: { role: 'assistant', content: result.response },
              finish_reason: finishOf(result.metadata.stopReason),
            },
          ],
          usage: usage(),
        })
      } finally {
        release(loaded, chat)
      }
    }

    const encoder = new TextEncoder()
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        const send = (data: unknown) => controller.enqueue(encoder.encode(`data: ${JSON.stringify(data)}\n\n`))
        const chunk = (delta: object, finish: string | null) =>
          send({ object: 'chat.completion.chunk', model, choices: [{ index: 0, delta, finish_reason: finish }] })
        chunk({ role: 'assistant', content: '' }, null)
        generate((text) => chunk({ content: text }, null))
          .then((result) => {
            chunk({}, finishOf(result.metadata.stopReason))
            send({ object: 'chat.completion.chunk', model, choices: [], usage: usage() })
            controller.enqueue(encoder.encode('data: [DONE]\n\n'))
            controller.close()
          })
          .catch((error: unknown) => controller.error(error))
          .finally(() => release(loaded, chat))
      },
    })
    return new Response(body, { status: 200, headers: { 'content-type': 'text/event-stream' } })
  }
}
