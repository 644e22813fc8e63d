import { createHash } from 'node:crypto'
import type { ArenaReport, Battle, RatingRow, RatingSettings } from '@shared/arena'
import type { ArenaRecord } from '../db/arenaRepo'
import type { LlmUsage } from '../db/llmCallRepo'
import type { Table } from '../evaluation/tables'
import { bootstrapBradleyTerry, bradleyTerry } from './bradleyTerry'
import { battleCountMatrix, contestantIndex, onlineElo, pairwiseGames, winRateMatrix } from './ratings'
import { plural } from '@shared/plural'

export interface ArenaDecision {
  dialogueId: string
  candidates: string[]
  /** A contestant name, 'tie', 'both_bad', or null when the referee failed. */
  choice: string | null
}

export interface ArenaReportInput {
  arenaIds: string[]
  referee: 'llm' | 'human'
  annotator: string | null
  settings: RatingSettings
  contestants: string[]
  /** In log order: online Elo depends on it. */
  decisions: ArenaDecision[]
  provenance: string
}

const isTie = (choice: string) => choice === 'tie' || choice === 'both_bad'

/**
 * Ratings and counts for one arena (or several pooled). Failed decisions are
 * left out of the ratings but counted; tie and both_bad are ties. A dialogue
 * counts for a contestant if it was a candidate in any of its decisions.
 */
