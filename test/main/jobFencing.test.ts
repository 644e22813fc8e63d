import { afterEach, describe, expect, it } from 'vitest'
import Database from 'better-sqlite3'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { ArenaConfigInput } from '@shared/arena'
import type { ApiClient } from '@shared/api'
import type { App } from '../../src/main/app'
import { createLlmGateway } from '../../src/main/llm/gateway'
import { configureLogger } from '../../src/main/logger'
import { tempWorkspace, client } from '../support/workspace'
import { startMockOpenAI, type ChatRequest } from '../support/mockOpenAI'
import { scriptedCounseling } from '../support/scriptedCounseling'
import { arenaScript, scriptedArenaConfig } from '../support/arenaScript'
import { sessionsJsonl } from '../support/sessionsFixture'

let ws: ReturnType<typeof tempWorkspace>
const closers: (() => Promise<void> | void)[] = []
afterEach(async () => {
  for (const close of closers.splice(0)) await close()
  configureLogger({})
  await ws?.cleanup()
})

const b64 = (text: string) => Buffer.from(text).toString('base64')

/** A workspace whose log file `logs` reads, and a second connection to its file (another process's view). */
async function setup(reply: (request: ChatRequest) => string, latencyMs: number) {
  const mock = await startMockOpenAI({ reply, latencyMs })
  closers.push(mock.close)
  ws = tempWorkspace({
    gateway: (calls) => createLlmGateway({ calls, retry: { maxRetries: 3, baseDelayMs: 2, maxDelayMs: 10 } }),
  })
  const logFile = join(ws.dataDir, 'logs', 'workbench.log')
  configureLogger({ file: logFile, fileLevel: 'debug' })
  const logs = { text: () => readFileSync(logFile, 'utf8') }
  const app = ws.open()
  const api = client(app)
  const endpoint = await api.saveEndpoint({
    name: 'mock',
    baseURL: mock.baseURL,
    model: 'm',
    maxConcurrency: 4,
    timeoutMs: 5000,
  })
  const other = new Database(join(ws.dataDir, 'workspace.sqlite'))
  other.pragma('busy_timeout = 5000')
  closers.push(() => void other.close())
  return { app, api, endpoint, other, logs }
}

const until = async (check: () => boolean, ms = 20000) => {
  const end = Date.now() + ms
  while (!check()) {
    if (Date.now() > end) throw new Error('condition not reached in time')
    await new Promise((r) => setTimeout(r, 10))
  }
}

const count = (db: Database.Database, sql: string, ...args: unknown[]) =>
  (db
    .prepare(sql)
    .pluck()
    .get(...args) as number) ?? 0

/**
 * What another process does when it takes a job over after this one's heartbeat went stale:
 * it claims the row. Returns the job's stored state at that moment (`state` reads it).
 */
function takeOver<T>(
  other: Database.Database,
  table: 'runs' | 'evaluations' | 'arenas',
  id: string,
  state: () => T,
): T {
  return other
    .transaction(() => {
      other
        .prepare(`UPDATE ${table} SET owner = 'another-host:4242:b0a7b0a7', heartbeat_at = ? WHERE id = ?`)
        .run(new Date().toISOString(), id)
      return state()
    })
    .immediate()
}

/** `cards` test-pool role cards and an ALPHA-vs-BETA arena config refereed by the mock. */
async function arenaSetup(
  api: ApiClient,
  endpointId: string,
  o: { cards: number; maxTurns: number; perCombination: number },
): Promise<ArenaConfigInput> {
  for (let i = 0; i < o.cards; i++)
    await api.createRoleCard({ language: 'en', name: `P${i}`, pool: 'test', complaint: { body: `Problem ${i}` } })
  return scriptedArenaConfig(
    endpointId,
    ['ALPHA', 'BETA'],
    { kind: 'llm', endpointId },
    {
      maxTurns: o.maxTurns,
      dialoguesPerCombination: o.perCombination,
    },
  )
}

