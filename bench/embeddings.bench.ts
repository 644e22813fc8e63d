/**
 * Embedding speed and memory with a model of bge-m3's shape (XLM-RoBERTa large, random weights, external-data
 * layout), made by scripts/make-bge-m3-shaped-model.py into a temporary folder (never committed):
 *
 *   npm run bench:embeddings -- [--layers 24] [--lengths 512,2048,8192] [--model DIR] [--backends local,endpoint]
 *                                [--fused-attention]
 *
 * --fused-attention builds the model with ONNX Runtime's fused MultiHeadAttention op instead of the exported
 * MatMul-Softmax-MatMul attention (what a converted bge-m3 would run), to compare the memory of long texts.
 *
 * Each case runs in a fresh process, so its peak RSS (VmHWM) is its own: `local` loads the model in the workbench's
 * embedding worker (every core, token-budget batches); `endpoint` sends the same texts through the LLM gateway to a
 * loopback /v1/embeddings server (a separate process running the same model, standing in for TEI or vLLM), and
 * reports the workbench process's peak and the server's. Fewer layers build and run faster; the peak of one call is
 * set by one layer's activations, so it barely depends on the layer count. Figures are printed, not asserted.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { createServer } from 'node:http'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { parseArgs } from 'node:util'

const { values } = parseArgs({
  options: {
    layers: { type: 'string', default: '2' },
    lengths: { type: 'string', default: '512,2048,8192' },
    backends: { type: 'string', default: 'local,endpoint' },
    model: { type: 'string' },
    case: { type: 'string' },
    length: { type: 'string' },
    count: { type: 'string' },
    port: { type: 'string' },
    serve: { type: 'string' },
    'fused-attention': { type: 'boolean', default: false },
  },
})

const ROOT = resolve(import.meta.dirname, '..')
const tsx = join(ROOT, 'node_modules', '.bin', 'tsx')
const SELF = join(ROOT, 'bench', 'embeddings.bench.ts')

/** Peak resident memory of this process so far, MB (Linux). */
const peakRssMb = () => {
  const line = readFileSync('/proc/self/status', 'utf8').match(/VmHWM:\s+(\d+) kB/)
  return line ? Math.round(Number(line[1]) / 1024) : NaN
}
/** The loopback server's own peak (tsx runs it in a child of the process this one started). */
const serverPeak = async (port: number) => (await fetch(`http://127.0.0.1:${port}/peak`)).text()

/** `count` texts of exactly `length` tokens with the stand-in tokenizer (one token per word, plus <s> and </s>). */
const textsOf = (length: number, count: number) =>
  Array.from({ length: count }, (_, t) =>
    Array.from({ length: length - 2 }, (_, i) => `w${(i * 7 + t * 13) % 4000}`).join(' '),
  )

const COUNTS: Record<number, number> = { 512: 16, 2048: 4, 8192: 1 }
const options = (model: string) => ({
  model,
  modelsDir: tmpdir(),
  pooling: 'cls' as const,
  normalize: true,
  maxTokens: 8192,
  quantized: false,
})

async function localCase(model: string, length: number, count: number) {
  const { createEmbedder } = await import('../src/main/evaluation/embeddings')
  const started = performance.now()
  const embedder = await createEmbedder(options(model))
  const loaded = performance.now()
  const texts = textsOf(length, count)
  let truncated = 0
  await embedder.embed(texts, { onTruncated: () => truncated++ })
  const seconds = (performance.now() - loaded) / 1000
  await embedder.dispose()
  return { loadSeconds: (loaded - started) / 1000, seconds, textsPerSecond: count / seconds, truncated }
}

async function endpointCase(port: number, length: number, count: number) {
  const { createLlmGateway } = await import('../src/main/llm/gateway')
  const { createEndpointEmbedder } = await import('../src/main/evaluation/endpointEmbedder')
  const gateway = createLlmGateway({ calls: null })
  const endpoint = {
    id: 'bench',
    name: 'loopback',
    baseURL: `http://127.0.0.1:${port}/v1`,
    model: 'bge-m3-shaped',
    apiKey: 'x',
    maxConcurrency: 2,
    timeoutMs: 3_600_000,
    priceInput: null,
    priceOutput: null,
  } as unknown as Parameters<typeof createEndpointEmbedder>[1]
  const embedder = await createEndpointEmbedder(gateway, endpoint, { normalize: true, batchSize: 8 })
  const started = performance.now()
  await embedder.embed(textsOf(length, count))
  const seconds = (performance.now() - started) / 1000
  return { seconds, textsPerSecond: count / seconds }
}

