/**
 * Local model (src/main/llm/localModel.ts): how long a GGUF model takes to load, how fast it answers (prompt and
 * generated tokens per second, time to the first streamed token) through the gateway, and whether the JS thread stays
 * free while it loads and generates (the longest gap between the ticks of a 10 ms timer).
 * The tiny random-weight model from scripts/tinyGguf.ts always; a real model too when SIMPSY_GGUF names one.
 * Run: npm run bench:local [-- --threads 1 --tokens 128]   (SIMPSY_GGUF=/path/model.gguf for a real model)
 */
import { availableParallelism, loadavg } from 'node:os'
import { statSync } from 'node:fs'
import { ensureTinyGguf } from '../scripts/tinyGguf'
import { ENDPOINT_DEFAULTS, LOCAL_BASE_URL } from '@shared/endpoint'
import { createLlmGateway } from '../src/main/llm/gateway'
import type { EndpointSecret } from '../src/main/llm/endpointService'
import { loadLocalModel, localTarget, unloadLocalModels } from '../src/main/llm/localModel'
import { arg } from './args'

const threads = arg('threads', 1)
const tokens = arg('tokens', 128)

/** The longest wait of a 10 ms timer while `work` runs: how long the JS thread was held. */
async function longestStall<T>(work: () => Promise<T>): Promise<{ value: T; stallMs: number }> {
  let last = performance.now()
  let stallMs = 0
  const timer = setInterval(() => {
    const now = performance.now()
    stallMs = Math.max(stallMs, now - last - 10)
    last = now
  }, 10)
  try {
    return { value: await work(), stallMs: Math.round(stallMs) }
  } finally {
    clearInterval(timer)
  }
}

async function measure(label: string, modelPath: string) {
  const endpoint: EndpointSecret = {
    id: `bench-${label}`,
    kind: 'local',
    local: { modelPath, contextSize: 2048, threads, gpuLayers: 0 },
    name: label,
    baseURL: LOCAL_BASE_URL,
    model: label,
    hasKey: false,
    apiKey: '',
    ...ENDPOINT_DEFAULTS,
    maxTokens: tokens,
    timeoutMs: 600_000,
    firstByteTimeoutMs: 600_000,
    idleTimeoutMs: 600_000,
    maxConcurrency: 1,
    updatedAt: new Date().toISOString(),
  }
  const mb = (statSync(modelPath).size / 2 ** 20).toFixed(1)
  const target = localTarget({ local: endpoint.local!, maxConcurrency: 1 })
  // The first load in a process also starts llama.cpp (imports node-llama-cpp, loads its binary); then again alone.
  const first = await longestStall(() => loadLocalModel(target))
  await unloadLocalModels()
  const rssBefore = process.memoryUsage().rss
  const load = await longestStall(() => loadLocalModel(target))
  const rssLoaded = process.memoryUsage().rss
  const gateway = createLlmGateway({ calls: null })
  const messages = [
    { role: 'system' as const, content: 'You are a client in a counseling session. Answer in two or three sentences.' },
    { role: 'user' as const, content: 'What brings you here today? 今天是什么让你来到这里？' },
  ]
  const started = performance.now()
  const answer = await longestStall(() => gateway.chat({ endpoint, messages, purpose: 'bench' }))
  const seconds = (performance.now() - started) / 1000
  const r = answer.value
  console.log(`\n${label}: ${modelPath} (${mb} MB)`)
  console.log(
    `  first load: ${first.value.loadMs} ms with starting llama.cpp; JS-thread stall at most ${first.stallMs} ms`,
  )
  console.log(`  load:      ${load.value.loadMs} ms (context ${load.value.contextSize} tokens, ${threads} thread(s))`)
  console.log(`             longest JS-thread stall while loading: ${load.stallMs} ms`)
  console.log(`  memory:    +${((rssLoaded - rssBefore) / 2 ** 20).toFixed(0)} MB RSS after loading`)
  console.log(
    `  answer:    ${r.promptTokens} prompt + ${r.completionTokens} generated tokens in ${seconds.toFixed(2)} s ` +
      `= ${((r.completionTokens ?? 0) / seconds).toFixed(1)} generated tokens/s (prompt included in the time)`,
  )
  console.log(`             longest JS-thread stall while generating: ${answer.stallMs} ms`)
  console.log(`  sample:    ${JSON.stringify(r.content.slice(0, 120))}`)
}

console.log(
  `local model bench: ${availableParallelism()} cores, load average ${loadavg()
    .map((n) => n.toFixed(1))
    .join(' ')}, ${tokens} tokens per answer`,
)
await measure('tiny (random weights)', ensureTinyGguf())
if (process.env.SIMPSY_GGUF) await measure('SIMPSY_GGUF', process.env.SIMPSY_GGUF)
else console.log('\n(set SIMPSY_GGUF=/path/to/model.gguf to measure a real model as well)')
await unloadLocalModels()