describe('fencing: a process that lost its job writes nothing more for it', () => {
  it('a run: no message or status from the old owner after the takeover, and it says so', async () => {
    const { app, api, endpoint, other, logs } = await setup(scriptedCounseling({ closeAtTurn: () => 30 }), 15)
    for (let i = 0; i < 3; i++)
      await api.createRoleCard({ language: 'en', name: `P${i}`, complaint: { body: `Problem ${i}` } })
    const defaults = await api.simulationDefaults()
    const config = {
      ...defaults,
      maxTurns: 30,
      concurrency: 3,
      client: { ...defaults.client, endpointId: endpoint.id },
      counselor: { ...defaults.counselor, endpointId: endpoint.id },
    }
    const run = await api.startRun({ name: 'taken over', cards: { query: {} }, config })
    const state = () => ({
      messages: count(
        other,
        'SELECT count(*) FROM messages m JOIN dialogues d ON d.id = m.dialogue_id WHERE d.run_id = ?',
        run.id,
      ),
      statuses: other
        .prepare('SELECT id, status, end_reason AS endReason FROM dialogues WHERE run_id = ? ORDER BY id')
        .all(run.id),
      run: other.prepare('SELECT status, owner FROM runs WHERE id = ?').get(run.id),
    })
    await until(() => state().messages >= 9)
    const atTakeover = takeOver(other, 'runs', run.id, state)

    await app.runner.waitFor(run.id)
    expect(app.runner.isActive(run.id)).toBe(false)
    expect(state()).toEqual(atTakeover)
    expect(atTakeover.run).toEqual({ status: 'running', owner: 'another-host:4242:b0a7b0a7' })
    expect(logs.text()).toMatch(/run .* was taken over by another workbench process/)
  })

  it('an evaluation: no judged unit and no final status from the old owner', async () => {
    const judge = () => 'They agree on the goals.\nFinal score: 5'
    const { app, api, endpoint, other, logs } = await setup(judge, 10)
    const { datasetId } = await api.importDataset({
      fileName: 'sessions.jsonl',
      contentBase64: b64(sessionsJsonl()),
      format: 'jsonl',
    })
    const started = await api.startEvaluation({
      kind: 'wai',
      datasetIds: [datasetId!],
      config: { endpointId: endpoint.id, rounds: 3, cache: false },
    })
    const state = () => ({
      units: count(other, 'SELECT count(*) FROM evaluation_items WHERE evaluation_id = ?', started.id),
      evaluation: other.prepare('SELECT status, result, error, owner FROM evaluations WHERE id = ?').get(started.id),
    })
    await until(() => state().units >= 10)
    const atTakeover = takeOver(other, 'evaluations', started.id, state)

    await app.evaluations.waitFor(started.id)
    expect(state()).toEqual(atTakeover)
    expect(atTakeover.units).toBeLessThan(4 * 3 * 12)
    expect(logs.text()).toMatch(/evaluation .* was taken over by another workbench process/)
  })

  it('an arena: no message, candidates, verdict or status from the old owner', async () => {
    const { app, api, endpoint, other, logs } = await setup(arenaScript({ preference: ['ALPHA', 'BETA'] }), 10)
    const config = await arenaSetup(api, endpoint.id, { cards: 4, maxTurns: 8, perCombination: 4 })
    const arena = await api.startArena({ name: 'taken over', config })
    const state = () => ({
      messages: count(
        other,
        'SELECT count(*) FROM arena_messages m JOIN arena_dialogues d ON d.id = m.dialogue_id WHERE d.arena_id = ?',
        arena.id,
      ),
      turns: other
        .prepare(
          'SELECT t.dialogue_id, t.turn, t.referee_status, t.choice FROM arena_turns t JOIN arena_dialogues d ON d.id = t.dialogue_id WHERE d.arena_id = ? ORDER BY 1, 2',
        )
        .all(arena.id),
      dialogues: other.prepare('SELECT id, status FROM arena_dialogues WHERE arena_id = ? ORDER BY id').all(arena.id),
      arena: other.prepare('SELECT status, owner FROM arenas WHERE id = ?').get(arena.id),
    })
    await until(() => state().turns.length >= 4)
    const atTakeover = takeOver(other, 'arenas', arena.id, state)

    await app.arena.waitFor(arena.id)
    expect(state()).toEqual(atTakeover)
    expect(logs.text()).toMatch(/arena .* was taken over by another workbench process/)
  })
})

