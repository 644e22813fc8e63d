import type { Db } from './connection'

/** Small JSON values kept in the workspace (UI language, later: defaults of runs). */
export function settingsRepo(db: Db) {
  const select = db.prepare<[string], { value: string }>('SELECT value FROM settings WHERE key = ?')
  const upsert = db.prepare(
    'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value',
  )
  return {
    get<T>(key: string, fallback: T): T {
      const row = select.get(key)
      return row ? (JSON.parse(row.value) as T) : fallback
    },
    set(key: string, value: unknown) {
      upsert.run(key, JSON.stringify(value))
    },
  }
}
export type SettingsRepo = ReturnType<typeof settingsRepo>
