import { afterEach, describe, expect, it } from 'vitest'
import { tempWorkspace, client } from '../support/workspace'

let ws: ReturnType<typeof tempWorkspace>
afterEach(async () => {
  await ws?.cleanup()
})

/** Files reach the API as base64; a wrong encoding is named as such, not read as an empty file. */
describe('uploaded files', () => {
  it('says what is wrong with content that is not base64, for role cards and datasets, and imports nothing', async () => {
    ws = tempWorkspace()
    const api = client(ws.open())
    const cases: [string, RegExp][] = [
      ['%%%', /^contentBase64: is not the file's bytes as base64: character "%" at position 1 is not used by base64$/],
      [
        '[{"language":"en"}]',
        /^contentBase64: is not the file's bytes as base64: character "\[" at position 1 is not used by base64$/,
      ],
      ['QUJD=RA==', /^contentBase64: is not the file's bytes as base64: "=" may only end it/],
      ['QUJDR', /^contentBase64: is not the file's bytes as base64: its length cannot be that of a base64 text/],
    ]
    for (const [content, message] of cases) {
      await expect(api.importRoleCards({ fileName: 'a.json', contentBase64: content })).rejects.toMatchObject({
        code: 'invalid_input',
        message: expect.stringMatching(message),
      })
      await expect(api.importDataset({ fileName: 'a.jsonl', contentBase64: content })).rejects.toMatchObject({
        code: 'invalid_input',
        message: expect.stringMatching(message),
      })
    }
    expect((await api.listRoleCards({})).total).toBe(0)
    expect(await api.listDatasets()).toEqual([])
    // Base64 as browsers and Node write it (with line breaks, URL-safe, unpadded) is accepted; an empty file is still
    // called empty.
    const cards = Buffer.from(JSON.stringify([{ language: 'en', complaint: { body: 'I cannot sleep before exams.' } }]))
    for (const encoded of [cards.toString('base64').replace(/(.{20})/g, '$1\n'), cards.toString('base64url')]) {
      expect((await api.importRoleCards({ fileName: 'a.json', contentBase64: encoded, dryRun: true })).rows).toBe(1)
    }
    await expect(api.importRoleCards({ fileName: 'a.json', contentBase64: '' })).rejects.toMatchObject({
      details: { errors: [{ message: 'a.json is empty.' }] },
    })
  })
})
