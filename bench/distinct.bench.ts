/**
 * Distinct-n / EAD (src/main/evaluation/distinct):
 * (a) speed: word-level Distinct-1/2/3 + EAD of 10,000 dialogues, both speakers, pooled and per dialogue, timed
 *     from the dialogues in memory to the result (tokenizing included): the SmileChat sample (Chinese, jieba)
 *     repeated to 10,000, the sample as is (each dialogue once: repeated texts are cut once, so this shows the cost
 *     without repeats), and the MAGneT sessions (English, 3,000 words each) repeated to 10,000. Target: under 2 s.
 *     Per phase: when the word workers were done, how long this thread waited for them, how long it counted; the
 *     peak RSS of the process (all threads) so far.
 * (b) fidelity: word-level Distinct-1/2/3 of the 442 released MAGneT sessions with MAGneT's cleaning, next to the
 *     reference figures (../shared/reference/magnet.md) and to an independent computation in Python
 *     (bench/distinct_reference.py), compared count by count, pooled and per session.
 * Run: npm run bench:distinct [-- --dialogues 10000]
 */
import { execFileSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { availableParallelism, loadavg } from 'node:os'
import { join } from 'node:path'
import { parseDatasetFile } from '../src/main/datasets/parseDataset'
import {
  computeDistinct,
  distinctWithTokenizer,
  emptyTimings,
  parseDistinctOptions,
  type DistinctDialogue,
  type DistinctResult,
} from '../src/main/evaluation/distinct/distinct'
import { asSessionTexts, magnetCleaningTokenizer } from '../src/main/evaluation/distinct/magnetCleaning'
import { createWordPool } from '../src/main/evaluation/distinct/wordPool'
import { arg } from './args'

const DIALOGUES = arg('dialogues', 10000)
const REF = join(import.meta.dirname, '..', '..', 'shared', 'ref-data')
const SMILE = join(REF, 'smile', 'smilechat_sample_3000.jsonl.gz')
const SMILE_FULL = join(REF, 'smile', 'smilechat_full.jsonl.gz')
const MAGNET = join(REF, 'magnet', 'magnet-generated-sessions.zip')
// ../shared/reference/magnet.md, "Diversity": word level, MAGneT's cleaning, 442 sessions.
const REFERENCE = { tokens: 1_367_266, distinct: [0.0085, 0.0798, 0.2208] }

function read(file: string): DistinctDialogue[] {
  const parsed = parseDatasetFile(file, readFileSync(file))
  // The importer refuses a file with a bad record; here the readable dialogues are enough.
  if (parsed.errors.length) console.log(`(${file}: ${parsed.errors.length} records not readable, left out)`)
  return parsed.dialogues.map((d) => ({ id: d.externalId, language: d.language, messages: d.messages }))
}

const repeatTo = (dialogues: DistinctDialogue[], count: number) =>
  Array.from({ length: count }, (_, i) => dialogues[i % dialogues.length])

const summary = (r: DistinctResult) =>
  `${r.pooled.tokens.toLocaleString('en')} tokens, ` +
  r.pooled.ngrams.map((g) => `distinct-${g.n} ${g.distinct?.toFixed(4)}`).join(', ') +
  `, EAD ${r.pooled.ead?.toFixed(4)} (V ${r.vocabulary.size.toLocaleString('en')}, ${r.vocabulary.source})`

const pool = createWordPool()
const options = { speakers: 'both', tokenizer: { kind: 'words' }, maxN: 3 } as const

const ms = (x: number) => `${(x / 1000).toFixed(2)} s`
/** Peak resident memory of the process so far (all threads). */
const peakRss = () => `${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`

async function timed(label: string, dialogues: DistinctDialogue[]) {
  // Workers start and load jieba's dictionary once per app run: warm them (and this thread) first, as an app would be.
  await computeDistinct(dialogues.slice(0, 1000), options, { wordPool: pool })
  await computeDistinct(dialogues.slice(0, 1), options)
  const messages = dialogues.reduce((sum, d) => sum + d.messages.length, 0)
  const texts = new Set(dialogues.flatMap((d) => d.messages.map((m) => m.content))).size
  console.log(
    `${label}: ${dialogues.length} dialogues, ${messages.toLocaleString('en')} messages ` +
      `(${texts.toLocaleString('en')} different texts)`,
  )
  for (const [how, context] of [
    [`${pool.size} word workers`, { wordPool: pool }],
    ['this thread only', {}],
  ] as const) {
    const timings = emptyTimings()
    const start = performance.now()
    const cpu = process.cpuUsage()
    const result = await computeDistinct(dialogues, options, { ...context, timings })
    const wall = performance.now() - start
    const used = process.cpuUsage(cpu)
    // CPU time (all threads) says what the work costs when other processes share the cores and stretch the wall time.
    const cpuSeconds = (used.user + used.system) / 1e6
    const phases =
      'wordPool' in context
        ? `workers done at ${ms(timings.workersDoneMs)}, this thread waited ${ms(timings.waitMs)} for them, ` +
          `counted ${ms(timings.countMs)}`
        : `tokenize ${ms(timings.tokenizeMs)}, count ${ms(timings.countMs)}`
    console.log(
      `  ${how}: ${ms(wall)} wall (target < 2 s), ${cpuSeconds.toFixed(2)} s CPU; ${phases}; ` +
        `${timings.textsCut.toLocaleString('en')} texts cut; peak RSS ${peakRss()}\n    ${summary(result)}`,
    )
  }
}

interface PythonCounts {
  tokens: number
  total: number[]
  unique: number[]
  perSession: Record<string, number[]>
}

function fidelity(sessions: DistinctDialogue[]) {
  console.log(`\nMAGneT released sessions (${sessions.length}), word level, n-grams within each session, pooled:`)
  const options = parseDistinctOptions({ speakers: 'both', maxN: 3 })
  const asOneText = asSessionTexts(sessions)
  const variants = {
    magnet: distinctWithTokenizer(asOneText, options, magnetCleaningTokenizer(false)),
    'magnet-lower': distinctWithTokenizer(asOneText, options, magnetCleaningTokenizer(true)),
  }
  console.log(
    `  reference (magnet.md)            : ${REFERENCE.tokens.toLocaleString('en')} tokens, ` +
      REFERENCE.distinct.map((d, i) => `distinct-${i + 1} ${d.toFixed(4)}`).join(', '),
  )
  console.log(`  MAGneT cleaning, case kept       : ${summary(variants.magnet)}`)
  console.log(`  MAGneT cleaning, lower-cased     : ${summary(variants['magnet-lower'])}`)
  return variants
}

function comparePython(variants: Record<string, DistinctResult>) {
  let python: Record<string, PythonCounts> & { sessions: number }
  try {
    const out = execFileSync('python3', [join(import.meta.dirname, 'distinct_reference.py'), MAGNET], {
      maxBuffer: 64 * 1024 * 1024,
    })
    python = JSON.parse(out.toString('utf8'))
  } catch (error) {
    console.log(`  (python3 comparison not run: ${(error as Error).message.split('\n')[0]})`)
    return
  }
  for (const [name, ours] of Object.entries(variants)) {
    const theirs = python[name]
    const pooledSame =
      theirs.tokens === ours.pooled.tokens &&
      ours.pooled.ngrams.every((g, i) => g.total === theirs.total[i] && g.unique === theirs.unique[i])
    let sessionsSame = 0
    for (const d of ours.perDialogue) {
      const own = theirs.perSession[String(d.id)]
      if (own && d.ngrams.every((g, i) => g.unique === own[i])) sessionsSame++
    }
    console.log(
      `  python3 (${name}): ${theirs.tokens.toLocaleString('en')} tokens, unique ${theirs.unique.join('/')}; ` +
        `pooled counts ${pooledSame ? 'identical' : 'DIFFERENT'}, per-session counts identical for ` +
        `${sessionsSame}/${ours.perDialogue.length} sessions`,
    )
  }
}

async function main() {
  console.log(
    `(loadavg ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')} on ${availableParallelism()} cores)`,
  )
  if (existsSync(SMILE)) {
    const smile = read(SMILE)
    await timed('SmileChat sample (zh) repeated', repeatTo(smile, DIALOGUES))
    // Each dialogue once: what the repeats saved by cutting each different text once.
    await timed('SmileChat sample (zh) as is, no repeats', smile)
  } else console.log(`SmileChat sample not found at ${SMILE}: speed not measured on it`)
  // 10,000 different dialogues (nothing repeated, so nothing is cut once for several): the full corpus's first ones.
  if (existsSync(SMILE_FULL))
    await timed('SmileChat full corpus (zh), first dialogues', read(SMILE_FULL).slice(0, DIALOGUES))
  if (!existsSync(MAGNET)) {
    console.log(`MAGneT sessions not found at ${MAGNET}: fidelity not checked`)
    return
  }
  const sessions = read(MAGNET)
  await timed('MAGneT sessions (en) repeated', repeatTo(sessions, DIALOGUES))
  const variants = fidelity(sessions)
  comparePython(variants)
  const ours = await computeDistinct(sessions, { speakers: 'both' })
  console.log(`  workbench words (tokenize.ts)    : ${summary(ours)}`)
  console.log(
    `  (loadavg ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')} on ${availableParallelism()} cores)`,
  )
}

try {
  await main()
} finally {
  await pool.close()
}
