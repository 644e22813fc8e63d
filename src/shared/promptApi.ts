import { z } from 'zod'
import { method, none } from './apiMethod'
import { LANGUAGES } from './roleCard'

export interface PromptTemplateView {
  id: string
  language: (typeof LANGUAGES)[number]
  version: number
  kind: string
  name: string
  text: string
  note: string
  createdAt: string
}

/** The prompt-template part of the API contract (spread into `api` in api.ts). */
export const promptApi = {
  listTemplates: method(none).returns<PromptTemplateView[]>(),
  templateHistory: method(z.object({ id: z.string(), language: z.enum(LANGUAGES) })).returns<PromptTemplateView[]>(),
  /** Saving changed text adds a version; runs keep the version they pinned. */
  saveTemplate: method(
    z.object({
      id: z.string(),
      language: z.enum(LANGUAGES),
      text: z.string().trim().min(1, 'must not be empty').max(50000),
      note: z.string().max(500).default(''),
    }),
  ).returns<PromptTemplateView>(),
} as const
