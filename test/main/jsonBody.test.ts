import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { describe, expect, it } from 'vitest'
import { writeJsonBody } from '../../src/main/http/jsonBody'

describe('long JSON answers in slices', () => {
  it('sends the same text as one JSON.stringify, however its long strings are sliced', async () => {
    // 3.5 MB of text: Chinese, quotes, control characters, and an emoji (a surrogate pair) across the 1 MiB mark.
    const unit = '焦虑"\\\n\u0001 ok '
    let long = unit.repeat(Math.ceil((1 << 20) / unit.length)).slice(0, (1 << 20) - 1) + '😀'
    long += unit.repeat(200000)
    const body = {
      ok: true,
      value: { fileName: 'a.jsonl', content: long, count: 2, nested: [{ other: long.slice(5) }] },
    }
    const server = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' })
      void writeJsonBody(res, body)
    })
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()))
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
    try {
      const text = await fetch(`${base}/big`).then((r) => r.text())
      expect(text).toBe(JSON.stringify(body))
      expect(JSON.parse(text)).toEqual(body)
    } finally {
      await new Promise((r) => server.close(r))
    }
  })
})
