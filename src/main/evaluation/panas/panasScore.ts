import {
  PANAS_ATTITUDES,
  PANAS_FEELING_IDS,
  PANAS_FEELINGS,
  PANAS_POLARITIES,
  type PanasAttitude,
  type PanasFeeling,
  type PanasGroup,
  type PanasPhase,
  type PanasPolarity,
  type PanasResult,
} from '@shared/evaluation'
import type { RoleCardData } from '@shared/roleCard'
import { mean, std } from '../statistics'
import type { PanasRatings } from './panasParse'

/** The card's attitude group: its attitude label when it is one of the three seed attitudes, else 'unknown'. */
export function attitudeOf(card: Pick<RoleCardData, 'attitude'>): PanasAttitude {
  const label = card.attitude?.label.trim().toLowerCase()
  return (PANAS_ATTITUDES as readonly string[]).includes(label ?? '') ? (label as PanasAttitude) : 'unknown'
}

/** One judged unit as the job stores it: `ratings` null when the judge failed. */
export interface PanasUnitScore {
  dialogueId: string
  phase: PanasPhase
  round: number
  ratings: PanasRatings | null
}

type ByPolarity = Record<PanasPolarity, number | null>

export interface PanasDialogueScore {
  dialogueId: string
  attitude: PanasAttitude
  /** Each feeling's mean over the phase's readable samples (absent when it has none). */
  feelings: Record<PanasPhase, Partial<Record<PanasFeeling, number>>>
  /** Mean over samples of each polarity's mean over its 10 feelings; change = after − before. */
  before: ByPolarity
  after: ByPolarity
  change: ByPolarity
}

export type PanasAggregate = Pick<PanasResult, 'feelings' | 'polarities' | 'attitudes' | 'failures'> & {
  dialogues: PanasDialogueScore[]
}

const polarityMean = (r: PanasRatings, p: PanasPolarity) => mean(PANAS_FEELINGS[p].map((f) => r[f]))

function group(scores: PanasDialogueScore[], p: PanasPolarity): PanasGroup & { perDialogue: number[] } {
  const complete = scores.filter((d) => d.change[p] !== null)
  const perDialogue = complete.map((d) => d.change[p]!)
  return {
    n: complete.length,
    before: mean(complete.map((d) => d.before[p]!)),
    after: mean(complete.map((d) => d.after[p]!)),
    change: { mean: mean(perDialogue), std: std(perDialogue) },
    perDialogue,
  }
}

/**
 * Per dialogue: each phase's polarity score is the mean over its readable samples of the mean of the polarity's 10
 * ratings, and the change is after − before (the mean over the 10 feelings of after − before, as MAGneT reports).
 * Per dataset and per attitude group: means over the dialogues that have both phases, the change's sample SD across
 * them. `attitudes` gives each dialogue's group (dialogues absent from it count as 'unknown').
 */
export function panasAggregate(
  units: Iterable<PanasUnitScore>,
  attitudes: ReadonlyMap<string, PanasAttitude>,
): PanasAggregate {
  const samples = new Map<string, Record<PanasPhase, PanasRatings[]>>()
  let failures = 0
  for (const u of units) {
    let mine = samples.get(u.dialogueId)
    if (!mine) samples.set(u.dialogueId, (mine = { before: [], after: [] }))
    if (u.ratings === null) failures++
    else mine[u.phase].push(u.ratings)
  }

  const dialogues: PanasDialogueScore[] = [...samples].map(([dialogueId, phases]) => {
    const byPhase = (phase: PanasPhase) =>
      Object.fromEntries(
        PANAS_POLARITIES.map((p) => [
          p,
          phases[phase].length ? mean(phases[phase].map((r) => polarityMean(r, p))) : null,
        ]),
      ) as ByPolarity
    const before = byPhase('before')
    const after = byPhase('after')
    const feelings = {} as PanasDialogueScore['feelings']
    for (const phase of ['before', 'after'] as const)
      feelings[phase] = phases[phase].length
        ? Object.fromEntries(PANAS_FEELING_IDS.map((f) => [f, mean(phases[phase].map((r) => r[f]))]))
        : {}
    const change = Object.fromEntries(
      PANAS_POLARITIES.map((p) => [p, before[p] !== null && after[p] !== null ? after[p] - before[p] : null]),
    ) as ByPolarity
    return { dialogueId, attitude: attitudes.get(dialogueId) ?? 'unknown', feelings, before, after, change }
  })

  const complete = dialogues.filter((d) => PANAS_POLARITIES.every((p) => d.change[p] !== null))
  const feelings = Object.fromEntries(
    PANAS_FEELING_IDS.map((f) => [
      f,
      {
        before: mean(complete.map((d) => d.feelings.before[f]!)),
        after: mean(complete.map((d) => d.feelings.after[f]!)),
      },
    ]),
  ) as PanasResult['feelings']
  const polarities = Object.fromEntries(
    PANAS_POLARITIES.map((p) => [p, group(dialogues, p)]),
  ) as PanasResult['polarities']
  const byAttitude: PanasResult['attitudes'] = {}
  for (const a of PANAS_ATTITUDES) {
    const members = dialogues.filter((d) => d.attitude === a)
    if (!members.length) continue
    byAttitude[a] = Object.fromEntries(
      PANAS_POLARITIES.map((p) => {
        const { perDialogue: _, ...summary } = group(members, p)
        return [p, summary]
      }),
    ) as Record<PanasPolarity, PanasGroup>
  }
  return { feelings, polarities, attitudes: byAttitude, dialogues, failures }
}
