import { z } from 'zod'
import { exactlyOne } from './exactlyOne'

/** Levels for Big Five traits and resistance, from low to high. `null` = not specified. */
export const LEVELS = ['low', 'somewhat_low', 'medium', 'somewhat_high', 'high'] as const
export type Level = (typeof LEVELS)[number]

export const BIG_FIVE = ['openness', 'conscientiousness', 'extraversion', 'agreeableness', 'neuroticism'] as const
export type BigFiveTrait = (typeof BIG_FIVE)[number]

export const LANGUAGES = ['zh', 'en'] as const
export type Language = (typeof LANGUAGES)[number]

const text = (max: number) => z.string().trim().max(max, `must be at most ${max} characters`)

export const TraitSchema = z.object({
  level: z
    .enum(LEVELS, { message: `must be one of ${LEVELS.join(', ')} (or empty)` })
    .nullable()
    .default(null),
  description: text(2000).default(''),
})
export type Trait = z.infer<typeof TraitSchema>

const emptyTrait = (): Trait => ({ level: null, description: '' })

export const BigFiveSchema = z.object({
  openness: TraitSchema.default(emptyTrait),
  conscientiousness: TraitSchema.default(emptyTrait),
  extraversion: TraitSchema.default(emptyTrait),
  agreeableness: TraitSchema.default(emptyTrait),
  neuroticism: TraitSchema.default(emptyTrait),
})

/** Resistance behaviours a dynamic client may act out (after motivational interviewing's resistance categories). */
export const RESISTANCE_BEHAVIOURS = [
  'arguing',
  'discounting',
  'sidetracking',
  'minimising',
  'ignoring',
  'interrupting',
  'denying',
] as const
export type ResistanceBehaviour = (typeof RESISTANCE_BEHAVIOURS)[number]

/** Trust thresholds of withheld facts use the dynamic client's trust scale, 0 to 10. */
export const TRUST_SCALE = 10

/** A fact the client keeps to itself until its trust in the counselor reaches the threshold (dynamic client). */
export const WithheldFactSchema = z.object({
  text: text(2000).min(1, 'must not be empty'),
  threshold: z
    .number({ message: `must be a trust level from 0 to ${TRUST_SCALE}` })
    .min(0, `must be a trust level from 0 to ${TRUST_SCALE}`)
    .max(TRUST_SCALE, `must be a trust level from 0 to ${TRUST_SCALE}`),
})
export type WithheldFact = z.output<typeof WithheldFactSchema>

/** A resistance behaviour and how often it shows: the chance per client turn, 0 to 1. */
export const ResistanceBehaviourSchema = z.object({
  behaviour: z.enum(RESISTANCE_BEHAVIOURS, { message: `must be one of ${RESISTANCE_BEHAVIOURS.join(', ')}` }),
  frequency: z
    .number({ message: 'must be a chance per turn from 0 to 1' })
    .min(0, 'must be a chance per turn from 0 to 1')
    .max(1, 'must be a chance per turn from 0 to 1'),
})
export type ResistanceBehaviourEntry = z.output<typeof ResistanceBehaviourSchema>

/** What is wrong with a card's resistance behaviours (each once, chances adding up to at most 1), or null. */
export function resistanceBehavioursProblem(
  list: readonly { behaviour: string; frequency: number }[],
): { index: number; message: string } | null {
  const seen = new Set<string>()
  for (const [index, entry] of list.entries()) {
    if (seen.has(entry.behaviour)) return { index, message: `"${entry.behaviour}" is listed twice` }
    seen.add(entry.behaviour)
  }
  // A chance out of range is reported on its own entry; the sum is checked once each chance is one.
  if (list.some((e) => !(e.frequency >= 0 && e.frequency <= 1))) return null
  const total = list.reduce((sum, e) => sum + e.frequency, 0)
  if (total > 1 + 1e-9)
    return {
      index: list.length - 1,
      message: `the chances add up to ${Math.round(total * 100) / 100}; at most one behaviour shows a turn, so they must add up to at most 1`,
    }
  return null
}

