import { afterEach, describe, expect, it } from 'vitest'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { createClient } from '@shared/client'
import { WorkbenchError, type Envelope } from '@shared/errors'
import { formatMessage, wordMessage } from '@shared/messages'
import { plural } from '@shared/plural'
import { startHttpServer, type HttpServerHandle } from '../../src/main/http/httpServer'
import { client, tempWorkspace } from '../support/workspace'

let ws: ReturnType<typeof tempWorkspace> | null = null
let server: HttpServerHandle | null = null
afterEach(async () => {
  await server?.close()
  server = null
  await ws?.cleanup()
  ws = null
})

describe('plural()', () => {
  it('says "1 dialogue" and "0 / 2 / 1000 dialogues"', () => {
    expect(plural(1, 'dialogue', 'dialogues')).toBe('1 dialogue')
    expect(plural(0, 'dialogue', 'dialogues')).toBe('0 dialogues')
    expect(plural(2, 'call', 'calls')).toBe('2 calls')
    expect(plural(1000, 'token', 'tokens')).toBe('1000 tokens')
    expect(plural(1.5, 'token', 'tokens')).toBe('1.5 tokens')
  })

  it('picks a keyed message’s _one / _other form by its count, in English and Chinese', () => {
    expect(formatMessage('files.importProblems', { file: 'a.csv', count: 1 })).toBe(
      'a.csv: 1 problem found; nothing was imported.',
    )
    expect(formatMessage('files.importProblems', { file: 'a.csv', count: 3 })).toBe(
      'a.csv: 3 problems found; nothing was imported.',
    )
    expect(wordMessage('zh', 'files.importProblems', { file: 'a.csv', count: 1 })).toBe(
      'a.csv：发现 1 个问题，未导入任何内容。',
    )
  })
})

async function serve() {
  ws = tempWorkspace()
  const app = ws.open()
  server = await startHttpServer({ dispatch: app.dispatch, events: app.events, staticDir: ws.dataDir, token: 'tok' })
  const origin = server.origin
  const call = async (method: string, input: unknown) =>
    (await (
      await fetch(`${origin}/api/${method}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: 'Bearer tok' },
        body: JSON.stringify(input),
      })
    ).json()) as Envelope
  return { app, call }
}

describe('keyed errors through the HTTP envelope', () => {
  it('a service error keeps its key and parameters, and the client rebuilds them', async () => {
    const { call } = await serve()
    const envelope = await call('renameDataset', { id: 'gone', name: 'x' })
    expect(envelope).toEqual({
      ok: false,
      error: {
        code: 'not_found',
        message: 'No dataset with id gone.',
        key: 'datasets.notFound',
        params: { id: 'gone' },
      },
    })
    const error = await createClient(call)
      .renameDataset({ id: 'gone', name: 'x' })
      .catch((e: unknown) => e)
    expect(error).toBeInstanceOf(WorkbenchError)
    expect(error).toMatchObject({ code: 'not_found', key: 'datasets.notFound', params: { id: 'gone' } })
    expect((error as Error).message).toBe('No dataset with id gone.')
  })

  it('a validation error keys each issue by its kind (with its limit), next to its path and English message', async () => {
    const { call } = await serve()
    const envelope = await call('renameDataset', { name: 'x'.repeat(201) })
    expect(envelope.ok).toBe(false)
    if (envelope.ok) return
    expect(envelope.error.code).toBe('invalid_input')
    expect(envelope.error.message).toBe('id: is required; name: must be at most 200 characters long')
    expect(envelope.error.details).toEqual({
      issues: [
        { path: ['id'], message: 'is required', key: 'validation.required', params: {} },
        {
          path: ['name'],
          message: 'must be at most 200 characters long',
          key: 'validation.tooLong',
          params: { count: 200 },
        },
      ],
    })
    // The input is not echoed back.
    expect(JSON.stringify(envelope)).not.toContain('x'.repeat(201))
  })

  it('a schema’s own wording stays as it is, without a key', async () => {
    const { call } = await serve()
    const envelope = await call('createRoleCard', { language: 'fr' })
    if (envelope.ok) throw new Error('expected a validation error')
    const issues = (envelope.error.details as { issues: { path: string[]; key?: string; message: string }[] }).issues
    const language = issues.find((i) => i.path.join('.') === 'language')!
    expect(language).toEqual({ path: ['language'], message: 'must be "zh" or "en"' })
  })
})

describe('generated names in the requester’s language', () => {
  const native = readFileSync(join(import.meta.dirname, '../fixtures/datasets/native.jsonl'))

  it('a dataset saved from a selection is named and described in the interface language the request gives', async () => {
    ws = tempWorkspace()
    const api = client(ws.open())
    const from = await api.importDataset({
      fileName: 'native.jsonl',
      contentBase64: native.toString('base64'),
      name: 'Native',
    })
    const source = (await api.listDatasets()).find((d) => d.id === from.datasetId)!
    const zh = await api.createDatasetFromSelection({ query: { datasetId: source.id }, name: '', language: 'zh' })
    const n = source.dialogueCount
    // The query as the contract fills it in.
    const filters = JSON.stringify({ datasetId: source.id, text: '', sort: 'created', order: 'asc' })
    expect(zh.name).toBe('Native（筛选）')
    expect(zh.source).toBe('从 Native 筛选')
    expect(zh.description).toBe(`从 "Native"（${source.id}）的 ${n} 段对话中按 ${filters} 选出的 ${n} 段`)
    const en = await api.createDatasetFromSelection({ query: { datasetId: source.id }, name: '' })
    expect(en.name).toBe('Native (selection)')
    expect(en.source).toBe('selection of Native')
    expect(en.description).toBe(`${n} of ${n} dialogues of "Native" (${source.id}) selected by ${filters}`)
  })
})
