/**
 * How long a human annotator waits between a vote and the next turn, against the mock LLM server in a child process
 * (latency L per call). The minimum is two round trips, 2 L: the client's next line, then the k contestants at once.
 * Three ways of waiting, each over one dialogue of T turns, the annotator reading R ms before each vote:
 *   - polling every 1.5 s (the annotation view before the waiting request);
 *   - one request that waits for the turn (nextAnnotation with waitMs);
 *   - the same with the client's lines prepared while the annotator reads (prefetch): the floor is then L.
 * Run: npm run bench:arena (after the arena throughput) or
 *      npx tsx bench/annotationWait.bench.ts [--latency 200 --turns 10 --read 1000]
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { AnnotationState } from '@shared/arena'
import { createApp } from '../src/main/app'
import { keyFileSecretBox } from '../src/main/secrets/secretBox'
import { createClient } from '../src/shared/client'
import { scriptedArenaConfig } from '../test/support/arenaScript'
import { arg } from './args'
import { startMockProcess } from './mockProcess'

const LATENCY = arg('latency', 200)
const TURNS = arg('turns', 10)
const READ_MS = arg('read', 1000)
const NAMES = ['ALPHA', 'BETA']
const POLL_MS = 1500

type Mode = 'poll 1.5 s' | 'waiting request' | 'waiting request + prefetch'
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))
const quantile = (xs: number[], q: number) => [...xs].sort((a, b) => a - b)[Math.floor(q * (xs.length - 1))]

const mock = await startMockProcess({ latencyMs: LATENCY, arenaPreference: NAMES })
const dataDir = mkdtempSync(join(tmpdir(), 'simpsy-annotation-bench-'))
const app = createApp({ dataDir, mode: 'cli', secrets: keyFileSecretBox(dataDir, {}), seedExamples: false })
const api = createClient(app.dispatch)
try {
  await api.createRoleCard({ language: 'en', name: 'P', pool: 'test', complaint: { body: 'I cannot sleep.' } })
  const endpoint = await api.saveEndpoint({ name: 'mock', baseURL: mock.baseURL, model: 'mock', timeoutMs: 60000 })
  const minimum = 2 * LATENCY
  console.log(
    `annotation wait, latency ${LATENCY} ms, ${TURNS} turns, k = 2, reading ${READ_MS} ms before each vote; ` +
      `minimum ${minimum} ms (client, then contestants)`,
  )
  for (const mode of ['poll 1.5 s', 'waiting request', 'waiting request + prefetch'] as Mode[]) {
    const arena = await api.startArena({
      name: mode,
      config: scriptedArenaConfig(
        endpoint.id,
        NAMES,
        { kind: 'human', prefetch: mode.endsWith('prefetch') },
        { dialoguesPerCombination: 1, maxTurns: TURNS, termination: { zh: [], en: [] } },
      ),
    })
    const who = { arenaId: arena.id, annotator: 'bench' }
    const next = async (): Promise<AnnotationState> => {
      if (mode !== 'poll 1.5 s') return api.nextAnnotation({ ...who, waitMs: 20_000 })
      for (;;) {
        const state = await api.nextAnnotation(who)
        if (state.task || state.done || !state.preparing) return state
        await sleep(POLL_MS)
      }
    }
    const waits: number[] = []
    let state = await next()
    while (state.task) {
      await sleep(READ_MS)
      const voted = performance.now()
      await api.submitVote({ ...who, dialogueId: state.task.dialogueId, turn: state.task.turn, choice: 0 })
      state = await next()
      if (state.task) waits.push(performance.now() - voted)
    }
    const median = quantile(waits, 0.5)
    console.log(
      `  ${mode.padEnd(27)} median ${median.toFixed(0)} ms, p90 ${quantile(waits, 0.9).toFixed(0)} ms over ` +
        `${waits.length} turns: ${(median / minimum).toFixed(2)} x the minimum`,
    )
  }
} finally {
  await app.close()
  mock.stop()
  rmSync(dataDir, { recursive: true, force: true })
}
