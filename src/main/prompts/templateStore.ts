import type { PromptTemplateView } from '@shared/promptApi'
import { WorkbenchError } from '@shared/errors'
import { LANGUAGES, type Language } from '@shared/roleCard'
import { nowIso, type Db } from '../db/connection'
import { templateRepo } from '../db/templateRepo'
import { DEFAULT_TEMPLATES } from './defaultTemplates'
import { RETIRED_BUILT_INS } from './retiredTemplates'

/** Versioned prompt templates: editing adds a version; runs pin the version they used. */
export function templateStore(db: Db) {
  const rows = templateRepo(db)
  // New workspaces (and workspaces from before a default existed) get the defaults as version 1.
  // A built-in revised since (RETIRED_BUILT_INS) becomes a new version where the workspace still has an earlier
  // built-in text unedited; a user's own version is never replaced.
  rows.transaction(() => {
    for (const t of DEFAULT_TEMPLATES)
      for (const language of LANGUAGES) {
        const latest = rows.latest(t.id, language)
        if (!latest) {
          rows.insert({
            id: t.id,
            language,
            version: 1,
            kind: t.kind,
            name: t.name,
            text: t[language],
            note: 'built-in default',
            createdAt: nowIso(),
          })
          continue
        }
        const retired = RETIRED_BUILT_INS[t.id]
        if (retired && latest.text !== t[language] && retired[language].includes(latest.text)) {
          rows.insert({
            ...latest,
            version: latest.version + 1,
            text: t[language],
            note: `built-in default, revised: ${retired.why}`,
            createdAt: nowIso(),
          })
        }
      }
  })

  const newest = (id: string, language: Language): PromptTemplateView => {
    const found = rows.latest(id, language)
    if (!found) throw new WorkbenchError('not_found', { key: 'prompts.notFound', params: { id, language } })
    return found
  }

  return {
    latest: newest,
    version(id: string, language: Language, version: number): PromptTemplateView {
      const found = rows.version(id, language, version)
      if (!found)
        throw new WorkbenchError('not_found', {
          key: 'prompts.versionNotFound',
          params: { id, language, version },
        })
      return found
    },
    /** The newest version of every template and language. */
    list: (): PromptTemplateView[] => rows.newestOfEach(),
    history: (id: string, language: Language): PromptTemplateView[] => rows.history(id, language),
    save(id: string, language: Language, text: string, note: string): PromptTemplateView {
      return rows.transaction(() => {
        const current = newest(id, language)
        if (current.text === text) return current
        rows.insert({ ...current, version: current.version + 1, text, note, createdAt: nowIso() })
        return newest(id, language)
      })
    },
  }
}
export type TemplateStore = ReturnType<typeof templateStore>
