import { afterEach, describe, expect, it } from 'vitest'
import type { Envelope } from '@shared/errors'
import type { RaterStudyView } from '@shared/study'
import type { HttpServerHandle } from '../../src/main/http/httpServer'
import { startLinkServer } from '../support/linkServer'
import { createLlmGateway } from '../../src/main/llm/gateway'
import { tempWorkspace, client } from '../support/workspace'
import { startMockOpenAI, type ChatRequest } from '../support/mockOpenAI'
import { addMethodDatasets } from '../support/studyFixture'

let ws: ReturnType<typeof tempWorkspace>
let server: HttpServerHandle | null = null
const closers: (() => Promise<void>)[] = []
afterEach(async () => {
  await server?.close()
  await ws?.cleanup()
  for (const close of closers.splice(0)) await close()
})

const items = [
  { key: 'empathy', name: { en: 'Empathy', zh: '共情' }, question: { en: 'How empathic?' }, scale: { min: 1, max: 5 } },
  { key: 'structure', name: { en: 'Structure' }, question: { en: 'How structured?' }, scale: { min: 1, max: 5 } },
]

/** The judge scores a MAGneT transcript 5 on every item and any other 2 (and answers badly once, to be asked again). */
function judgeReply() {
  let first = true
  return (request: ChatRequest) => {
    if (first) {
      first = false
      return 'I think the counselor did fine.'
    }
    const text = request.messages.map((m) => m.content).join('\n')
    const score = /\[MAGneT reply/.test(text) ? 5 : 2
    return `empathy: ${score}\n**structure**: ${score}`
  }
}

async function studyWithRatings(cards = 4) {
  const mock = await startMockOpenAI({ reply: judgeReply() })
  closers.push(mock.close)
  ws = tempWorkspace({ gateway: (calls) => createLlmGateway({ calls }) })
  const app = ws.open()
  addMethodDatasets(app, cards)
  const api = client(app)
  const endpoint = await api.saveEndpoint({ name: 'judge', baseURL: mock.baseURL, model: 'j', apiKey: 'sk-judge-key' })
  const study = await api.createStudy({
    name: 'With a judge',
    design: 'rubric',
    sources: [
      { datasetId: 'ds-m', sampleSize: cards },
      { datasetId: 'ds-t', sampleSize: cards },
    ],
    raters: ['Ann', 'Bo'],
    ratersPerDialogue: 2,
    items,
    guidelines: { en: 'Rate the counselor.', zh: '为咨询师评分。' },
  })
  return { app, api, mock, endpoint, study }
}

describe('the LLM judge of a rating study', () => {
  it('answers the study’s own items on every dialogue, as one more rater beside the people', async () => {
    const { app, api, mock, endpoint, study } = await studyWithRatings()
    const units = (await api.listStudyUnits({ studyId: study.id })).items
    const magnet = new Set(units.filter((u) => u.dialogues[0].datasetId === 'ds-m').map((u) => u.id))
    // The people agree with what the judge will say on MAGneT, and say 3 on the others.
    for (const rater of ['Ann', 'Bo']) {
      const view = await api.raterStudy({ studyId: study.id, rater })
      for (const t of view.tasks)
        for (const key of ['empathy', 'structure'])
          await api.saveStudyAnswer({
            studyId: study.id,
            rater,
            unitId: t.unitId,
            key,
            value: magnet.has(t.unitId) ? 5 : 3,
          })
    }
    const started = await api.startStudyJudge({ studyId: study.id, endpointId: endpoint.id })
    expect(started.status).toBe('running')
    await app.studyJudges.waitFor(started.id)
    const [judge] = (await api.getStudy({ id: study.id })).judges
    expect(judge).toMatchObject({ status: 'completed', done: 8, total: 8, failed: 0, endpoint: 'judge (j)' })
    // The instructions carry the study's items and scale; the unreadable first answer was asked again.
    const asked = mock.requests.filter((r) => /supervisor/.test(r.messages[0].content))
    expect(asked[0].messages[0].content).toMatch(/empathy — Empathy \(1–5\)/)
    expect(asked.length).toBe(9)
    // Judges are not people: progress lists only the raters.
    expect((await api.getStudy({ id: study.id })).progress.map((p) => p.rater)).toEqual(['Ann', 'Bo'])

    const results = await api.studyResults({ id: study.id })
    expect(results.judge?.endpoint).toBe('judge (j)')
    const empathy = results.agreement.find((a) => a.key === 'empathy')!
    // People: 5 on MAGneT, 3 elsewhere, both alike: perfect agreement. With the judge's 2s, less than perfect.
    expect(empathy.humans.alphaInterval).toBe(1)
    expect(empathy.humans.raters).toBe(2)
    expect(empathy.withJudge!.raters).toBe(3)
    expect(empathy.withJudge!.alphaInterval!).toBeLessThan(1)
    expect(empathy.withJudge!.kappas.filter((k) => /LLM judge/.test(k.a + k.b))).toHaveLength(2)
    // The judge's answers do not enter the people's means.
    const others = results.means.find((m) => m.key === 'empathy' && m.sourceIndex === 1)!
    expect(others.stat.mean).toBe(3)
    const csv = await api.exportStudy({ id: study.id, what: 'ratings' })
    expect(csv.content).toMatch(/LLM judge [0-9a-f]{8},llm,empathy,2/)
    expect(csv.content).not.toMatch(/sk-judge-key/)
  })
})

describe('rater access links (serve mode)', () => {
  it('open only the rating methods of one study, under the rater the link was made for', async () => {
    const { app, api, study } = await studyWithRatings()
    const link = await api.createRaterLink({ studyId: study.id, rater: 'Bo' })
    expect(link.path).toMatch(new RegExp(`^/\\?annotator=[^#]+#/rate/${study.id}$`))
    server = await startLinkServer(app)
    const opened = await fetch(`${server.origin}${link.path.split('#')[0]}`, { redirect: 'manual' })
    expect(opened.status).toBe(302)
    const cookie = opened.headers.get('set-cookie')!.split(';')[0]
    const call = async <T>(method: string, body: unknown) => {
      const res = await fetch(`${server!.origin}/api/${method}`, {
        method: 'POST',
        headers: { cookie, origin: server!.origin, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      })
      return { status: res.status, body: (await res.json()) as Envelope<T> }
    }
    for (const method of ['studyResults', 'getStudy', 'listStudyUnits', 'exportStudy', 'deleteStudy', 'listDatasets'])
      expect((await call(method, { id: study.id, studyId: study.id })).status).toBe(403)
    expect((await fetch(`${server.origin}/api/events`, { headers: { cookie } })).status).toBe(403)

    // The name and study in the request are ignored: the link decides.
    const mine = await call<RaterStudyView>('raterStudy', { studyId: 'other', rater: 'Ann' })
    expect(mine.body.ok && mine.body.value.rater).toBe('Bo')
    const view = (mine.body as { ok: true; value: RaterStudyView }).value
    const saved = await call('saveStudyAnswer', {
      unitId: view.tasks[0].unitId,
      key: 'empathy',
      value: 4,
      rater: 'Ann',
    })
    expect(saved.body.ok).toBe(true)
    const bo = (await api.getStudy({ id: study.id })).progress.find((p) => p.rater === 'Bo')!
    expect(bo.lastAnswerAt).not.toBeNull()
    expect((await api.getStudy({ id: study.id })).progress.find((p) => p.rater === 'Ann')!.lastAnswerAt).toBeNull()

    // A new link for the same rater replaces the old one.
    await api.createRaterLink({ studyId: study.id, rater: 'Bo' })
    expect((await fetch(`${server.origin}${link.path.split('#')[0]}`, { redirect: 'manual' })).status).toBe(401)
  })
})
