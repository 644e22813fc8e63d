import type { PromptTemplateView } from '@shared/api'
import { WorkbenchError } from '@shared/errors'
import { LANGUAGES, type Language } from '@shared/roleCard'
import { nowIso, type Db } from '../db/connection'
import { DEFAULT_TEMPLATES } from './defaultTemplates'

type TemplateVersion = PromptTemplateView

interface Row {
  id: string
  language: Language
  version: number
  kind: string
  name: string
  text: string
  note: string
  created_at: string
}
const toVersion = (r: Row): TemplateVersion => ({
  id: r.id,
  language: r.language,
  version: r.version,
  kind: r.kind,
  name: r.name,
  text: r.text,
  note: r.note,
  createdAt: r.created_at,
})

/** Versioned prompt templates: editing adds a version; runs pin the version they used. */
export function templateStore(db: Db) {
  const latest = db.prepare<[string, string], Row>(
    'SELECT * FROM prompt_templates WHERE id = ? AND language = ? ORDER BY version DESC LIMIT 1',
  )
  const insert = db.prepare(
    'INSERT INTO prompt_templates (id, language, version, kind, name, text, note, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
  )
  // New workspaces (and workspaces from before a default existed) get the defaults as version 1.
  db.transaction(() => {
    for (const t of DEFAULT_TEMPLATES)
      for (const language of LANGUAGES)
        if (!latest.get(t.id, language)) insert.run(t.id, language, 1, t.kind, t.name, t[language], 'built-in default', nowIso())
  }).immediate()

  const newest = (id: string, language: Language): TemplateVersion => {
    const row = latest.get(id, language)
    if (!row) throw new WorkbenchError('not_found', `No prompt template "${id}" in ${language}.`)
    return toVersion(row)
  }

  return {
    latest: newest,
    version(id: string, language: Language, version: number): TemplateVersion {
      const row = db
        .prepare<[string, string, number], Row>('SELECT * FROM prompt_templates WHERE id = ? AND language = ? AND version = ?')
        .get(id, language, version)
      if (!row) throw new WorkbenchError('not_found', `No version ${version} of prompt template "${id}" (${language}).`)
      return toVersion(row)
    },
    /** The newest version of every template and language. */
    list(): TemplateVersion[] {
      return (
        db
          .prepare(
            `SELECT t.* FROM prompt_templates t
             JOIN (SELECT id, language, max(version) AS v FROM prompt_templates GROUP BY id, language) m
               ON t.id = m.id AND t.language = m.language AND t.version = m.v
             ORDER BY t.kind, t.id, t.language`,
          )
          .all() as Row[]
      ).map(toVersion)
    },
    history(id: string, language: Language): TemplateVersion[] {
      return (db.prepare('SELECT * FROM prompt_templates WHERE id = ? AND language = ? ORDER BY version DESC').all(id, language) as Row[]).map(toVersion)
    },
    save(id: string, language: Language, text: string, note: string): TemplateVersion {
      const current = newest(id, language)
      if (current.text === text) return current
      insert.run(id, language, current.version + 1, current.kind, current.name, text, note, nowIso())
      return newest(id, language)
    },
  }
}
export type TemplateStore = ReturnType<typeof templateStore>