/** What a report was made from, in one line per arena: referee, seed, pinned referee prompt and each contestant. */
export function arenaProvenance(
  arenas: ArenaRecord[],
  look: {
    /** "name (model)" of an endpoint id, or the id when the endpoint was deleted since. */
    endpoint: (id: string) => string
    /** Tokens and cost the arena's calls spent. */
    usage: (arenaId: string) => LlmUsage
  },
): string {
  return arenas
    .map((a) => {
      const referee =
        a.config.referee.kind === 'llm'
          ? `LLM referee (${a.config.referee.variant}, ${look.endpoint(a.config.referee.endpointId)})`
          : 'human referees'
      const counselor = (c: (typeof a.config.contestants)[number]) =>
        c.method && c.method.kind !== 'three-stage'
          ? `method ${JSON.stringify(c.method)}`
          : c.prompt.kind === 'template'
            ? `template ${c.prompt.templateId}`
            : 'custom prompt'
      const who = a.config.contestants.map((c) => `${c.name}: ${look.endpoint(c.endpointId)}, ${counselor(c)}`)
      const focal = a.config.focal ? `, focal ${a.config.focal}` : ''
      const u = look.usage(a.id)
      const spent = `${plural(u.calls, 'call', 'calls')}, ${u.promptTokens} prompt + ${plural(u.completionTokens, 'completion token', 'completion tokens')}${
        u.cost === null ? '' : `, cost ${u.cost.toFixed(4)} (in the endpoints' price unit)`
      }`
      return `arena ${a.name} (${a.id}), k=${a.config.k}${focal}, ${referee}, seed ${a.config.seed}, referee prompt ${a.pinned.refereePromptVersion}; contestants: ${who.join('; ')}; spent: ${spent}`
    })
    .join(' | ')
}

export function buildArenaReport(input: ArenaReportInput): ArenaReport {
  const { contestants, settings } = input
  const indexOf = contestantIndex(contestants)
  const battles: Battle[] = []
  const dialogues = contestants.map(() => new Set<string>())
  const selections = contestants.map(() => 0)
  let ties = 0
  let failures = 0
  for (const d of input.decisions) {
    for (const c of d.candidates) dialogues[indexOf(c)].add(d.dialogueId)
    if (d.choice === null) {
      failures++
      continue
    }
    if (isTie(d.choice)) {
      ties++
      battles.push({ contestants: d.candidates, winner: null })
      continue
    }
    if (!d.candidates.includes(d.choice))
      throw new Error(
        `dialogue ${d.dialogueId}: choice "${d.choice}" is not one of the candidates ${JSON.stringify(d.candidates)}`,
      )
    selections[indexOf(d.choice)]++
    battles.push({ contestants: d.candidates, winner: d.choice })
  }
  const games = pairwiseGames(battles)
  const points = new Map(contestants.map((c) => [c, { played: 0, scored: 0 }]))
  for (const g of games) {
    points.get(g.a)!.played++
    points.get(g.b)!.played++
    points.get(g.a)!.scored += g.scoreA
    points.get(g.b)!.scored += 1 - g.scoreA
  }
  const unbounded = contestants.filter((c) => {
    const p = points.get(c)!
    return p.played > 0 && (p.scored === 0 || p.scored === p.played)
  })
  const elo = onlineElo(games, contestants, settings)
  const bt = bradleyTerry(games, contestants, settings)
  const ci = bootstrapBradleyTerry(battles, contestants, settings)
  const rows: RatingRow[] = contestants.map((c, i) => ({
    contestant: c,
    dialogues: dialogues[i].size,
    selections: selections[i],
    selectionsPerDialogue: dialogues[i].size === 0 ? 0 : selections[i] / dialogues[i].size,
    elo: elo[c],
    bt: bt[c],
    btLow: ci[c].low,
    btHigh: ci[c].high,
  }))
  rows.sort((x, y) => y.elo - x.elo || x.contestant.localeCompare(y.contestant))
  return {
    arenaIds: input.arenaIds,
    referee: input.referee,
    annotator: input.annotator,
    settings,
    rows,
    contestants,
    battleCounts: battleCountMatrix(battles, contestants),
    winRates: winRateMatrix(games, contestants),
    battles: battles.length,
    ties,
    failures,
    unbounded,
    provenance: input.provenance,
  }
}

const round = (x: number | null, digits: number) => (x === null ? null : Number(x.toFixed(digits)))

function provenanceLines(report: ArenaReport, generatedAt: Date): string[] {
  const s = report.settings
  return [
    `arenas: ${report.arenaIds.join(', ')}`,
    `referee: ${report.referee}${report.referee === 'human' ? `; annotator: ${report.annotator ?? 'all annotators'}` : ''}`,
    `ratings: online Elo K=${s.k}, initial ${s.initial}, scale ${s.scale}, base ${s.base}; Bradley–Terry (mean rating = initial), 95% CI from ${s.bootstrapRounds} bootstrap rounds, seed ${s.seed}`,
    `battles: ${report.battles} rated (${report.ties} ties or both bad); referee failures: ${report.failures} (not rated)`,
    ...(report.unbounded.length
      ? [
          `won or lost every game (Bradley–Terry has no finite estimate; the value shown is held by the weak prior): ${report.unbounded.join(', ')}`,
        ]
      : []),
    ...(report.provenance ? [report.provenance] : []),
    `generated: ${generatedAt.toISOString()} by SimPsy Workbench`,
  ]
}

/** A LaTeX label for one of a report's tables: the same for the same arenas, referee and annotator. */
const labelOf = (report: ArenaReport, table: string) =>
  `arena-${report.referee}-${table}-${createHash('sha256')
    .update(JSON.stringify([report.arenaIds, report.referee, report.annotator]))
    .digest('hex')
    .slice(0, 8)}`

/** The leaderboard, highest Elo first. */
export function reportTable(report: ArenaReport, generatedAt = new Date()): Table {
  return {
    title: report.referee === 'human' ? 'Counselor arena (human referee)' : 'Counselor arena (LLM referee)',
    label: labelOf(report, 'ratings'),
    columns: ['Contestant', 'Dialogues', 'Selections', 'Avg. selections per dialogue', 'Elo', 'BT', 'BT 95% CI'],
    formats: ['text', 0, 0, 2, 1, 1, 'text'],
    rows: report.rows.map((r) => [
      r.contestant,
      r.dialogues,
      r.selections,
      round(r.selectionsPerDialogue, 2),
      round(r.elo, 1),
      round(r.bt, 1),
      `[${r.btLow.toFixed(1)}, ${r.btHigh.toFixed(1)}]`,
    ]),
    provenance: provenanceLines(report, generatedAt),
  }
}

/** Battle counts and win rates between every pair of contestants (row against column). */
export function matrixTables(report: ArenaReport, generatedAt = new Date()): Table[] {
  const provenance = provenanceLines(report, generatedAt)
  const columns = ['Contestant', ...report.contestants]
  return [
    {
      title: 'Battles between contestants',
      label: labelOf(report, 'battles'),
      columns,
      formats: ['text', ...report.contestants.map(() => 0)],
      rows: report.contestants.map((c, i) => [c, ...report.battleCounts[i].map((n, j) => (i === j ? null : n))]),
      provenance,
    },
    {
      title: 'Win rate of row against column (ties count half)',
      label: labelOf(report, 'win-rates'),
      columns,
      formats: ['text', ...report.contestants.map(() => 3)],
      rows: report.contestants.map((c, i) => [c, ...report.winRates[i].map((w) => round(w, 3))]),
      provenance,
    },
  ]
}
