import { beforeAll, describe, expect, it } from 'vitest'
import i18next from 'i18next'
import type { PromptTemplateView } from '@shared/promptApi'
import {
  groupTemplates,
  placeholdersFor,
  templateName,
  templateSections,
} from '../../../src/renderer/src/pages/prompts/templateGroups'
import { useUiStrings } from '../i18n'

const view = (id: string, kind: string, language: 'en' | 'zh' = 'en'): PromptTemplateView => ({
  id,
  language,
  version: 1,
  kind,
  name: id,
  text: '…',
  note: '',
  createdAt: '2026-01-01T00:00:00.000Z',
})

const list = [
  view('client.default', 'client'),
  view('client.cactus', 'client'),
  view('counselor.three-stage', 'counselor'),
  view('cbt.plan', 'method'),
  view('magnet.reflection', 'method'),
  view('magnet.reflection', 'method', 'zh'),
  view('cactus.counselor', 'method'),
  view('psych8k.counselor', 'method'),
]

beforeAll(() => useUiStrings('en'))

describe('the Prompts page', () => {
  it('lists method templates under their method, after the client, counselor and referee templates', () => {
    const sections = templateSections(groupTemplates(list))
    expect(sections.map((s) => [s.method, s.groups.map((g) => g.id)])).toEqual([
      [null, ['client.default', 'client.cactus', 'counselor.three-stage']],
      ['magnet', ['cbt.plan', 'magnet.reflection']],
      ['cactus', ['cactus.counselor']],
      ['psych8k', ['psych8k.counselor']],
    ])
  })

  it('names the method templates in the interface language', async () => {
    expect(templateName('magnet.reflection', 'whatever main calls it')).toBe('MAGneT · reflection specialist')
    expect(templateName('client.cactus', 'x')).toBe('Client (CACTUS style: attitude, end token)')
    await i18next.changeLanguage('zh')
    expect(templateName('magnet.technique-no-plan', 'x')).toBe('MAGneT · 技术智能体（无 CBT 计划）')
    await i18next.changeLanguage('en')
  })

  it('explains the placeholders each kind of template is filled with', () => {
    expect(placeholdersFor('client')).toEqual([
      'role_card',
      'max_turns',
      'min_turns',
      'end_token',
      'attitude',
      'attitude_instruction',
    ])
    expect(placeholdersFor('method')).toContain('candidates')
    expect(placeholdersFor('method')).not.toContain('role_card')
    for (const name of [...placeholdersFor('client'), ...placeholdersFor('method')])
      expect(i18next.exists(`prompts.placeholders.${name}`)).toBe(true)
  })
})
