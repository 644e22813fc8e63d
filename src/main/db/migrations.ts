/**
 * Numbered schema migrations, applied in order at open. The schema version is
 * SQLite's `user_version`. Never edit a released migration: add a new one.
 */
export const MIGRATIONS: { version: number; name: string; sql: string }[] = [
  {
    version: 1,
    name: 'settings, endpoints, role cards',
    sql: `
      CREATE TABLE settings (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
      );
      CREATE TABLE endpoints (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL UNIQUE,
        base_url TEXT NOT NULL,
        model TEXT NOT NULL,
        api_key_sealed TEXT,
        temperature REAL NOT NULL,
        top_p REAL NOT NULL,
        max_tokens INTEGER NOT NULL,
        timeout_ms INTEGER NOT NULL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );
      CREATE TABLE role_cards (
        id TEXT PRIMARY KEY,
        language TEXT NOT NULL CHECK (language IN ('zh', 'en')),
        pool TEXT NOT NULL DEFAULT '',
        source TEXT NOT NULL DEFAULT '',
        example INTEGER NOT NULL DEFAULT 0,
        data TEXT NOT NULL,
        search_text TEXT NOT NULL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );
      CREATE INDEX role_cards_language ON role_cards(language);
      CREATE INDEX role_cards_pool ON role_cards(pool);
      CREATE INDEX role_cards_source ON role_cards(source);
      CREATE TABLE role_card_tags (
        card_id TEXT NOT NULL REFERENCES role_cards(id) ON DELETE CASCADE,
        tag TEXT NOT NULL,
        position INTEGER NOT NULL,
        PRIMARY KEY (card_id, tag)
      );
      CREATE INDEX role_card_tags_tag ON role_card_tags(tag);
    `,
  },
]

export const LATEST_SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1].version
