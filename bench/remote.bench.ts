/**
 * Runs next to the GPUs (issue 14 §6): a simulation of `--cards` role cards (default 1000) launched on a "GPU server"
 * (a real OpenSSH server on loopback, this checkout's bin/simpsy.mjs as its workbench) against the suite's mock model
 * server in a child process, followed from here and pulled back. While the result comes down and is merged, a cheap API
 * call goes every 50 ms. Prints: launch time (check, upload, start), time until the follower saw it end, the result's
 * size, pull time (download, merge), the dialogues and messages that arrived, and the cheap call's p50 / p99 / max
 * during the pull (target p99 < 100 ms, like every heavy operation).
 * Run: npm run bench:remote [-- --cards 1000 --concurrency 64]
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { createApp } from '../src/main/app'
import { keyFileSecretBox } from '../src/main/secrets/secretBox'
import { createClient } from '../src/shared/client'
import type { RemotePullProgress, RemoteRunView } from '../src/shared/remoteRun'
import { startSshd } from '../test/support/sshd'
import { arg } from './args'
import { startMockProcess } from './mockProcess'

const CARDS = arg('cards', 1000)
const CONCURRENCY = arg('concurrency', 64)
const ROOT = resolve(import.meta.dirname, '..')
const WORKBENCH = `'${process.execPath}' '${join(ROOT, 'bin', 'simpsy.mjs')}'`

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`
const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]

async function main() {
  const sshd = await startSshd()
  const mock = await startMockProcess({ closeAtTurn: 8 })
  const dataDir = mkdtempSync(join(tmpdir(), 'simpsy-bench-remote-'))
  const app = createApp({
    dataDir,
    mode: 'serve',
    secrets: keyFileSecretBox(dataDir, {}),
    seedExamples: false,
    training: { follow: true, pollMs: 1000 },
  })
  const api = createClient(app.dispatch)
  try {
    const endpoint = await api.saveEndpoint({ name: 'vllm', baseURL: mock.baseURL, model: 'm', maxConcurrency: 256 })
    const cards = Array.from({ length: CARDS }, (_, i) => ({
      language: 'en',
      name: `Bench ${i}`,
      complaint: { body: `Problem ${i}: sleep, work and family` },
      tags: ['bench'],
    }))
    await api.importRoleCards({
      fileName: 'cards.json',
      contentBase64: Buffer.from(JSON.stringify(cards)).toString('base64'),
    })
    const saved = await api.saveSshProfile(sshd.profile({ name: 'gpu', workbenchCommand: WORKBENCH }))
    const key = await api.checkHostKey({ id: saved.id })
    await api.acceptHostKey({ id: saved.id, fingerprint: key.fingerprint })
    const defaults = await api.simulationDefaults()
    const config = {
      ...defaults,
      concurrency: CONCURRENCY,
      client: { ...defaults.client, endpointId: endpoint.id },
      counselor: { ...defaults.counselor, endpointId: endpoint.id },
    }

    const t0 = Date.now()
    let run = await api.launchRemoteRun({
      name: 'bench',
      profileId: saved.id,
      run: { name: 'bench', cards: { query: { tag: 'bench' } }, config },
      autoPull: false,
    })
    const launched = Date.now() - t0
    while (run.status === 'running' || run.status === 'uploading') {
      await new Promise((done) => setTimeout(done, 500))
      run = await api.getRemoteRun({ id: run.id })
    }
    const ran = Date.now() - t0 - launched

    const latencies: number[] = []
    let probing = true
    const probe = (async () => {
      while (probing) {
        const start = performance.now()
        await api.listRemoteRuns()
        latencies.push(performance.now() - start)
        await new Promise((done) => setTimeout(done, 50))
      }
    })()
    const phases = new Map<RemotePullProgress['phase'], number>()
    let bytes = 0
    const off = app.events.subscribe((e) => {
      if (e.name !== 'remoteRun.pull') return
      const p = e.payload as RemotePullProgress
      if (!phases.has(p.phase)) phases.set(p.phase, Date.now())
      bytes = Math.max(bytes, p.totalBytes)
    })
    const p0 = Date.now()
    const pulled: RemoteRunView = await api.pullRemoteRun({ id: run.id })
    const pullMs = Date.now() - p0
    probing = false
    await probe
    off()
    const merging = phases.get('merging') ?? p0
    const summary = await api.getRun({ id: pulled.pulled!.id })
    const inDataset = (await api.listDialogues({ datasetId: pulled.pulled!.datasetId!, limit: 1 })).total
    const sorted = latencies.sort((a, b) => a - b)

    console.log(`remote run of ${CARDS} cards (concurrency ${CONCURRENCY}) on ${run.target}: ${run.status}`)
    console.log(`  launch (check the server, upload cards and templates, start detached): ${seconds(launched)}`)
    console.log(`  running there until the follower saw it end: ${seconds(ran)}`)
    console.log(
      `  result ${(bytes / 1024 / 1024).toFixed(1)} MB; pull ${seconds(pullMs)} ` +
        `(bundle + download ${seconds(merging - p0)}, merge ${seconds(p0 + pullMs - merging)})`,
    )
    console.log(
      `  pulled: run ${summary.status}, ${summary.counts.completed}/${summary.counts.total} dialogues completed ` +
        `(${inDataset} in the dataset), ${summary.usage.calls} calls in its log`,
    )
    console.log(
      `  cheap API call during the pull: p50 ${percentile(sorted, 0.5).toFixed(1)} ms, ` +
        `p99 ${percentile(sorted, 0.99).toFixed(1)} ms, max ${sorted[sorted.length - 1].toFixed(1)} ms ` +
        `(${sorted.length} calls; target p99 < 100 ms)`,
    )
  } finally {
    await app.close()
    await mock.stop()
    await sshd.stop()
    rmSync(dataDir, { recursive: true, force: true })
  }
}

await main()
