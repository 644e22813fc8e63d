import { arenaMigration } from './migrationArena'
import { trainingMigration } from './migrationTraining'
import { endpointStreamingMigration } from './migrationEndpointStreaming'
import { namesMigration } from './migrationNames'
import { arenaClaimsMigration } from './migrationArenaClaims'
import { counselorMethodsMigration } from './migrationCounselorMethods'
import { cardSelectionMigration } from './migrationCardSelection'
import { evaluationScoresMigration } from './migrationEvaluationScores'
import { arenaAgreementsMigration } from './migrationArenaAgreements'
import { searchShortMigration } from './migrationSearchShort'
import { endpointPoolsMigration } from './migrationEndpointPools'
import { judgeBatchesMigration } from './migrationJudgeBatches'
import { studiesMigration } from './migrationStudies'
import { datasetPendingMigration } from './migrationDatasetPending'
import { searchWordsMigration } from './migrationSearchWords'
import { embeddingTruncatedMigration } from './migrationEmbeddingTruncated'
import { localEndpointsMigration } from './migrationLocalEndpoints'
import { remoteRunsMigration } from './migrationRemoteRuns'
import { sessionsMigration } from './migrationSessions'
import { searchMarksMigration } from './migrationSearchMarks'

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
  {
    version: 2,
    name: 'prompt templates, datasets, runs, dialogues, messages, LLM call log',
    sql: `
      ALTER TABLE endpoints ADD COLUMN max_concurrency INTEGER NOT NULL DEFAULT 8;
      ALTER TABLE endpoints ADD COLUMN price_input REAL;
      ALTER TABLE endpoints ADD COLUMN price_output REAL;

      CREATE TABLE prompt_templates (
        id TEXT NOT NULL,
        language TEXT NOT NULL CHECK (language IN ('zh', 'en')),
        version INTEGER NOT NULL,
        kind TEXT NOT NULL,
        name TEXT NOT NULL,
        text TEXT NOT NULL,
        note TEXT NOT NULL DEFAULT '',
        created_at TEXT NOT NULL,
        PRIMARY KEY (id, language, version)
      );

      CREATE TABLE datasets (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('run', 'import')),
        source TEXT NOT NULL DEFAULT '',
        description TEXT NOT NULL DEFAULT '',
        created_at TEXT NOT NULL
      );

      CREATE TABLE runs (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        dataset_id TEXT NOT NULL REFERENCES datasets(id) ON DELETE CASCADE,
        status TEXT NOT NULL,
        config TEXT NOT NULL,
        templates TEXT NOT NULL,
        created_at TEXT NOT NULL,
        started_at TEXT,
        finished_at TEXT,
        -- Which process is driving the run, and when it last said so: a run is resumed
        -- elsewhere only when its owner has gone quiet, so two processes never run it twice.
        owner TEXT,
        heartbeat_at TEXT
      );

      CREATE TABLE dialogues (
        id TEXT PRIMARY KEY,
        dataset_id TEXT NOT NULL REFERENCES datasets(id) ON DELETE CASCADE,
        run_id TEXT REFERENCES runs(id) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        role_card_id TEXT,
        role_card TEXT,
        sample INTEGER NOT NULL DEFAULT 0,
        language TEXT NOT NULL,
        status TEXT NOT NULL,
        end_reason TEXT,
        turns INTEGER NOT NULL DEFAULT 0,
        message_count INTEGER NOT NULL DEFAULT 0,
        chars INTEGER NOT NULL DEFAULT 0,
        flagged INTEGER NOT NULL DEFAULT 0,
        system_prompt TEXT,
        meta TEXT NOT NULL DEFAULT '{}',
        prompt_tokens INTEGER NOT NULL DEFAULT 0,
        completion_tokens INTEGER NOT NULL DEFAULT 0,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );
      CREATE INDEX dialogues_dataset ON dialogues(dataset_id, position);
      CREATE INDEX dialogues_run_status ON dialogues(run_id, status);

      CREATE TABLE messages (
        id INTEGER PRIMARY KEY,
        dialogue_id TEXT NOT NULL REFERENCES dialogues(id) ON DELETE CASCADE,
        idx INTEGER NOT NULL,
        speaker TEXT NOT NULL CHECK (speaker IN ('client', 'counselor')),
        content TEXT NOT NULL,
        model TEXT,
        latency_ms INTEGER,
        prompt_tokens INTEGER,
        completion_tokens INTEGER,
        flagged INTEGER NOT NULL DEFAULT 0,
        rejected TEXT NOT NULL DEFAULT '[]',
        created_at TEXT NOT NULL,
        UNIQUE (dialogue_id, idx)
      );
      -- Trigram full-text search works for Chinese as well as English (queries of 3+ characters).
      -- Messages are indexed in batches (see dialogueRepo.syncSearchIndex), not by an insert
      -- trigger: per-message indexing doubled the cost of storing a message during runs.
      CREATE VIRTUAL TABLE messages_fts USING fts5(content, content='messages', content_rowid='id', tokenize='trigram');
      CREATE TABLE search_index_state (name TEXT PRIMARY KEY, upto INTEGER NOT NULL);
      INSERT INTO search_index_state (name, upto) VALUES ('messages', 0);
      CREATE TRIGGER messages_fts_delete AFTER DELETE ON messages
        WHEN old.id <= (SELECT upto FROM search_index_state WHERE name = 'messages') BEGIN
        INSERT INTO messages_fts(messages_fts, rowid, content) VALUES ('delete', old.id, old.content);
      END;

      CREATE TABLE llm_calls (
        id INTEGER PRIMARY KEY,
        run_id TEXT,
        dialogue_id TEXT,
        purpose TEXT NOT NULL,
        endpoint_id TEXT,
        model TEXT NOT NULL,
        request TEXT NOT NULL,
        response TEXT,
        finish_reason TEXT,
        latency_ms INTEGER NOT NULL,
        prompt_tokens INTEGER,
        completion_tokens INTEGER,
        cost REAL,
        error_kind TEXT,
        error TEXT,
        attempt INTEGER NOT NULL,
        created_at TEXT NOT NULL
      );
      CREATE INDEX llm_calls_run ON llm_calls(run_id, created_at);
      CREATE INDEX llm_calls_dialogue ON llm_calls(dialogue_id);
    `,
  },
  {
    version: 3,
    name: 'evaluations, their work items, embedding and judge caches',
    sql: `
      CREATE TABLE evaluations (
        id TEXT PRIMARY KEY,
        kind TEXT NOT NULL,
        name TEXT NOT NULL,
        dataset_ids TEXT NOT NULL,
        config TEXT NOT NULL,
        status TEXT NOT NULL,
        result TEXT,
        error TEXT,
        created_at TEXT NOT NULL,
        finished_at TEXT,
        owner TEXT,
        heartbeat_at TEXT
      );
      -- One row per unit of work (a judge call, one dialogue's score): a resumed job skips what is done.
      CREATE TABLE evaluation_items (
        evaluation_id TEXT NOT NULL REFERENCES evaluations(id) ON DELETE CASCADE,
        item_key TEXT NOT NULL,
        dataset_id TEXT NOT NULL,
        dialogue_id TEXT,
        round INTEGER NOT NULL DEFAULT 0,
        item TEXT NOT NULL DEFAULT '',
        value REAL,
        label TEXT,
        raw TEXT,
        status TEXT NOT NULL CHECK (status IN ('ok', 'failed')),
        error TEXT,
        attempts INTEGER NOT NULL DEFAULT 1,
        created_at TEXT NOT NULL,
        PRIMARY KEY (evaluation_id, item_key)
      );
      CREATE TABLE embedding_cache (
        model TEXT NOT NULL,
        text_hash TEXT NOT NULL,
        dim INTEGER NOT NULL,
        vector BLOB NOT NULL,
        created_at TEXT NOT NULL,
        PRIMARY KEY (model, text_hash)
      );
      CREATE TABLE judge_cache (
        request_hash TEXT PRIMARY KEY,
        response TEXT NOT NULL,
        created_at TEXT NOT NULL
      );
    `,
  },
  arenaMigration,
  trainingMigration,
  {
    version: 6,
    name: 'indexes for progress reads',
    // Read with every progress event, so they must not read rows (which hold whole prompts and answers):
    // a run's successful calls of the last minute, and an evaluation's failed units.
    sql: `
      CREATE INDEX llm_calls_run_ok ON llm_calls(run_id, created_at) WHERE error_kind IS NULL;
      CREATE INDEX evaluation_items_failed ON evaluation_items(evaluation_id) WHERE status = 'failed';
    `,
  },
  endpointStreamingMigration,
  namesMigration,
  arenaClaimsMigration,
  counselorMethodsMigration,
  evaluationScoresMigration,
  cardSelectionMigration,
  arenaAgreementsMigration,
  searchShortMigration,
  endpointPoolsMigration,
  studiesMigration,
  datasetPendingMigration,
  searchWordsMigration,
  embeddingTruncatedMigration,
  judgeBatchesMigration,
  localEndpointsMigration,
  sessionsMigration,
  remoteRunsMigration,
  searchMarksMigration,
]

export const LATEST_SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1].version
