/**
 * Vocabulary-overlap fidelity on synthetic datasets of realistic size: for each
 * language, N dialogues of ~13 turns with ~55-character client utterances, each
 * with its own role card (~250 characters). Timed: the whole overlapFidelity
 * call (card text, tokenizing every client text and card, mapping and
 * random-control overlaps, derangement, t-test). Target: under 2 s per dataset.
 * Text is drawn from a seeded Zipf-weighted vocabulary (Chinese: common words
 * of jieba's own dictionary; English: seeded pseudo-words plus function words).
 * When the reference data is beside the repo, a third dataset uses real text:
 * SmileChat client utterances (13 drawn per dialogue) and the Interactive
 * Agents help-seeking posts as cards (1000 posts, so each card serves ~10 dialogues;
 * the utterances are not about their card, so there mapping ≈ random: it times real text only).
 * Then CTRS, a judged job, through the whole app (below).
 * Run: npm run bench:evaluate [-- --dialogues 10000 --turns 13 --chars 55] [--ctrs-only]
 */
import { existsSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { gunzipSync } from 'node:zlib'
import mt19937 from '@stdlib/random-base-mt19937'
import { stopwords as englishFunctionWords } from '@orama/stopwords/english'
import { RoleCardInputSchema, type Language } from '../src/shared/roleCard'
import { OverlapConfigSchema } from '../src/shared/evaluation'
import { overlapFidelity, type OverlapDialogue } from '../src/main/evaluation/overlap'
import { tTest } from '../src/main/evaluation/statistics'
import { tokenize } from '../src/main/evaluation/tokenize'
import { createTokenizePool } from '../src/main/evaluation/tokenizePool'
import { arg } from './args'

const DIALOGUES = arg('dialogues', 10000)
const TURNS = arg('turns', 13)
const CLIENT_CHARS = arg('chars', 55)
const COUNSELOR_CHARS = 80
const CARD_CHARS = 250

const random = mt19937.factory({ seed: 20240601 })
const uniform = () => random() / 2 ** 32

function chineseVocabulary(): string[] {
  const dictPath = createRequire(import.meta.url).resolve('@node-rs/jieba/dict.txt')
  return readFileSync(dictPath, 'utf8')
    .split('\n')
    .map((line) => line.split(' '))
    .filter(([word]) => /^\p{Script=Han}{1,4}$/u.test(word))
    .sort((a, b) => Number(b[1]) - Number(a[1]))
    .slice(0, 20000)
    .map(([word]) => word)
}

function englishVocabulary(size: number): string[] {
  const syllables = [
    'ka',
    'lo',
    'mi',
    'ter',
    'sen',
    'ra',
    'vo',
    'ing',
    'ed',
    'pa',
    'shi',
    'do',
    'ne',
    'fu',
    'ble',
    'st',
  ]
  const words = new Set<string>(englishFunctionWords)
  while (words.size < size) {
    const n = 1 + Math.floor(uniform() * 4)
    words.add(Array.from({ length: n }, () => syllables[Math.floor(uniform() * syllables.length)]).join(''))
  }
  return [...words]
}

/** Zipf-like draw: the k-th word with probability ∝ 1/k, by inverse-transform on a cumulative table. */
function zipfSampler(vocabulary: string[]): () => string {
  const cumulative: number[] = []
  let total = 0
  for (let k = 1; k <= vocabulary.length; k++) cumulative.push((total += 1 / k))
  return () => {
    const x = uniform() * total
    let lo = 0
    let hi = cumulative.length - 1
    while (lo < hi) {
      const mid = (lo + hi) >> 1
      if (cumulative[mid] < x) lo = mid + 1
      else hi = mid
    }
    return vocabulary[lo]
  }
}

/**
 * Text of about `chars` characters; each word comes from `own` with probability `ownShare`, else from the vocabulary.
 */
type Writer = (chars: number, own?: string[], ownShare?: number) => { text: string; words: string[] }

function writer(language: Language): Writer {
  const common = zipfSampler(language === 'zh' ? chineseVocabulary() : englishVocabulary(5000))
  return (chars, own = [], ownShare = 0) => {
    const words: string[] = []
    let text = ''
    while (text.length < chars) {
      const word = own.length && uniform() < ownShare ? own[Math.floor(uniform() * own.length)] : common()
      words.push(word)
      if (language === 'zh') text += word + (uniform() < 0.15 ? '，' : '')
      else text += (text ? ' ' : '') + word + (uniform() < 0.1 ? ',' : '')
    }
    return { text: text + (language === 'zh' ? '。' : '.'), words }
  }
}

/** Clients draw a third of their words from their own card, so the mapping group scores above the random control. */
function dataset(language: Language): OverlapDialogue[] {
  const write = writer(language)
  return Array.from({ length: DIALOGUES }, () => {
    const body = write(CARD_CHARS - 50)
    return {
      language,
      roleCard: RoleCardInputSchema.parse({
        language,
        gender: language === 'zh' ? '女' : 'female',
        age: 20 + Math.floor(uniform() * 40),
        occupation: write(6).text,
        family: write(30).text,
        complaint: { title: write(10).text, body: body.text },
      }),
      messages: Array.from({ length: TURNS }, () => [
        { speaker: 'client' as const, content: write(CLIENT_CHARS, body.words, 1 / 3).text },
        { speaker: 'counselor' as const, content: write(COUNSELOR_CHARS).text },
      ]).flat(),
    }
  })
}

function realChinese(): OverlapDialogue[] | null {
  const ref = join(import.meta.dirname, '..', '..', 'shared', 'ref-data')
  const smile = join(ref, 'smile', 'smilechat_sample_3000.jsonl.gz')
  const posts = join(ref, 'interactive-agents', 'user_profiles_train.json')
  if (!existsSync(smile) || !existsSync(posts)) return null
  const utterances = gunzipSync(readFileSync(smile))
    .toString('utf8')
    .split('\n')
    .filter(Boolean)
    .flatMap((line) => (JSON.parse(line) as { messages: { role: string; content: string }[] }).messages)
    .filter((m) => m.role === 'client')
    .map((m) => m.content)
  const cards = (JSON.parse(readFileSync(posts, 'utf8')) as string[]).map((post) =>
    RoleCardInputSchema.parse({ language: 'zh', complaint: { body: post } }),
  )
  return Array.from({ length: DIALOGUES }, (_, i) => ({
    language: 'zh' as const,
    roleCard: cards[i % cards.length],
    messages: Array.from({ length: TURNS }, () => [
      { speaker: 'client' as const, content: utterances[Math.floor(uniform() * utterances.length)] },
      { speaker: 'counselor' as const, content: '嗯，我听到了。' },
    ]).flat(),
  }))
}

const seconds = (since: number) => (performance.now() - since) / 1000

let started = performance.now()
tokenize('预热结巴词典', 'zh')
console.log(`jieba dictionary load (once per process): ${seconds(started).toFixed(2)} s`)

// Tokenizing runs in worker threads, as in the app's overlap job (the pool's start-up is timed with the first dataset).
const pool = createTokenizePool()

// --ctrs-only: the judged job alone.
const datasets: [string, OverlapDialogue[] | null][] = process.argv.includes('--ctrs-only')
  ? []
  : [
      ['zh synthetic', dataset('zh')],
      ['en synthetic', dataset('en')],
      ['zh real text', realChinese()],
    ]
for (const [label, dialogues] of datasets) {
  if (!dialogues) {
    console.log(`${label}: skipped (no reference data beside the repo)`)
    continue
  }
  const chars = dialogues.reduce(
    (sum, d) => sum + d.messages.filter((m) => m.speaker === 'client').reduce((s, m) => s + m.content.length, 0),
    0,
  )
  for (const removeStopWords of [false, true]) {
    started = performance.now()
    const cpu = process.cpuUsage()
    const result = await overlapFidelity(
      label,
      dialogues,
      OverlapConfigSchema.parse({ removeStopWords }),
      pool.tokenizeBatch,
    )
    const total = seconds(started)
    const { user, system } = process.cpuUsage(cpu)
    started = performance.now()
    tTest(result.mapping, result.random)
    const test = seconds(started)
    const c = result.comparison
    console.log(
      `${label}, stop words ${removeStopWords ? 'removed' : 'kept'}: ${dialogues.length} dialogues x ${TURNS} turns ` +
        `(${(chars / 1e6).toFixed(2)} M client chars): overlap + control + t-test ${total.toFixed(2)} s wall, ${((user + system) / 1e6).toFixed(2)} s CPU (target < 2 s); ` +
        `t-test alone ${(test * 1000).toFixed(2)} ms; mapping ${c.a.mean.toFixed(3)} vs random ${c.b.mean.toFixed(3)}, t = ${c.t.toFixed(1)}`,
    )
  }
}
await pool.close()
console.log(
  `peak memory (max RSS) of the main thread's process: ${Math.round(process.resourceUsage().maxRSS / 1024)} MiB`,
)

// A judged metric at scale: CTRS (6 items) on 450 dialogues × 3 samples, the mock judge (its own process) answering
// in 300 ms, the endpoint at 64 requests in flight. Ideal wall time = the waves of 64 calls × 300 ms; the ratio says
// what the job, the gateway and the database add on top. Real MAGneT sessions when the reference data is beside the
// repo, else synthetic English sessions of 21 turns.
{
  const { mkdtempSync, rmSync } = await import('node:fs')
  const { tmpdir } = await import('node:os')
  const { createApp } = await import('../src/main/app')
  const { createClient } = await import('../src/shared/client')
  const { keyFileSecretBox } = await import('../src/main/secrets/secretBox')
  const { startMockProcess } = await import('./mockProcess')
  const DIALOGUES_CTRS = arg('ctrs-dialogues', 450)
  const SAMPLES = arg('ctrs-samples', 3)
  const LATENCY_MS = arg('ctrs-latency', 300)
  const CONCURRENCY = arg('ctrs-concurrency', 64)
  const mock = await startMockProcess({
    latencyMs: LATENCY_MS,
    constantReply: '4, the counselor reflects the client’s feelings but misses one chance to probe.',
  })
  const dataDir = mkdtempSync(join(tmpdir(), 'simpsy-bench-ctrs-'))
  const app = createApp({ dataDir, mode: 'cli', secrets: keyFileSecretBox(dataDir, {}), seedExamples: false })
  const api = createClient(app.dispatch)
  try {
    const zip = join(import.meta.dirname, '..', '..', 'shared', 'ref-data', 'magnet', 'magnet-generated-sessions.zip')
    const write = writer('en')
    const synthetic = () =>
      [
        JSON.stringify({ format: 'simpsy-dialogues', version: 1 }),
        ...Array.from({ length: DIALOGUES_CTRS }, (_, i) =>
          JSON.stringify({
            id: `s${i}`,
            language: 'en',
            status: 'completed',
            messages: Array.from({ length: 21 }, () => [
              { speaker: 'counselor', content: write(400).text },
              { speaker: 'client', content: write(250).text },
            ]).flat(),
            meta: {},
          }),
        ),
      ].join('\n')
    const real = existsSync(zip)
    const file = real
      ? { fileName: 'sessions.zip', contentBase64: readFileSync(zip).toString('base64'), format: 'magnet' as const }
      : {
          fileName: 'synthetic.jsonl',
          contentBase64: Buffer.from(synthetic()).toString('base64'),
          format: 'jsonl' as const,
        }
    const { datasetId } = await api.importDataset(file)
    // The app's timer indexes the imported messages for search (every 2 s, ~1 s of CPU for 18k messages): let it
    // finish first, so the time below is the judged job's.
    await new Promise((resolve) => setTimeout(resolve, 4000))
    const endpoint = await api.saveEndpoint({
      name: 'judge',
      baseURL: mock.baseURL,
      model: 'judge',
      maxConcurrency: CONCURRENCY,
      stream: false,
    })
    // 450 of them (the MAGneT zip has 442: all of it then).
    const config = { endpointId: endpoint.id, rounds: SAMPLES, cache: false, sampleSize: DIALOGUES_CTRS }
    const estimate = await api.estimateEvaluation({ kind: 'ctrs', datasetIds: [datasetId!], config })
    const rssBefore = process.memoryUsage().rss
    started = performance.now()
    const job = await api.startEvaluation({ kind: 'ctrs', datasetIds: [datasetId!], config })
    await app.evaluations.waitFor(job.id)
    const wall = seconds(started)
    const done = await api.getEvaluation({ id: job.id })
    const calls = (await mock.stats()).calls
    const ideal = (Math.ceil(calls / CONCURRENCY) * LATENCY_MS) / 1000
    console.log(
      `CTRS on ${real ? 'MAGneT sessions' : 'synthetic sessions'}: ${done.progress.total / (SAMPLES * 6)} dialogues × ${SAMPLES} samples × 6 items = ` +
        `${done.progress.total} units (estimate ${estimate.calls} calls; the mock saw ${calls}), ${done.status}, ` +
        `${done.progress.failures} failed; wall ${wall.toFixed(1)} s, ideal ${ideal.toFixed(1)} s at ${CONCURRENCY} in flight × ` +
        `${LATENCY_MS} ms: wall / ideal = ${(wall / ideal).toFixed(3)} (target ≤ 1.05); RSS ${Math.round(rssBefore / 2 ** 20)} → ` +
        `${Math.round(process.memoryUsage().rss / 2 ** 20)} MiB`,
    )
  } finally {
    await app.close()
    mock.stop()
    rmSync(dataDir, { recursive: true, force: true })
  }
}
console.log(`peak memory (max RSS) at the end: ${Math.round(process.resourceUsage().maxRSS / 1024)} MiB`)