/** A loopback /v1/embeddings server on the same model (in its own process), as TEI or vLLM would serve it. */
async function serve(model: string, port: number) {
  const { createEmbedder } = await import('../src/main/evaluation/embeddings')
  const embedder = await createEmbedder({ ...options(model), thread: 'here' })
  const server = createServer((req, res) => {
    if (req.url === '/peak') return res.end(String(peakRssMb()))
    let body = ''
    req.on('data', (chunk) => (body += chunk))
    req.on('end', async () => {
      const { input, model: name } = JSON.parse(body) as { input: string[]; model: string }
      const vectors = await embedder.embed(input)
      res.writeHead(200, { 'content-type': 'application/json' })
      res.end(
        JSON.stringify({
          object: 'list',
          model: name,
          data: vectors.map((v, index) => ({ object: 'embedding', index, embedding: Array.from(v) })),
          usage: { prompt_tokens: 0, total_tokens: 0 },
        }),
      )
    })
  })
  server.listen(port, '127.0.0.1', () => process.stdout.write('ready\n'))
}

function child(args: string[]): Promise<string> {
  return new Promise((ok, fail) => {
    const p = spawn(tsx, [SELF, ...args], { stdio: ['ignore', 'pipe', 'inherit'] })
    let out = ''
    p.stdout.on('data', (d) => (out += d))
    p.on('exit', (code) => (code === 0 ? ok(out) : fail(new Error(`${args.join(' ')} exited ${code}`))))
  })
}

async function startServer(model: string, port: number): Promise<ChildProcess> {
  const p = spawn(tsx, [SELF, '--serve', model, '--port', String(port)], { stdio: ['ignore', 'pipe', 'inherit'] })
  await new Promise<void>((ok) => p.stdout!.on('data', (d) => String(d).includes('ready') && ok()))
  return p
}

async function main() {
  if (values.serve) return serve(values.serve, Number(values.port))
  if (values.case) {
    const length = Number(values.length)
    const count = Number(values.count)
    const result =
      values.case === 'local'
        ? await localCase(values.model!, length, count)
        : await endpointCase(Number(values.port), length, count)
    process.stdout.write(JSON.stringify({ ...result, peakRssMb: peakRssMb() }) + '\n')
    return
  }

  let model = values.model
  let temp: string | null = null
  if (!model) {
    temp = mkdtempSync(join(tmpdir(), 'simpsy-bge-m3-shaped-'))
    model = temp
    console.log(`building a bge-m3-shaped model with ${values.layers} layers in ${model} ...`)
    execFileSync(
      '/usr/bin/python3',
      [
        join(ROOT, 'scripts', 'make-bge-m3-shaped-model.py'),
        model,
        '--layers',
        values.layers!,
        ...(values['fused-attention'] ? ['--fused-attention'] : []),
      ],
      {
        stdio: 'inherit',
      },
    )
  }
  if (!existsSync(join(model, 'onnx', 'model.onnx_data'))) throw new Error(`${model} has no onnx/model.onnx_data`)
  const layers = JSON.parse(readFileSync(join(model, 'config.json'), 'utf8')).num_hidden_layers
  console.log(`model: ${model} (${layers} layers of XLM-RoBERTa large, hidden 1024, 16 heads, vocab 250,002)`)
  const lengths = values.lengths!.split(',').map(Number)
  const backends = values.backends!.split(',')
  try {
    for (const length of lengths) {
      const count = COUNTS[length] ?? 4
      if (backends.includes('local')) {
        const r = JSON.parse(
          await child(['--case', 'local', '--model', model, '--length', `${length}`, '--count', `${count}`]),
        )
        console.log(
          `local    ${length} tokens × ${count}: ${r.textsPerSecond.toFixed(3)} texts/s (${r.seconds.toFixed(1)} s, load ${r.loadSeconds.toFixed(1)} s), peak RSS ${r.peakRssMb} MB, truncated ${r.truncated}`,
        )
      }
      if (backends.includes('endpoint')) {
        const port = 20000 + Math.floor(Math.random() * 20000)
        const server = await startServer(model, port)
        try {
          const r = JSON.parse(
            await child(['--case', 'endpoint', '--port', `${port}`, '--length', `${length}`, '--count', `${count}`]),
          )
          console.log(
            `endpoint ${length} tokens × ${count}: ${r.textsPerSecond.toFixed(3)} texts/s (${r.seconds.toFixed(1)} s), workbench peak RSS ${r.peakRssMb} MB, server peak RSS ${await serverPeak(port)} MB`,
          )
        } finally {
          server.kill()
        }
      }
    }
  } finally {
    if (temp) rmSync(temp, { recursive: true, force: true })
  }
}

await main()
