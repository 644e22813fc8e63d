import OpenAI from 'openai'
import type { ConnectionCheck, LocalModelSettings } from '@shared/endpoint'
import { attemptOnce, type AttemptLimits } from './attempt'
import type { AttemptFailure } from './errors'
import { keepAliveFetch } from './keepAliveFetch'
import { localModelClient, localTarget } from './localModel'
import { registerSecret } from '../logger'

/** An endpoint to try, saved or a draft: asked the way the gateway will ask it (streamed or not, same timeouts). */
export interface ConnectionTarget extends AttemptLimits {
  baseURL: string
  model: string
  apiKey: string
  maxConcurrency?: number
  /** A local model (kind 'local'): loaded and asked in this process. */
  local?: LocalModelSettings | null
}

/** One tiny chat request, asked as the gateway would ask it (streamed or not, same timeouts). */
const ping = (client: OpenAI, target: ConnectionTarget) =>
  attemptOnce(
    client,
    { model: target.model, messages: [{ role: 'user', content: 'ping' }], max_tokens: 1 },
    target,
    undefined,
  )

/** A local model answers a one-token chat: it loads (or is loaded already), its template works, it generates. */
async function checkLocal(target: ConnectionTarget, local: LocalModelSettings): Promise<ConnectionCheck> {
  const outcome = await ping(
    localModelClient(localTarget({ local, maxConcurrency: target.maxConcurrency ?? 1 })),
    target,
  )
  if (outcome.ok)
    return {
      ok: true,
      kind: 'ok',
      message: `The local model ${local.modelPath} answered in ${outcome.latencyMs} ms (a first check also loads the model).`,
      latencyMs: outcome.latencyMs,
    }
  const f = outcome.failure
  return {
    ok: false,
    kind: f.kind === 'timeout' ? 'timeout' : 'bad_response',
    message: f.detail || f.headline,
    latencyMs: outcome.latencyMs,
  }
}

/**
 * One tiny chat completion through the same attempt and failure classification
 * the gateway uses, with the failure said in a way a user can act on. No
 * retries: a check should answer fast.
 */
export async function checkConnection(target: ConnectionTarget): Promise<ConnectionCheck> {
  if (target.local) return checkLocal(target, target.local)
  let url: URL
  try {
    url = new URL(target.baseURL)
    if (!/^https?:$/.test(url.protocol)) throw new Error()
  } catch {
    return { ok: false, kind: 'bad_url', message: `"${target.baseURL}" is not an http(s) URL.`, latencyMs: 0 }
  }
  registerSecret(target.apiKey)
  // Local servers (vLLM, Ollama) accept any key; the SDK insists on one.
  const client = new OpenAI({
    baseURL: target.baseURL,
    apiKey: target.apiKey || 'no-key',
    maxRetries: 0,
    fetch: keepAliveFetch,
  })
  const outcome = await ping(client, target)
  if (outcome.ok)
    return {
      ok: true,
      kind: 'ok',
      message: `Connected: ${target.model} answered in ${outcome.latencyMs} ms.`,
      latencyMs: outcome.latencyMs,
    }
  return { ...describe(outcome.failure, target, url), latencyMs: outcome.latencyMs }
}

/**
 * Checks the endpoint's base URL and each replica's (same model and limits, each with its key), all at once. The first
 * failure is returned, naming its base URL when there are several; else one line for all of them.
 */
export async function checkPool(
  target: ConnectionTarget,
  replicas: { baseURL: string; apiKey: string }[],
): Promise<ConnectionCheck> {
  if (replicas.length === 0) return checkConnection(target)
  const targets = [target, ...replicas.map((r) => ({ ...target, baseURL: r.baseURL, apiKey: r.apiKey }))]
  const checks = await Promise.all(targets.map(checkConnection))
  const failed = checks.findIndex((c) => !c.ok)
  if (failed >= 0) return { ...checks[failed], message: `${targets[failed].baseURL}: ${checks[failed].message}` }
  const slowest = Math.max(...checks.map((c) => c.latencyMs))
  return {
    ok: true,
    kind: 'ok',
    message: `Connected: ${target.model} answered at all ${targets.length} base URLs (the slowest in ${slowest} ms).`,
    latencyMs: slowest,
  }
}

function describe(f: AttemptFailure, target: ConnectionTarget, url: URL): Omit<ConnectionCheck, 'latencyMs'> {
  const status = f.status
  switch (f.kind) {
    case 'timeout':
      return { ok: false, kind: 'timeout', message: `No answer from ${url.host} within ${target.timeoutMs / 1000} s.` }
    case 'network': {
      const why =
        f.detail === 'ENOTFOUND'
          ? 'the host name does not resolve'
          : f.detail === 'ECONNREFUSED'
            ? 'the connection was refused (is the server running?)'
            : f.detail
      return { ok: false, kind: 'network', message: `Cannot reach ${url.host}: ${why}.` }
    }
    case 'unauthorized':
      return {
        ok: false,
        kind: 'unauthorized',
        status,
        message: `The server refused the API key (HTTP ${status}). Check the key. ${f.detail}`.trim(),
      }
    case 'not_found':
      return /model/i.test(f.detail)
        ? {
            ok: false,
            kind: 'model_not_found',
            status,
            message: `The server does not know the model "${target.model}" (HTTP 404). ${f.detail}`,
          }
        : {
            ok: false,
            kind: 'bad_url',
            status,
            message: `Nothing at ${target.baseURL}/chat/completions (HTTP 404). The base URL usually ends in /v1.`,
          }
    case 'malformed':
      return {
        ok: false,
        kind: 'bad_response',
        message: `The server answered, but not with an OpenAI-style chat completion (${f.detail}). Check the base URL (it usually ends in /v1).`,
      }
    default:
      return {
        ok: false,
        kind: 'http_error',
        status,
        message: `The server answered ${f.headline}${f.detail ? `: ${f.detail}` : ''}`,
      }
  }
}
