import { createHash } from 'node:crypto'
import type { RoleCardData } from '@shared/roleCard'
import { mean } from '../statistics'

/*
 * Pairing the dialogues of two datasets that were generated from (or imported with) the same clients, so that a
 * paired test compares two methods on the same role card or seed record.
 *
 * Two keys, tried in order:
 * 1. the role card id: two runs on the workspace's cards share the card's id;
 * 2. the seed key, a fingerprint of what the card says about the client: an imported dataset's dialogues carry a card
 *    snapshot whose id is the dataset's own (`<datasetId>:<position>`), so a MAGneT session and a run on the card the
 *    role-card importer made from the same CACTUS seed record share no id. They share the record's content: both
 *    importers read the record through the same CACTUS mapping, and only the card's source, provenance (which names
 *    the file: "intake_forms.json #12" against "sessions.zip: magnet-generated-data/session_12.json") and notes
 *    (the seed's ground-truth techniques, which sessions lack) differ. The key is taken over the profile, complaint,
 *    attitude and seed lines, leaving those out.
 * A dataset may hold several dialogues per card (samplesPerCard > 1, or the same seed imported twice): they are one
 * unit, whose value is the mean of its dialogues' values, so each card counts once in a paired test.
 */

/** A dialogue as pairing sees it. */
export interface PairingDialogue {
  id: string
  roleCardId: string | null
  /** seedKey(roleCard) of the dialogue's card snapshot; null without a card. */
  seedKey: string | null
}

type SeedFields = Pick<
  RoleCardData,
  | 'name'
  | 'gender'
  | 'age'
  | 'occupation'
  | 'education'
  | 'maritalStatus'
  | 'family'
  | 'complaint'
  | 'attitude'
  | 'seed'
>

const squash = (s: string | null | undefined) => (s ?? '').replace(/\s+/g, ' ').trim()

/**
 * A fingerprint of the client a card describes (whitespace-insensitive): profile, complaint body, attitude and seed
 * lines. Cards that differ only in id, title, tags, source, provenance, notes or pool get the same key.
 */
export function seedKey(card: SeedFields): string {
  const parts = [
    card.name,
    card.gender,
    card.age === null ? '' : String(card.age),
    card.occupation,
    card.education,
    card.maritalStatus,
    card.family,
    card.complaint.body,
    card.attitude?.label,
    card.attitude?.instruction,
    card.seed?.clientInformation,
    card.seed?.reasonForCounseling,
    card.seed?.counselorOpening,
    card.seed?.clientOpening,
  ].map(squash)
  return createHash('sha256').update(JSON.stringify(parts)).digest('hex').slice(0, 24)
}

/** The pairing view of a stored dialogue (DialogueDetail or anything with its id, card id and card snapshot). */
export function pairingDialogue(d: { id: string; roleCardId: string | null; roleCard: SeedFields | null }) {
  return { id: d.id, roleCardId: d.roleCardId, seedKey: d.roleCard ? seedKey(d.roleCard) : null }
}

/** One card (or seed) present in both datasets: the dialogues on each side. */
export interface Pair {
  /** 'card' = same role card id; 'seed' = same seed key. */
  by: 'card' | 'seed'
  key: string
  a: string[]
  b: string[]
}

export interface UnpairedDialogue {
  dialogueId: string
  reason: 'no role card' | 'no partner'
}

export interface Pairing {
  pairs: Pair[]
  byCard: number
  bySeed: number
  /** The most dialogues a unit holds on either side (> 1: values were averaged per card before testing). */
  maxSamplesPerUnit: number
  unpaired: { a: UnpairedDialogue[]; b: UnpairedDialogue[] }
}

function groupBy(dialogues: readonly PairingDialogue[], key: (d: PairingDialogue) => string | null) {
  const groups = new Map<string, string[]>()
  for (const d of dialogues) {
    const k = key(d)
    if (k === null) continue
    const list = groups.get(k)
    if (list) list.push(d.id)
    else groups.set(k, [d.id])
  }
  return groups
}

/**
 * Pairs the dialogues of a with those of b: first by role card id, then the rest by seed key. Pairs come in a's
 * order. Dialogues left over are listed with the reason: no card at all, or no dialogue on the other side shares
 * its card or seed.
 */
export function pairDialogues(a: readonly PairingDialogue[], b: readonly PairingDialogue[]): Pairing {
  for (const [name, list] of [
    ['a', a],
    ['b', b],
  ] as const) {
    const seen = new Set<string>()
    for (const d of list) {
      if (seen.has(d.id)) throw new Error(`dataset ${name} lists dialogue "${d.id}" twice`)
      seen.add(d.id)
    }
  }
  const pairs: Pair[] = []
  const paired = new Set<string>()
  const stage = (by: Pair['by'], key: (d: PairingDialogue) => string | null) => {
    const left = a.filter((d) => !paired.has(d.id))
    const right = groupBy(
      b.filter((d) => !paired.has(d.id)),
      key,
    )
    for (const [k, ids] of groupBy(left, key)) {
      const partner = right.get(k)
      if (!partner) continue
      pairs.push({ by, key: k, a: ids, b: partner })
      for (const id of [...ids, ...partner]) paired.add(id)
    }
  }
  stage('card', (d) => d.roleCardId)
  stage('seed', (d) => d.seedKey)
  const leftover = (list: readonly PairingDialogue[]): UnpairedDialogue[] =>
    list
      .filter((d) => !paired.has(d.id))
      .map((d) => ({
        dialogueId: d.id,
        reason: d.roleCardId === null && d.seedKey === null ? 'no role card' : 'no partner',
      }))
  return {
    pairs,
    byCard: pairs.filter((p) => p.by === 'card').length,
    bySeed: pairs.filter((p) => p.by === 'seed').length,
    maxSamplesPerUnit: Math.max(0, ...pairs.map((p) => Math.max(p.a.length, p.b.length))),
    unpaired: { a: leftover(a), b: leftover(b) },
  }
}

export interface PairedValues {
  /** One value per pair: the mean over that side's dialogues with a value. */
  a: number[]
  b: number[]
  /** `card:<id>` or `seed:<key>` per pair. */
  keys: string[]
  /** Pairs left out because one side had no value. */
  dropped: number
  /** Dialogues whose values went into a and b. */
  dialoguesA: number
  dialoguesB: number
}

/**
 * The paired values of one metric: per pair, the mean of each side's dialogues that have a finite value. A pair
 * where either side has none is left out (counted in `dropped`).
 */
export function pairedValues(
  pairing: Pairing,
  valueA: (dialogueId: string) => number | null | undefined,
  valueB: (dialogueId: string) => number | null | undefined,
): PairedValues {
  const finite = (ids: string[], value: (id: string) => number | null | undefined) =>
    ids.map(value).filter((v): v is number => typeof v === 'number' && Number.isFinite(v))
  const out: PairedValues = { a: [], b: [], keys: [], dropped: 0, dialoguesA: 0, dialoguesB: 0 }
  for (const p of pairing.pairs) {
    const xs = finite(p.a, valueA)
    const ys = finite(p.b, valueB)
    if (!xs.length || !ys.length) {
      out.dropped++
      continue
    }
    out.a.push(mean(xs))
    out.b.push(mean(ys))
    out.keys.push(`${p.by}:${p.key}`)
    out.dialoguesA += xs.length
    out.dialoguesB += ys.length
  }
  return out
}
