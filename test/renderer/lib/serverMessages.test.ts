import { afterAll, describe, expect, it } from 'vitest'
import { WorkbenchError } from '@shared/errors'
import { errorMessage } from '../../../src/renderer/src/lib/errors'
import { fieldErrorsOf } from '../../../src/renderer/src/lib/fieldErrors'
import { useUiStrings } from '../i18n'
import { client, tempWorkspace } from '../../support/workspace'

/** As the client rebuilds an error from the envelope a server sent. */
const fromServer = (
  code: WorkbenchError['code'],
  message: string,
  key: string,
  params: Record<string, string | number>,
) => WorkbenchError.from({ code, message, key, params })

describe('server messages in the interface language', () => {
  const missing = fromServer('not_found', 'No dataset with id d-7.', 'datasets.notFound', { id: 'd-7' })

  it('words a keyed error with its parameters in Chinese and English', async () => {
    await useUiStrings('zh')
    expect(errorMessage(missing)).toBe('没有 id 为 d-7 的数据集。')
    await useUiStrings('en')
    expect(errorMessage(missing)).toBe('No dataset with id d-7.')
  })

  it('words a status it names, and a count in its plural form', async () => {
    const done = fromServer(
      'conflict',
      'Run "Pilot" is completed; there is nothing to resume.',
      'runs.nothingToResume',
      {
        name: 'Pilot',
        status: 'completed',
      },
    )
    const problems = (count: number) =>
      fromServer('import_failed', '…', 'files.importProblems', { file: 'cards.csv', count })
    await useUiStrings('zh')
    expect(errorMessage(done)).toBe('运行 "Pilot" 状态为“已完成”，没有可继续的内容。')
    expect(errorMessage(problems(1))).toBe('cards.csv：发现 1 个问题，未导入任何内容。')
    await useUiStrings('en')
    expect(errorMessage(done)).toBe('Run "Pilot" is completed; there is nothing to resume.')
    expect(errorMessage(problems(1))).toBe('cards.csv: 1 problem found; nothing was imported.')
    expect(errorMessage(problems(2))).toBe('cards.csv: 2 problems found; nothing was imported.')
  })

  it('shows the server’s message for a key this renderer does not know, and for an unkeyed error', async () => {
    await useUiStrings('zh')
    expect(errorMessage(fromServer('conflict', 'Something newer.', 'future.message', {}))).toBe('Something newer.')
    expect(errorMessage(new WorkbenchError('internal', 'Plain words.'))).toBe('Plain words.')
  })

  it('places a keyed message about a field next to that field, without the field’s name', async () => {
    const none = new WorkbenchError('invalid_input', { key: 'cards.noneMatch' })
    expect(none.message).toBe('cards: no role card matches the selection.')
    await useUiStrings('zh')
    expect(fieldErrorsOf(none, ['cards', 'name'])).toEqual({
      byField: { cards: '没有符合所选条件的角色卡。' },
      general: [],
    })
    await useUiStrings('en')
    expect(fieldErrorsOf(none, ['cards'])).toEqual({
      byField: { cards: 'no role card matches the selection.' },
      general: [],
    })
  })
})

describe('validation errors from the real dispatcher', () => {
  const ws = tempWorkspace()
  const api = client(ws.open())
  afterAll(() => ws.cleanup())
  const failure = (input: { id?: string; name: string }) =>
    api.renameDataset(input as { id: string; name: string }).catch((error: unknown) => error)

  it('words each issue and its field path in Chinese, and in English as the server wrote it', async () => {
    const error = await failure({ name: 'x'.repeat(201) })
    await useUiStrings('zh')
    expect(errorMessage(error)).toBe('id: 必须填写; name: 最多 200 个字符')
    expect(fieldErrorsOf(error, ['id', 'name'])).toEqual({
      byField: { id: '必须填写', name: '最多 200 个字符' },
      general: [],
    })
    await useUiStrings('en')
    expect(errorMessage(error)).toBe((error as Error).message)
    expect(errorMessage(error)).toBe('id: is required; name: must be at most 200 characters long')
  })

  it('says an empty name is empty, in either language', async () => {
    const error = await failure({ id: 'd', name: '   ' })
    await useUiStrings('zh')
    expect(errorMessage(error)).toBe('name: 不能为空')
    await useUiStrings('en')
    expect(errorMessage(error)).toBe('name: must not be empty')
  })
})
