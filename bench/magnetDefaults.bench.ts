/*
 * The issue-15 defaults on the MAGneT reference figures: client fidelity (vocabulary overlap, own card against the
 * random-mapping control) and Table 1 (dataset statistics) of the 442 generated sessions of the real release.
 *
 * 1. Through the app (a throwaway workspace, as `npm run cli` does it): the 450 seed records imported as role cards
 *    (cactus), the sessions zip as a dataset (magnet; each session's intake form is its dialogue's card), then `stats`
 *    and `overlap` with complete dialogues (the default) and all dialogues (`--all-dialogues`), R as the client saw
 *    the card (the default) and as field values (`--field-values`).
 * 2. The random-mapping control over several seeds: the current control (deranged over card sources, 70f68f5) against
 *    the one before (a derangement over dialogues, `seededDerangement(n, seed)` as overlap.ts called it), for three
 *    texts R: field values with the attitude's instruction (R before d3064d7), field values, the card as seen. The
 *    current control's figures are checked against the app's.
 * 3. Item 3's figure: MAGneT counselor replies over 118 words against over 200 characters.
 *
 * Needs ../shared/ref-data (never used by `npm test`).
 *   npm run bench:defaults [-- --seeds 10] [ref-data folder, default ../shared/ref-data]
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import type { CardTextKind } from '../src/shared/evaluation'
import type { FidelityResult } from '../src/shared/evaluations/overlap'
import type { DatasetStatistics } from '../src/shared/evaluations/stats'
import type { RoleCardData } from '../src/shared/roleCard'
import { ENGLISH_WORD_LIMIT, REFINEMENT_RULES, type RefinementRule } from '../src/shared/simulation'
import { createClient } from '../src/shared/client'
import { createApp } from '../src/main/app'
import { keyFileSecretBox } from '../src/main/secrets/secretBox'
import { parseDatasetFile } from '../src/main/datasets/parseDataset'
import { parseRoleCardFile } from '../src/main/roleCards/parse'
import { seedKey } from '../src/main/evaluation/compare/pairing'
import { cardSourceKey, roleCardFidelityText } from '../src/main/evaluation/cardText'
import { seededControlPartners, seededDerangement } from '../src/main/evaluation/derangement'
import { clientText, vocabularyOverlap } from '../src/main/evaluation/overlap'
import { tTest } from '../src/main/evaluation/statistics'
import { tokenizeInThisThread } from '../src/main/evaluation/tokenizePool'
import { refinementProblems } from '../src/main/simulation/replyRules'
import { arg } from './args'

const refData = resolve(
  process.argv.slice(2).find((a) => !a.startsWith('--') && !/^\d+$/.test(a)) ?? '../shared/ref-data',
)
const SEEDS = [42, ...Array.from({ length: arg('seeds', 10) - 1 }, (_, i) => i + 1)]
const intakeFile = readFileSync(resolve(refData, 'magnet/intake_forms.json'))
const zipFile = readFileSync(resolve(refData, 'magnet/magnet-generated-sessions.zip'))

const f3 = (x: number) => x.toFixed(3)
const row = (cells: (string | number)[]) => `| ${cells.join(' | ')} |`
const table = (head: string[], rows: (string | number)[][]) =>
  [row(head), row(head.map((_, i) => (i === 0 ? '---' : '---:'))), ...rows.map(row)].join('\n')
const meanSd = (xs: number[]) => {
  const m = xs.reduce((s, x) => s + x, 0) / xs.length
  const sd = Math.sqrt(xs.reduce((s, x) => s + (x - m) ** 2, 0) / (xs.length - 1))
  return { m, sd, min: Math.min(...xs), max: Math.max(...xs) }
}

// ---- 1. Through the app ----
const dataDir = mkdtempSync(join(tmpdir(), 'simpsy-bench-defaults-'))
const app = createApp({ dataDir, mode: 'cli', secrets: keyFileSecretBox(dataDir, {}), seedExamples: false })
const api = createClient(app.dispatch)
/** The app's overlap results per setting and seed, to check the direct computation of part 2 against. */
const appOverlap = new Map<string, FidelityResult>()
try {
  const cards = await api.importRoleCards({
    fileName: 'intake_forms.json',
    contentBase64: intakeFile.toString('base64'),
    format: 'cactus',
    pool: 'seeds',
  })
  const imported = await api.importDataset({
    fileName: 'magnet-generated-sessions.zip',
    contentBase64: zipFile.toString('base64'),
    format: 'magnet',
    name: 'MAGneT',
  })
  const datasetId = imported.datasetId!
  console.log(
    `workspace: ${cards.imported} seed cards imported; MAGneT: ${imported.imported} sessions, ` +
      `${imported.withRoleCards} with role cards`,
  )

  const run = async (input: Parameters<typeof api.startEvaluation>[0]) => {
    const job = await api.startEvaluation(input)
    await app.evaluations.waitFor(job.id)
    const done = await api.getEvaluation({ id: job.id })
    if (done.status !== 'completed' || !done.result) throw new Error(`${done.kind}: ${done.status} ${done.error}`)
    return done
  }

  const statsRows: (string | number)[][] = []
  for (const dialogues of ['complete', 'all'] as const) {
    const done = await run({ kind: 'stats', datasetIds: [datasetId], dialogues })
    const s = (done.result as { datasets: DatasetStatistics[] }).datasets[0]
    const out = done.leftOut[0]
    statsRows.push([
      dialogues === 'all' ? '--all-dialogues' : 'complete (default)',
      out ? `${out.flagged} flagged, ${out.unfinished} unfinished` : '—',
      s.conversations,
      s.avgTurns.toFixed(1),
      s.clientUtterances,
      s.counselorUtterances,
      s.avgClientChars.toFixed(1),
      s.avgCounselorChars.toFixed(1),
      s.avgClientWords?.toFixed(1) ?? '—',
      s.avgCounselorWords?.toFixed(1) ?? '—',
    ])
  }
  console.log('\nTable 1 (stats) of the MAGneT sessions, through the app\n')
  console.log(
    table(
      [
        'Dialogues',
        'Left out',
        'Conversations',
        'Avg. turns',
        'Client utt.',
        'Counselor utt.',
        'Client chars',
        'Counselor chars',
        'Client words',
        'Counselor words',
      ],
      statsRows,
    ),
  )

  const overlapRows: (string | number)[][] = []
  for (const dialogues of ['complete', 'all'] as const)
    for (const cardText of ['as-seen', 'field-values'] as const)
      for (const seed of dialogues === 'complete' ? SEEDS : [42]) {
        const done = await run({ kind: 'overlap', datasetIds: [datasetId], dialogues, config: { cardText, seed } })
        const r = (done.result as { datasets: FidelityResult[] }).datasets[0]
        appOverlap.set(`${dialogues}/${cardText}/${seed}`, r)
        if (seed !== 42) continue
        const c = r.comparison
        overlapRows.push([
          `${dialogues === 'all' ? '--all-dialogues' : 'complete'}, R ${cardText}, seed ${seed}`,
          f3(c.a.mean),
          f3(c.b.mean),
          c.t.toFixed(2),
          f3(c.cohensD),
          c.a.n,
          r.skipped,
        ])
      }
  console.log('\nVocabulary overlap (mapping vs random control), through the app, current control\n')
  console.log(table(['Setting', 'Mapping mean', 'Random mean', 't', "Cohen's d", 'n', 'Skipped'], overlapRows))
} finally {
  await app.close()
  rmSync(dataDir, { recursive: true, force: true })
}

