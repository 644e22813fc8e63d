import { z } from 'zod'

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
  return { ...card, attitude: card.attitude ?? null, seed: card.seed ?? null }
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

export interface RoleCardPage {
  total: number
  items: RoleCardSummary[]
  /** Values present in the whole workspace, for filter menus. */
  facets: { tags: string[]; pools: string[]; sources: string[] }
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