/**
 * A trigger in the workspace notes every stored result whose LLM call is not in the call log
 * at that moment: after a kill -9 such a result would stay without its call forever.
 */
function watchOrphans(other: Database.Database) {
  other.exec(`
    CREATE TABLE test_orphans (what TEXT NOT NULL);
    CREATE TRIGGER test_unit_without_call AFTER INSERT ON evaluation_items
      WHEN (SELECT count(*) FROM llm_calls WHERE job_id = NEW.evaluation_id AND dialogue_id = NEW.dialogue_id)
         < (SELECT count(*) FROM evaluation_items WHERE evaluation_id = NEW.evaluation_id AND dialogue_id = NEW.dialogue_id)
      BEGIN INSERT INTO test_orphans VALUES ('unit ' || NEW.item_key); END;
    CREATE TRIGGER test_verdict_without_call AFTER UPDATE OF referee_status ON arena_turns
      WHEN NEW.decided_by = 'llm' AND (SELECT count(*) FROM llm_calls WHERE dialogue_id = NEW.dialogue_id AND purpose = 'referee')
         < (SELECT count(*) FROM arena_turns WHERE dialogue_id = NEW.dialogue_id AND decided_by = 'llm')
      BEGIN INSERT INTO test_orphans VALUES ('verdict ' || NEW.dialogue_id || ' turn ' || NEW.turn); END;
    CREATE TRIGGER test_candidates_without_calls AFTER INSERT ON arena_turns
      WHEN (SELECT count(*) FROM llm_calls WHERE dialogue_id = NEW.dialogue_id AND purpose LIKE 'counselor%')
         < (SELECT count(*) FROM arena_turns WHERE dialogue_id = NEW.dialogue_id) * json_array_length(NEW.candidates)
      BEGIN INSERT INTO test_orphans VALUES ('candidates ' || NEW.dialogue_id || ' turn ' || NEW.turn); END;
  `)
  return () => other.prepare('SELECT what FROM test_orphans').pluck().all() as string[]
}

describe('a stored result and the LLM call that produced it', () => {
  it('every judged unit is stored with (or after) its call-log row', async () => {
    const { app, api, endpoint, other } = await setup(() => 'They agree on the goals.\nFinal score: 5', 2)
    const orphans = watchOrphans(other)
    const { datasetId } = await api.importDataset({
      fileName: 'sessions.jsonl',
      contentBase64: b64(sessionsJsonl()),
      format: 'jsonl',
    })
    const started = await api.startEvaluation({
      kind: 'wai',
      datasetIds: [datasetId!],
      config: { endpointId: endpoint.id, rounds: 2, cache: false },
    })
    await app.evaluations.waitFor(started.id)
    expect((await api.getEvaluation({ id: started.id })).status).toBe('completed')
    expect(count(other, 'SELECT count(*) FROM evaluation_items WHERE evaluation_id = ?', started.id)).toBe(4 * 2 * 12)
    expect(orphans()).toEqual([])
  })

  it('every arena verdict and set of candidates is stored with (or after) its call-log rows', async () => {
    const { app, api, endpoint, other } = await setup(arenaScript({ preference: ['ALPHA', 'BETA'] }), 2)
    const orphans = watchOrphans(other)
    const config = await arenaSetup(api, endpoint.id, { cards: 2, maxTurns: 3, perCombination: 2 })
    const arena = await api.startArena({ name: 'logged', config })
    await (app as App).arena.waitFor(arena.id)
    const done = await api.getArena({ id: arena.id })
    expect(done.status).toBe('completed')
    expect(done.turns).toBeGreaterThan(0)
    expect(orphans()).toEqual([])
  })
})
