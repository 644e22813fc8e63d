/*
 * Pairing on the real MAGneT release: the 442 generated sessions against the role cards the importer makes from the
 * 450 seed records (intake_forms.json), by seed key, and a paired comparison table of two per-dialogue quantities
 * to show the output. Then the time to pair and compare 10,000 synthetic dialogues per side.
 *
 *   npx tsx bench/pairing.bench.ts [--dialogues 10000] [ref-data folder, default ../shared/ref-data]
 */
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { performance } from 'node:perf_hooks'
import { parseDatasetFile } from '../src/main/datasets/parseDataset'
import {
  compareDatasets,
  renderComparison,
  type ComparisonDataset,
} from '../src/main/evaluation/compare/comparisonTable'
import { pairDialogues, seedKey } from '../src/main/evaluation/compare/pairing'
import { parseRoleCardFile } from '../src/main/roleCards/parse'
import { arg } from './args'

const refData = resolve(
  process.argv.slice(2).find((a) => !a.startsWith('--') && !/^\d+$/.test(a)) ?? '../shared/ref-data',
)
const seeds = parseRoleCardFile(
  'intake_forms.json',
  readFileSync(resolve(refData, 'magnet/intake_forms.json')),
  'cactus',
)
const sessions = parseDatasetFile(
  'magnet-generated-sessions.zip',
  readFileSync(resolve(refData, 'magnet/magnet-generated-sessions.zip')),
  'magnet',
)
console.log(`seed cards: ${seeds.cards.length} (errors ${seeds.errors.length}); sessions: ${sessions.dialogues.length}`)

// A run on the workspace's cards would carry each card's id; the sessions carry imported snapshots.
const cardSide = seeds.cards.map(({ card }, i) => ({
  id: `card-run-${i + 1}`,
  roleCardId: `card-${i + 1}`,
  seedKey: seedKey(card),
}))
const sessionSide = sessions.dialogues.map((d) => ({
  id: d.externalId ?? `row-${d.row}`,
  roleCardId: `imported:${d.row}`,
  seedKey: d.roleCard ? seedKey(d.roleCard) : null,
}))
let t0 = performance.now()
const pairing = pairDialogues(cardSide, sessionSide)
console.log(
  `pairs: ${pairing.pairs.length} (by card ${pairing.byCard}, by seed ${pairing.bySeed}); distinct seed keys ` +
    `${new Set(cardSide.map((d) => d.seedKey)).size}; cards without a session: ${pairing.unpaired.a.length}; ` +
    `sessions without a card: ${pairing.unpaired.b.length}; ${(performance.now() - t0).toFixed(1)} ms`,
)
const sessionOfRow = (key: string) => pairing.pairs.find((p) => p.key === key)?.b[0]
const misnumbered = cardSide.filter((c, i) => {
  const s = sessionOfRow(c.seedKey)
  return s !== undefined && s !== `session_${i + 1}`
}).length
console.log(`pairs where session_N is not seed record N: ${misnumbered}`)

// Two per-dialogue quantities of the sessions, split by the seed's attitude into two "datasets" is not paired; to
// show a paired table, compare the first and second half of each session (same seed on both sides).
const half = (first: boolean): ComparisonDataset => ({
  id: first ? 'first-half' : 'second-half',
  name: first ? 'Messages 1-21' : 'Messages 22-42',
  dialogues: sessions.dialogues.map((d, i) => {
    const part = first ? d.messages.slice(0, 21) : d.messages.slice(21)
    const counselor = part.filter((m) => m.speaker === 'counselor').map((m) => m.content.length)
    const client = part.filter((m) => m.speaker === 'client').map((m) => m.content.length)
    const avg = (xs: number[]) => (xs.length ? xs.reduce((s, x) => s + x, 0) / xs.length : null)
    return {
      ...sessionSide[i],
      id: `${first ? 'a' : 'b'}-${sessionSide[i].id}`,
      values: { counselor: avg(counselor), client: avg(client) },
    }
  }),
})
const table = compareDatasets({
  title: 'MAGneT sessions: first against second half',
  metrics: [
    { key: 'counselor', label: 'Counselor chars / message', digits: 1 },
    { key: 'client', label: 'Client chars / message', digits: 1 },
  ],
  datasets: [half(true), half(false)],
  referenceId: 'first-half',
  test: 'wilcoxon',
  provenance: ['source: MAGneT generated sessions (UKPLab/arxiv2025-magnet)'],
})
console.log(renderComparison(table, 'markdown').content)

const n = arg('dialogues', 10000)
const synthetic = (name: string, shift: number): ComparisonDataset => ({
  id: name,
  name,
  dialogues: Array.from({ length: n }, (_, i) => ({
    id: `${name}-${i}`,
    roleCardId: `card-${i % (n / 2)}`,
    seedKey: null,
    values: { score: 3 + Math.sin(i) + shift, other: 4 + Math.cos(i * 7) },
  })),
})
t0 = performance.now()
const big = compareDatasets({
  title: 'synthetic',
  metrics: [
    { key: 'score', label: 'Score' },
    { key: 'other', label: 'Other' },
  ],
  datasets: [synthetic('A', 0), synthetic('B', 0.01), synthetic('C', 0.02)],
  referenceId: 'A',
  test: 'wilcoxon',
  provenance: [],
})
console.log(
  `compare 3 datasets × ${n} dialogues (2 samples per card), 2 metrics, Wilcoxon: ` +
    `${(performance.now() - t0).toFixed(0)} ms; pairs ${big.pairings.B.pairs.length}`,
)
