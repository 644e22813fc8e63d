import { afterEach, describe, expect, it } from 'vitest'
import { dialogueRepo } from '../../src/main/db/dialogueRepo'
import { client, tempWorkspace } from '../support/workspace'

const record = (id: string, lines: [string, string][]) =>
  JSON.stringify({
    id,
    messages: lines.flatMap(([user, assistant]) => [
      { role: 'user', content: user },
      { role: 'assistant', content: assistant },
    ]),
  })

describe('titles of dialogues without a role card', () => {
  const ws = tempWorkspace()
  afterEach(() => ws.cleanup())

  it('are the first substantial client line (cut at 60 characters) or, without messages, the source id', async () => {
    const app = ws.open()
    const api = client(app)
    const long =
      '最近工作压力特别大，每天晚上都睡不着，躺在床上脑子里全是明天要做的事情，' +
      '越想越焦虑，早上起来头很疼，上班的时候也没有精神，'.repeat(2)
    expect([...long].length).toBeGreaterThan(60)
    const file = [
      record('a1', [
        ['你好', '你好，今天想聊些什么？'],
        ['I have been arguing with my parents about moving out', 'That sounds hard.'],
      ]),
      record('a2', [[long, '听起来你最近真的很累。']]),
      record('a3', [['  My   exams\nare next week and I cannot focus  ', 'What happens when you sit down to study?']]),
    ].join('\n')
    const report = await api.importDataset({
      fileName: 'talks.jsonl',
      contentBase64: Buffer.from(file).toString('base64'),
      format: 'openai',
      name: 'talks',
    })
    const titles = (await api.listDialogues({ datasetId: report.datasetId! })).items.map((d) => d.title)
    expect(titles).toEqual([
      // The greeting (12 characters or fewer) is passed over.
      'I have been arguing with my parents about moving out',
      `${[...long].slice(0, 60).join('')}…`,
      // Runs of spaces and line breaks become one space.
      'My exams are next week and I cannot focus',
    ])
    const detail = await api.getDialogue({
      id: (await api.listDialogues({ datasetId: report.datasetId! })).items[1].id,
    })
    expect(detail.title).toBe(titles[1])

    // A dialogue with no message yet is named by the id it had in its source file.
    const repo = dialogueRepo(app.db)
    repo.insertDialogue({
      id: 'empty',
      datasetId: report.datasetId!,
      runId: null,
      position: 3,
      roleCard: null,
      sample: 0,
      language: 'en',
      status: 'completed',
      endReason: null,
      systemPrompt: null,
      meta: { externalId: 'session-0042' },
    })
    expect(repo.summary('empty')!.title).toBe('session-0042')
  })
})
