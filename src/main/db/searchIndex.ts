import type { Db } from './connection'
import { cjkGrams } from './cjkGrams'

/** Messages indexed in one transaction (about a quarter of a second). */
const INDEX_BATCH = 5000

/**
 * The upkeep of the message search indexes (the trigram FTS table and the short-CJK pairs table): each index has a
 * mark (search_index_state.upto, the last message id it holds); messages above it are added in batches, and a search
 * scans what is above the mark. SQL only; the dialogue repo's list() reads these tables.
 */
export function searchIndex(db: Db) {
  const markOf = db.prepare<[string], number>('SELECT upto FROM search_index_state WHERE name = ?').pluck()
  const lastMessageId = db.prepare('SELECT coalesce(max(id), 0) FROM messages').pluck()
  const setMark = db.prepare('UPDATE search_index_state SET upto = ? WHERE name = ?')
  const batchEnd = db.prepare('SELECT id FROM messages WHERE id > ? ORDER BY id LIMIT 1 OFFSET ?').pluck()
  const indexTrigrams = db.prepare(
    'INSERT INTO messages_fts (rowid, content) SELECT id, content FROM messages WHERE id > ? AND id <= ? ORDER BY id',
  )
  const touchedDialogues = db.prepare<[number, number], { rid: number; id: string }>(
    `SELECT rowid AS rid, id FROM dialogues WHERE id IN (SELECT dialogue_id FROM messages WHERE id > ? AND id <= ?)`,
  )
  const contentsOf = db.prepare<[string], string>('SELECT content FROM messages WHERE dialogue_id = ?').pluck()
  const writeGrams = db.prepare('INSERT OR REPLACE INTO dialogues_cjk (rowid, grams) VALUES (?, ?)')
  const SEARCH_INDEXES: [string, (from: number, to: number) => void][] = [
    ['messages', (from, to) => indexTrigrams.run(from, to)],
    [
      'dialogues_cjk',
      // Each dialogue with new messages gets its whole document again (runs add a message at a time).
      (from, to) => {
        for (const d of touchedDialogues.all(from, to)) {
          const grams = new Set<string>()
          for (const content of contentsOf.all(d.id)) for (const g of cjkGrams(content).split(' ')) grams.add(g)
          grams.delete('')
          if (grams.size) writeGrams.run(d.rid, [...grams].join(' '))
        }
      },
    ],
  ]
  /**
   * Adds up to `batch` messages stored since the last call to each search index (trigram, short CJK) in one
   * transaction; returns how many messages the index furthest behind took. Cheap when there are none.
   * BEGIN IMMEDIATE: it reads before it writes, and a deferred transaction whose snapshot another
   * process's commit made stale fails at once (SQLITE_BUSY) instead of waiting its turn.
   */
  const indexBatch = db.transaction((batch: number) => {
    const last = lastMessageId.get() as number
    let most = 0
    for (const [name, index] of SEARCH_INDEXES) {
      const from = markOf.get(name) as number
      if (last <= from) continue
      const to = Math.min(last, (batchEnd.get(from, batch - 1) as number | undefined) ?? last)
      index(from, to)
      setMark.run(to, name)
      most = Math.max(most, to - from)
    }
    return most
  }).immediate
  /**
   * Brings the search indexes up to date in batches of INDEX_BATCH messages, one transaction each (other writers get
   * their turn between them), stopping after `maxBatches`. Returns the number of batches that indexed something.
   */
  const syncSearchIndex = (maxBatches = Infinity) => {
    let batches = 0
    while (batches < maxBatches && indexBatch(INDEX_BATCH) > 0) batches++
    return batches
  }

  return {
    syncSearchIndex,
    /** How many messages the index furthest behind does not hold yet. */
    behind: () => (lastMessageId.get() as number) - Math.min(...SEARCH_INDEXES.map(([n]) => markOf.get(n)!)),
    /**
     * Message ids are rowids: once the newest messages are deleted, their ids are given out again. Each mark comes
     * back down to the newest message left, so messages stored later are indexed (and found).
     */
    lowerMarks() {
      const last = lastMessageId.get() as number
      for (const [name] of SEARCH_INDEXES) setMark.run(Math.min(markOf.get(name) as number, last), name)
    },
  }
}
