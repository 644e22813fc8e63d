import { RatingSettingsSchema, type RatingSettings } from '@shared/arena'

/** What the Ratings tab asks arenaReport (and exportArenaReport) for. */
export interface ReportRequest {
  arenaIds: string[]
  referee: 'llm' | 'human'
  annotator: string | null
  settings: RatingSettings
}

export const DEFAULT_RATING_SETTINGS: RatingSettings = RatingSettingsSchema.parse({})

export const RATING_FIELDS = ['k', 'initial', 'scale', 'base', 'bootstrapRounds', 'seed'] as const
export type RatingField = (typeof RATING_FIELDS)[number]