/** What a user edits or imports. `id` is optional: new cards get one on save. */
export const RoleCardInputSchema = z.object({
  id: z
    .string()
    .trim()
    .min(1, 'must not be empty')
    .max(100, 'must be at most 100 characters')
    .regex(/^[A-Za-z0-9._:-]+$/, 'may only contain letters, digits and . _ : -')
    .optional(),
  language: z.enum(LANGUAGES, { message: 'must be "zh" or "en"' }),
  name: text(100).default(''),
  gender: text(50).default(''),
  age: z
    .number({ message: 'must be a whole number of years' })
    .int('must be a whole number of years')
    .min(1, 'must be between 1 and 120')
    .max(120, 'must be between 1 and 120')
    .nullable()
    .default(null),
  education: text(200).default(''),
  occupation: text(200).default(''),
  maritalStatus: text(100).default(''),
  family: text(2000).default(''),
  bigFive: BigFiveSchema.default(() => BigFiveSchema.parse({})),
  resistance: TraitSchema.default(emptyTrait),
  complaint: z.object({
    title: text(300).default(''),
    body: text(20000).min(1, 'must not be empty'),
  }),
  /**
   * The client's attitude toward counseling as a label and an instruction the client prompt can use (CACTUS and
   * MAGneT seeds: positive, neutral or negative, with the seed's instruction). null = none given.
   */
  attitude: z
    .object({ label: text(50).min(1, 'give the attitude a label'), instruction: text(5000).default('') })
    .nullable()
    .default(null),
  /**
   * What a seed record (CACTUS, MAGneT) gives a session besides the card: the counselor's client information and
   * reason for counseling, and the two opening lines a seed-opened session starts with. null = not from a seed.
   */
  seed: z
    .object({
      clientInformation: text(20000).default(''),
      reasonForCounseling: text(20000).default(''),
      counselorOpening: text(5000).default(''),
      clientOpening: text(5000).default(''),
    })
    .nullable()
    .default(null),
  /** Facts the dynamic client discloses once its trust reaches their threshold (the static client ignores them). */
  withheld: z.array(WithheldFactSchema).max(20, 'at most 20 withheld facts').default([]),
  /** Resistance behaviours the dynamic client acts out, each with its chance per turn (at most one a turn). */
  resistanceBehaviours: z
    .array(ResistanceBehaviourSchema)
    .max(RESISTANCE_BEHAVIOURS.length, `at most ${RESISTANCE_BEHAVIOURS.length} behaviours`)
    .superRefine((list, ctx) => {
      const problem = resistanceBehavioursProblem(list)
      if (problem) ctx.addIssue({ code: 'custom', path: [problem.index, 'frequency'], message: problem.message })
    })
    .default([]),
  tags: z.array(text(50).min(1, 'tags must not be empty')).max(50, 'at most 50 tags').default([]),
  pool: text(50).default(''),
  source: text(200).default(''),
  provenance: text(2000).default(''),
  notes: text(20000).default(''),
  example: z.boolean().default(false),
})
export type RoleCardInput = z.input<typeof RoleCardInputSchema>
export type RoleCardData = z.output<typeof RoleCardInputSchema>

export const RoleCardSchema = RoleCardInputSchema.extend({
  id: z.string().min(1),
  createdAt: z.string(),
  updatedAt: z.string(),
})
export type RoleCard = z.output<typeof RoleCardSchema>

/** A card as stored: cards (and dialogue snapshots of cards) from before a field existed read with its default. */
export function storedCard<T extends RoleCardData>(card: T): T {
  return {
    ...card,
    attitude: card.attitude ?? null,
    seed: card.seed ?? null,
    withheld: card.withheld ?? [],
    resistanceBehaviours: card.resistanceBehaviours ?? [],
  }
}

export interface RoleCardSummary {
  id: string
  language: Language
  title: string
  name: string
  gender: string
  age: number | null
  occupation: string
  tags: string[]
  pool: string
  source: string
  example: boolean
  updatedAt: string
}

export const RoleCardQuerySchema = z.object({
  text: z.string().max(500).default(''),
  language: z.enum(LANGUAGES).optional(),
  tag: z.string().optional(),
  pool: z.string().optional(),
  source: z.string().optional(),
  limit: z.number().int().min(1).max(100000).default(100000),
  offset: z.number().int().min(0).default(0),
})
export type RoleCardQuery = z.input<typeof RoleCardQuerySchema>

/**
 * A seeded random sample of the cards a query matches: a number of cards (`size`) or a share of them (`fraction`, in
 * (0, 1]), never both. The matching cards are ranked by a hash of the seed and each card's id and the first ones kept,
 * so the same seed and query choose the same cards (and a card keeps its place when others are added).
 */
export const CardSampleSchema = z
  .object({
    size: z
      .number({ message: 'must be a number of cards' })
      .int('must be a whole number of cards')
      .min(1, 'must be at least 1 card')
      .optional(),
    fraction: z
      .number({ message: 'must be a number' })
      .gt(0, 'must be more than 0')
      .max(1, 'must be at most 1 (all matching cards)')
      .optional(),
    seed: z.number({ message: 'must be a whole number' }).int('must be a whole number'),
  })
  .superRefine((sample, ctx) => {
    const problem = cardSampleProblem(sample)
    if (problem) ctx.addIssue({ code: 'custom', path: [problem.field], message: problem.message })
  })
export type CardSample = z.output<typeof CardSampleSchema>