// ---- 2. The control before and after 70f68f5, per text R and seed ----
const seeds = parseRoleCardFile('intake_forms.json', intakeFile, 'cactus').cards.map((c) => c.card)
const sessions = parseDatasetFile('magnet-generated-sessions.zip', zipFile, 'magnet').dialogues
const withCard = sessions.filter((d) => d.roleCard) as ((typeof sessions)[number] & { roleCard: RoleCardData })[]
const seedByKey = new Map(seeds.map((card) => [seedKey(card), card]))
const kinds: { label: string; text: (card: RoleCardData) => string }[] = [
  {
    label: 'field values + attitude instruction (R before d3064d7)',
    // Without the attitude, roleCardFidelityText keeps the resistance, which the importer fills with the instruction.
    text: (card) => roleCardFidelityText({ ...card, attitude: null }, 'field-values'),
  },
  { label: 'field values (--field-values)', text: (card) => roleCardFidelityText(card, 'field-values') },
  { label: 'as seen (default)', text: (card) => roleCardFidelityText(card, 'as-seen') },
]
const sameAsSeed = (kind: CardTextKind) =>
  withCard.filter((d) => {
    const seed = seedByKey.get(seedKey(d.roleCard))
    return seed && roleCardFidelityText(seed, kind) === roleCardFidelityText(d.roleCard, kind)
  }).length
const groups = withCard.map((d) => cardSourceKey(d.roleCard))
console.log(
  `\nsessions with a card: ${withCard.length}; their card's R equals their seed record's: as seen ` +
    `${sameAsSeed('as-seen')}, field values ${sameAsSeed('field-values')}; card sources (intake forms): ` +
    `${new Set(groups).size}; seed records: ${seeds.length}`,
)

