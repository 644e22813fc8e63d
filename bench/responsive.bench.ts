/**
 * Nothing heavy on the main thread (issue 14 §1): a real serve process with a 55k-dialogue workspace, and a cheap
 * API call (`appInfo`) sent every 50 ms from this process while each heavy operation runs through the same server:
 * import (parse, store, search indexes), statistics, vocabulary overlap, the WAI and topics estimates, exports
 * (JSONL, ShareGPT), a search, deleting the dataset and compacting the workspace. Prints, per operation, how long
 * it took and the cheap call's p50 / p99 / max latency while it ran (target: p99 < 100 ms).
 * The corpus is SmileChat's full corpus when ../shared/ref-data holds it (`--smile`), else a synthetic one of the
 * same size. Run: npm run bench:responsive [-- --dialogues 55000 --smile]
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { request } from 'node:http'
import { startServe } from '../test/support/serveProcess'
import { arg } from './args'
import { corpus55k } from './corpus55k'

const DIALOGUES = arg('dialogues', 55000)
const PING_MS = 50

const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]
const ms = (x: number) => `${x.toFixed(0)} ms`

async function main() {
  const dataDir = mkdtempSync(join(tmpdir(), 'simpsy-bench-responsive-'))
  const server = await startServe(dataDir, ['--port', '0'])
  const token = new URL(server.url).searchParams.get('token')
  /** An API call with node:http (fetch gives up on an answer that takes over 5 minutes: a slow machine's import). */
  const api = <T>(method: string, input: unknown, body?: Buffer, path = `/api/${method}`) =>
    new Promise<T>((resolve, reject) => {
      const req = request(`${server.origin}${path}`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${token}`,
          'content-type': body ? 'application/octet-stream' : 'application/json',
        },
      })
      req.on('response', (res) => {
        const chunks: Buffer[] = []
        res.on('data', (c: Buffer) => chunks.push(c))
        res.on('end', () => {
          const envelope = JSON.parse(Buffer.concat(chunks).toString()) as {
            ok: boolean
            value: T
            error?: { message: string }
          }
          if (envelope.ok) resolve(envelope.value)
          else reject(new Error(`${method}: ${envelope.error?.message}`))
        })
      })
      req.on('error', reject)
      req.end(body ?? JSON.stringify(input))
    })
  const rows: string[][] = []

  /** Runs `operation` while pinging; prints and keeps its row. */
  const measure = async <T>(label: string, operation: () => Promise<T>): Promise<T> => {
    const latencies: number[] = []
    let failures = 0
    let stop = false
    const inFlight = new Set<Promise<void>>()
    const pinger = (async () => {
      while (!stop) {
        const started = performance.now()
        const call = fetch(`${server.origin}/api/appInfo`, {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          body: '{}',
        })
          .then((r) => r.json())
          .then(
            () => void latencies.push(performance.now() - started),
            () => void failures++,
          )
        inFlight.add(call)
        void call.finally(() => inFlight.delete(call))
        await new Promise((r) => setTimeout(r, PING_MS))
      }
    })()
    const started = performance.now()
    let value: T
    try {
      value = await operation()
    } finally {
      stop = true
      await pinger
      await Promise.all(inFlight)
    }
    const seconds = (performance.now() - started) / 1000
    const sorted = [...latencies].sort((a, b) => a - b)
    const row = [
      label,
      `${seconds.toFixed(1)} s`,
      ms(quantile(sorted, 0.5)),
      ms(quantile(sorted, 0.99)),
      ms(sorted[sorted.length - 1]),
      String(sorted.length),
      String(failures),
    ]
    rows.push(row)
    console.log(row.join(' | '))
    return value
  }

  /** GET /download/<id> to the end; returns the bytes. */
  const fetchDownload = (id: string) =>
    new Promise<number>((resolve, reject) => {
      const req = request(`${server.origin}/download/${id}`, { headers: { authorization: `Bearer ${token}` } })
      req.on('response', (res) => {
        let bytes = 0
        res.on('data', (c: Buffer) => (bytes += c.length))
        res.on('end', () =>
          res.statusCode === 200 ? resolve(bytes) : reject(new Error(`download: ${res.statusCode}`)),
        )
      })
      req.on('error', reject)
      req.end()
    })

  const untilDone = async (id: string) => {
    for (;;) {
      const e = await api<{ status: string; error: string | null }>('getEvaluation', { id })
      if (e.status === 'completed') return e
      if (e.status === 'failed' || e.status === 'cancelled') throw new Error(`analysis ${id}: ${e.status} ${e.error}`)
      await new Promise((r) => setTimeout(r, 250))
    }
  }

  try {
    const file = corpus55k(DIALOGUES, process.argv.includes('--smile'))
    console.log(
      `corpus: ${file.name}, ${(file.content.length / 1e6).toFixed(1)} MB compressed; ping every ${PING_MS} ms`,
    )
    console.log('operation | took | p50 | p99 | max | pings | failed pings')
    // As the browser sends it: the file as it is (POST /upload), then the import names the upload.
    const report = await measure('upload + import', async () => {
      const sent = await api<{ uploadId: string }>('upload', null, file.content, '/upload')
      return api<{ datasetId: string; imported: number }>('importDataset', {
        fileName: file.name,
        uploadId: sent.uploadId,
        name: 'bench',
        skipInvalidRows: true,
      })
    })
    const datasetId = report.datasetId
    const endpoint = await api<{ id: string }>('saveEndpoint', {
      name: 'judge',
      baseURL: 'http://127.0.0.1:9/v1',
      model: 'judge-model',
      maxConcurrency: 8,
      priceInput: 1,
      priceOutput: 2,
    })
    await measure('statistics', async () =>
      untilDone((await api<{ id: string }>('startEvaluation', { kind: 'stats', datasetIds: [datasetId] })).id),
    )
    // A corpus without role cards (SmileChat's) is refused at the start: the time is that of finding out.
    await measure('overlap', async () => {
      try {
        const started = await api<{ id: string }>('startEvaluation', { kind: 'overlap', datasetIds: [datasetId] })
        await untilDone(started.id)
      } catch (error) {
        console.log(`  (overlap: ${(error as Error).message.slice(0, 160)})`)
      }
    })
    for (const kind of ['wai', 'topics'])
      await measure(`${kind} estimate`, () =>
        api('estimateEvaluation', { kind, datasetIds: [datasetId], config: { endpointId: endpoint.id } }),
      )
    // As the page asks for them: written aside by the worker, then fetched as a file (GET /download/<id>).
    for (const format of ['jsonl', 'sharegpt'])
      await measure(`export ${format}`, async () => {
        const file = await api<{ downloadId: string }>('exportDataset', {
          id: datasetId,
          format,
          completeOnly: false,
          delivery: 'download',
        })
        const bytes = await fetchDownload(file.downloadId)
        console.log(`  (${format}: ${(bytes / 1e6).toFixed(0)} MB downloaded)`)
      })
    await measure('search 焦虑', () => api('listDialogues', { datasetId, text: '焦虑', limit: 200, offset: 0 }))
    await measure('delete dataset', () => api('deleteDataset', { id: datasetId }))
    await measure('compact workspace', () => api('compactWorkspace', {}))
  } finally {
    await server.stop()
    rmSync(dataDir, { recursive: true, force: true })
  }
  console.log(`\n${DIALOGUES} dialogues; target: p99 of a cheap call < 100 ms during each operation`)
}

await main()
