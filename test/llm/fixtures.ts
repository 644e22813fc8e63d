import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { openDatabase, type Db } from '../../src/main/db/connection'
import { llmCallRepo } from '../../src/main/db/llmCallRepo'
import type { EndpointSecret } from '../../src/main/llm/endpointService'

export const SECRET = 'sk-gateway-test-9c1d2e3f4a5b6c7d8e9f'

export function testEndpoint(baseURL: string, over: Partial<EndpointSecret> = {}): EndpointSecret {
  return {
    id: 'ep-mock',
    name: 'mock',
    baseURL,
    model: 'qwen2-7b',
    hasKey: true,
    apiKey: SECRET,
    temperature: 0.7,
    topP: 0.9,
    maxTokens: 256,
    timeoutMs: 5000,
    stream: true,
    firstByteTimeoutMs: 30000,
    idleTimeoutMs: 15000,
    maxConcurrency: 8,
    priceInput: 1,
    priceOutput: 2,
    priceCachedInput: null,
    rpm: null,
    tpm: null,
    currency: 'USD',
    updatedAt: '2025-01-01T00:00:00.000Z',
    ...over,
  }
}

/** A real workspace database file in a temp folder, with the call log over it. */
export function tempCallLog() {
  const dir = mkdtempSync(join(tmpdir(), 'simpsy-llm-'))
  const file = join(dir, 'workspace.sqlite')
  const db: Db = openDatabase(file)
  const repo = llmCallRepo(db)
  return {
    db,
    file,
    repo,
    rows: () => {
      repo.flush()
      return db.prepare('SELECT * FROM llm_calls ORDER BY id').all() as Record<string, unknown>[]
    },
    cleanup() {
      repo.flush()
      db.close()
      rmSync(dir, { recursive: true, force: true })
    },
  }
}

/**
 * Resolves once `condition` holds, looking again after each turn of the event loop (no timers, so fake ones do not
 * matter).
 */
export async function until(condition: () => boolean) {
  while (!condition()) await new Promise((resolve) => setImmediate(resolve))
}

/** One user message. */
export const ask = (content: string) => [{ role: 'user' as const, content }]