const options = { removeStopWords: false }
const clients = (
  await tokenizeInThisThread(
    withCard.map((d) => ({ language: d.language, text: clientText(d.messages) })),
    options,
  )
).map((t) => new Set(t))
const controls = {
  'old: derangement of dialogues': (seed: number) => seededDerangement(withCard.length, seed),
  'new: derangement of sources': (seed: number) => seededControlPartners(groups, seed),
}
const sweep: (string | number)[][] = []
const perSeed: (string | number)[][] = []
const dsLines: string[] = []
let checked = 0
for (const kind of kinds) {
  const cards = (
    await tokenizeInThisThread(
      withCard.map((d) => ({ language: d.roleCard.language, text: kind.text(d.roleCard) })),
      options,
    )
  ).map((t) => new Set(t))
  if (cards.some((c) => c.size === 0)) throw new Error('a card without words: the app would skip it')
  const mapping = clients.map((s, i) => vocabularyOverlap(s, cards[i]))
  for (const [name, partners] of Object.entries(controls)) {
    const ds: number[] = []
    const randoms: number[] = []
    let sameSource = 0
    for (const seed of SEEDS) {
      const other = partners(seed)
      sameSource += other.filter((j, i) => groups[j] === groups[i]).length
      const random = clients.map((s, i) => vocabularyOverlap(s, cards[other[i]]))
      const c = tTest(mapping, random, 'welch')
      ds.push(c.cohensD)
      randoms.push(c.b.mean)
      const appKind = kind.label.startsWith('as seen')
        ? 'as-seen'
        : kind.label.startsWith('field values (')
          ? 'field-values'
          : null
      const fromApp = name.startsWith('new') && appKind ? appOverlap.get(`complete/${appKind}/${seed}`) : undefined
      if (fromApp) {
        if (Math.abs(fromApp.comparison.cohensD - c.cohensD) > 1e-12 || Math.abs(fromApp.comparison.t - c.t) > 1e-9)
          throw new Error(`direct computation differs from the app: ${kind.label}, seed ${seed}`)
        checked++
      }
      if (seed === 42)
        perSeed.push([kind.label, name, f3(c.a.mean), f3(c.b.mean), c.t.toFixed(2), f3(c.cohensD), c.a.n])
    }
    dsLines.push(`${kind.label}, ${name}: ${ds.map(f3).join(', ')}`)
    const d = meanSd(ds)
    const r = meanSd(randoms)
    sweep.push([
      kind.label,
      name,
      f3(r.m),
      `${f3(d.m)} ± ${f3(d.sd)}`,
      `${f3(d.min)} – ${f3(d.max)}`,
      (sameSource / SEEDS.length).toFixed(1),
    ])
  }
}
console.log(
  `\nOverlap at seed 42, control before and after 70f68f5 (Welch; the new control's figures equal the app's)\n`,
)
console.log(table(['R', 'Control', 'Mapping mean', 'Random mean', 't', "Cohen's d", 'n'], perSeed))
console.log(
  `\nOver ${SEEDS.length} seeds (${SEEDS.join(', ')}): Cohen's d mean ± SD, range; controls from the same intake form\n`,
)
console.log(
  table(['R', 'Control', 'Random mean (avg.)', "Cohen's d", 'd range', 'Same-source controls / 442 (avg.)'], sweep),
)
console.log(`\nCohen's d per seed (${SEEDS.join(', ')}):\n${dsLines.join('\n')}`)
console.log(`(${checked} direct results checked against the app's)`)

// ---- 3. Item 3: the English word limit on MAGneT's counselor replies ----
const replies = sessions.flatMap((d) => d.messages.filter((m) => m.speaker === 'counselor').map((m) => m.content))
const rule: RefinementRule = REFINEMENT_RULES.counselor
const lengthOnly = { ...rule, noLineBreaks: false, noEnumeration: false }
const share = (n: number) => `${n} (${((100 * n) / replies.length).toFixed(1)}%)`
const rejected = (r: RefinementRule) => replies.filter((text) => refinementProblems(text, r, 'en').length > 0).length
const chars200 = { maxChars: { zh: 200, en: 200 }, maxWords: { zh: null, en: null } }
console.log(`\nItem 3: MAGneT counselor replies (${replies.length}) a refinement rule rejects\n`)
console.log(
  table(
    ['Limit', 'Length only', 'Whole rule (one line, no enumeration)'],
    [
      [`${ENGLISH_WORD_LIMIT} words`, share(rejected(lengthOnly)), share(rejected(rule))],
      ['200 characters', share(rejected({ ...lengthOnly, ...chars200 })), share(rejected({ ...rule, ...chars200 }))],
    ],
  ),
)