/** What is wrong with a sample's size and fraction (one of them, not both), or null. */
export function cardSampleProblem(sample: {
  size?: number
  fraction?: number
}): { field: 'size' | 'fraction'; message: string } | null {
  if (sample.size !== undefined && sample.fraction !== undefined)
    return { field: 'fraction', message: 'give a number of cards (size) or a fraction, not both' }
  if (sample.size === undefined && sample.fraction === undefined)
    return { field: 'size', message: 'give a number of cards (size) or a fraction of the matching cards' }
  return null
}

/**
 * The cards a run or an arena uses: an id list (all must exist), or a query, optionally sampled. One object rather
 * than a union of two, so a wrong value deep inside (a sample's size) is reported at its own path.
 */
export const CardSelectionSchema = z
  .object({
    ids: z.array(z.string()).min(1, 'choose at least one card').optional(),
    query: RoleCardQuerySchema.optional(),
    sample: CardSampleSchema.optional(),
  })
  .superRefine((selection, ctx) => {
    const oneWay = exactlyOne(
      ctx,
      selection.ids,
      selection.query,
      'query',
      'give the cards as ids or as a query, not both',
    )
    if (oneWay && selection.ids && selection.sample)
      ctx.addIssue({ code: 'custom', path: ['sample'], message: "a sample is taken of a query's cards, not of ids" })
  })
  .transform((selection): { ids: string[] } | { query: z.output<typeof RoleCardQuerySchema>; sample?: CardSample } =>
    selection.ids
      ? { ids: selection.ids }
      : { query: selection.query!, ...(selection.sample && { sample: selection.sample }) },
  )
export type CardSelection = z.output<typeof CardSelectionSchema>
export type CardSelectionInput = z.input<typeof CardSelectionSchema>

/** How a run's or an arena's cards were chosen, as stored with it ("20 of 450 cards, seed 7"). */
export interface CardSelectionRecord {
  /** The query as given (absent for an id list). */
  query?: z.output<typeof RoleCardQuerySchema>
  sample?: CardSample
  /** Cards the query matched (or ids given). */
  matched: number
  /** Cards used. */
  selected: number
}

export interface RoleCardPage {
  total: number
  items: RoleCardSummary[]
  /** Values present in the whole workspace, for filter menus. */
  facets: { tags: string[]; pools: string[]; sources: string[] }
}

/**
 * One change applied to many cards at once (in one transaction): tags added (kept once), tags removed, the pool set
 * ('' clears it). The cards are an id list (every id must exist) or every card a query matches.
 */
export const EditRoleCardsSchema = z
  .object({
    ids: z.array(z.string().min(1)).min(1, 'choose at least one card').optional(),
    query: RoleCardQuerySchema.optional(),
    addTags: z.array(text(50).min(1, 'tags must not be empty')).max(50, 'at most 50 tags').default([]),
    removeTags: z.array(z.string().trim().min(1, 'tags must not be empty')).default([]),
    pool: text(50).optional(),
  })
  .superRefine((edit, ctx) => {
    exactlyOne(ctx, edit.ids, edit.query, 'ids', 'give the cards as ids or as a query, not both')
    if (edit.addTags.length === 0 && edit.removeTags.length === 0 && edit.pool === undefined)
      ctx.addIssue({
        code: 'custom',
        path: ['addTags'],
        message: 'nothing to change: add or remove a tag, or set a pool',
      })
    const both = edit.addTags.filter((tag) => edit.removeTags.includes(tag))
    if (both.length > 0)
      ctx.addIssue({ code: 'custom', path: ['removeTags'], message: `both added and removed: ${both.join(', ')}` })
  })
export type EditRoleCardsInput = z.input<typeof EditRoleCardsSchema>

/** What a bulk edit did: the cards it was applied to, and how many of them it actually changed. */
export interface EditRoleCardsResult {
  matched: number
  changed: number
}

export const ROLE_CARD_FORMATS = ['posts', 'cactus', 'json', 'jsonl', 'csv'] as const
export type RoleCardFormat = (typeof ROLE_CARD_FORMATS)[number]
export const ROLE_CARD_EXPORT_FORMATS = ['json', 'jsonl', 'csv'] as const
export type RoleCardExportFormat = (typeof ROLE_CARD_EXPORT_FORMATS)[number]

/** One problem found while reading an import file. `row` is 1-based (data rows; for CSV the header is row 0). */
export interface RowError {
  file: string
  row: number | null
  field: string | null
  message: string
}

export interface ImportReport {
  file: string
  format: RoleCardFormat
  rows: number
  imported: number
  skipped: number
  replaced: number
  errors: RowError[]
  /** True when nothing was written (errors, or a dry run). */
  nothingWritten: boolean
}
