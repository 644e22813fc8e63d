import type { PromptTemplateView } from '@shared/promptApi'
import type { Language } from '@shared/roleCard'
import type { Db } from './connection'

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

const toView = (r: Row): PromptTemplateView => ({
  id: r.id,
  language: r.language,
  version: r.version,
  kind: r.kind,
  name: r.name,
  text: r.text,
  note: r.note,
  createdAt: r.created_at,
})

/** The `prompt_templates` table: one row per (template, language, version); rows are only ever added. */
export function templateRepo(db: Db) {
  const latest = db.prepare<[string, string], Row>(
    'SELECT * FROM prompt_templates WHERE id = ? AND language = ? ORDER BY version DESC LIMIT 1',
  )
  const one = db.prepare<[string, string, number], Row>(
    'SELECT * FROM prompt_templates WHERE id = ? AND language = ? AND version = ?',
  )
  const newestOfEach = db.prepare<[], Row>(
    `SELECT t.* FROM prompt_templates t
     JOIN (SELECT id, language, max(version) AS v FROM prompt_templates GROUP BY id, language) m
       ON t.id = m.id AND t.language = m.language AND t.version = m.v
     ORDER BY t.kind, t.id, t.language`,
  )
  const history = db.prepare<[string, string], Row>(
    'SELECT * FROM prompt_templates WHERE id = ? AND language = ? ORDER BY version DESC',
  )
  const insert = db.prepare<[string, string, number, string, string, string, string, string]>(
    'INSERT INTO prompt_templates (id, language, version, kind, name, text, note, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
  )
  const view = (row: Row | undefined) => (row ? toView(row) : null)
  return {
    latest: (id: string, language: Language) => view(latest.get(id, language)),
    version: (id: string, language: Language, version: number) => view(one.get(id, language, version)),
    newestOfEach: () => newestOfEach.all().map(toView),
    history: (id: string, language: Language) => history.all(id, language).map(toView),
    insert(t: Omit<PromptTemplateView, 'createdAt'> & { createdAt: string }) {
      insert.run(t.id, t.language, t.version, t.kind, t.name, t.text, t.note, t.createdAt)
    },
    transaction: <T>(work: () => T): T => db.transaction(work).immediate(),
  }
}
export type TemplateRepo = ReturnType<typeof templateRepo>
