import { describe, expect, it } from 'vitest'
import type { Dataset } from '@shared/dialogue'
import { renderWithStrings } from '../../support/renderStrings'

const dataset: Dataset = {
  id: 'ds',
  name: 'SmileChat',
  kind: 'import',
  runId: null,
  source: '',
  language: 'zh',
  description: '',
  dialogueCount: 55109,
  withRoleCards: 0,
  createdAt: '2026-01-01T00:00:00.000Z',
}
const noop = () => {}

const header = (language: 'en' | 'zh', total: number | null, counting: boolean) =>
  renderWithStrings(language, [
    {
      module: '../../src/renderer/src/pages/datasets/browser/BrowserHeader',
      component: 'BrowserHeader',
      props: {
        dataset,
        total,
        counting,
        filtered: true,
        deleteBlocked: null,
        onBack: noop,
        onRename: noop,
        onExport: noop,
        onDelete: noop,
        onSaveSelection: noop,
      },
    },
  ])

/** The dialogue count the header shows, its tags stripped. */
const countOf = (html: string) => /data-testid="dialogue-count"[^>]*>([^<]*)</.exec(html)?.[1]

describe('the dataset browser’s count while a search is counted', () => {
  it('says the matches found so far are a lower bound and that counting goes on, then the count, in both languages', async () => {
    expect(countOf(await header('en', 200, true))).toBe('200+ of 55,109 dialogues, counting…')
    expect(await header('en', 200, true)).toContain('title="The first matches are shown; the rest are being counted."')
    expect(countOf(await header('en', 26265, false))).toBe('26,265 of 55,109 dialogues')
    expect(countOf(await header('zh', 200, true))).toBe('200+ / 55,109 段对话，正在计数…')
    expect(await header('zh', 200, true)).toContain('title="已显示最先找到的匹配，其余的正在计数。"')
    expect(countOf(await header('zh', 26265, false))).toBe('26,265 / 55,109 段对话')
  })
})
