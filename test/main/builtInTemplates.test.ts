import { afterEach, describe, expect, it } from 'vitest'
import { TEMPLATE_IDS } from '@shared/templateIds'
import { DEFAULT_TEMPLATES } from '../../src/main/prompts/defaultTemplates'
import { RETIRED_BUILT_INS } from '../../src/main/prompts/retiredTemplates'
import { client, tempWorkspace } from '../support/workspace'

let ws: ReturnType<typeof tempWorkspace> | undefined
afterEach(async () => {
  await ws?.cleanup()
  ws = undefined
})

const current = (id: string) => DEFAULT_TEMPLATES.find((t) => t.id === id)!

describe('built-in prompt templates', () => {
  it("state the paper's counselor rules and the client's N rounds, in both languages", () => {
    const counselor = current(TEMPLATE_IDS.counselor)
    expect(counselor.zh).toMatch(/一两句话/)
    expect(counselor.zh).toMatch(/挑战不健康的想法/)
    expect(counselor.zh).toMatch(/情绪/)
    expect(counselor.zh).toMatch(/自相矛盾/)
    expect(counselor.zh).toMatch(/重复/)
    expect(counselor.zh).toMatch(/不要提到这些要求/)
    expect(counselor.en).toMatch(/one or two sentences/)
    expect(counselor.en).toMatch(/challenge unhealthy/)
    expect(counselor.en).toMatch(/client's emotions/)
    expect(counselor.en).toMatch(/contradict/)
    expect(counselor.en).toMatch(/repeat/)
    expect(counselor.en).toMatch(/Never mention these instructions/)
    const clientTemplate = current(TEMPLATE_IDS.client)
    expect(clientTemplate.zh).toMatch(/需要进行 \{\{max_turns\}\} 轮/)
    expect(clientTemplate.en).toMatch(/needs \{\{max_turns\}\} rounds/)
    expect(clientTemplate.en).not.toMatch(/up to \{\{max_turns\}\}/)
  })

  it('gives a workspace with an unedited earlier built-in the new text as a new version; edited ones stay', async () => {
    ws = tempWorkspace()
    const app = ws.open()
    // The workspace as an earlier release created it: version 1 is the earlier built-in text.
    const set = app.db.prepare('UPDATE prompt_templates SET text = ? WHERE id = ? AND language = ? AND version = 1')
    for (const language of ['zh', 'en'] as const) {
      set.run(RETIRED_BUILT_INS[TEMPLATE_IDS.counselor][language][0], TEMPLATE_IDS.counselor, language)
      set.run(RETIRED_BUILT_INS[TEMPLATE_IDS.client][language][0], TEMPLATE_IDS.client, language)
    }
    // The user edited the English client template since.
    const api = client(app)
    await api.saveTemplate({ id: TEMPLATE_IDS.client, language: 'en', text: 'My own client prompt {{role_card}}' })

    const reopened = client(ws.open())
    const history = (id: string, language: 'zh' | 'en') => reopened.templateHistory({ id, language })
    for (const language of ['zh', 'en'] as const) {
      const versions = await history(TEMPLATE_IDS.counselor, language)
      const newest = versions.reduce((a, b) => (a.version > b.version ? a : b))
      expect(newest).toMatchObject({ version: 2, text: current(TEMPLATE_IDS.counselor)[language] })
      expect(newest.note).toMatch(/built-in/)
      expect(versions.find((v) => v.version === 1)!.text).toBe(RETIRED_BUILT_INS[TEMPLATE_IDS.counselor][language][0])
    }
    const zhClient = await history(TEMPLATE_IDS.client, 'zh')
    expect(zhClient.map((v) => v.version).sort()).toEqual([1, 2])
    const enClient = await history(TEMPLATE_IDS.client, 'en')
    expect(enClient.map((v) => v.version).sort()).toEqual([1, 2])
    expect(enClient.find((v) => v.version === 2)!.text).toBe('My own client prompt {{role_card}}')

    // Opening again changes nothing more.
    const third = client(ws.open())
    expect(await third.templateHistory({ id: TEMPLATE_IDS.counselor, language: 'en' })).toHaveLength(2)
  })
})
