import type { DialogueCursor, DialogueQuery, DialogueSummary } from '@shared/dialogue'
import { DialogueQuerySchema } from '@shared/dialogue'
import { WorkbenchError } from '@shared/errors'
import { isBusy, type Db } from './connection'
import { cjkQuery } from './cjkGrams'
import { EXCERPT, roleCardOf, toSummary, type DialogueRow } from './dialogueRows'
import type { searchIndex } from './searchIndex'
import { scoreFilter } from './scoreFilter'

/** Unindexed messages a search scans rather than bringing the full-text index up to date first. */
const SEARCH_SCAN_LIMIT = 5000

/** The dataset browser's query: filters, text search over the indexes, score filters and sorts, keyset pages. */
export function dialogueListing(db: Db, search: ReturnType<typeof searchIndex>) {
  /**
   * A page of the dialogues a query selects, in its order, with how many there are and the cursor of the page's
   * last row (`next`; null at the end). `after` pages by that cursor (keyset): a deep page costs what the first
   * does, and rows stored meanwhile are neither skipped nor repeated. `offset` still jumps anywhere.
   * A text search reads its index once: the count comes with the page (a window), not from a second scan.
   * Excerpts and card snapshots are read for the returned rows only.
   */
  function list(query: DialogueQuery): { total: number; items: DialogueSummary[]; next: DialogueCursor | null } {
    const q = DialogueQuerySchema.parse(query)
    const where: string[] = []
    const args: unknown[] = []
    const add = (sql: string, ...values: unknown[]) => (where.push(sql), args.push(...values))
    if (q.datasetId) add('dataset_id = ?', q.datasetId)
    // Datasets being imported or deleted (db/datasetParts.ts) are not there yet, or any more.
    add('dataset_id NOT IN (SELECT id FROM datasets WHERE pending IS NOT NULL)')
    if (q.runId) add('run_id = ?', q.runId)
    if (q.status) add('status = ?', q.status)
    if (q.endReason) add("json_extract(end_reason, '$.kind') = ?", q.endReason)
    if (q.minTurns !== undefined) add('turns >= ?', q.minTurns)
    if (q.maxTurns !== undefined) add('turns <= ?', q.maxTurns)
    if (q.flagged !== undefined) add('flagged = ?', q.flagged ? 1 : 0)
    if (q.language) add('language = ?', q.language)
    if (q.caseId) add('case_id = ?', q.caseId)
    if (q.sessionIndex !== undefined) add('session_index = ?', q.sessionIndex)
    if (q.tag) add("EXISTS (SELECT 1 FROM json_each(json_extract(role_card, '$.tags')) WHERE value = ?)", q.tag)
    const text = q.text.trim()
    if (text) {
      // Searches read; the indexer timer (app.ts) and imports write the indexes. Messages an index does not hold
      // yet are scanned, so a search is exact without taking the write lock, and never fails or waits
      // because another process is writing. A long unindexed tail is indexed here first, two batches at most (an
      // upgraded workspace's backlog is the timer's: meanwhile its tail is scanned).
      if (search.behind() > SEARCH_SCAN_LIMIT) {
        try {
          search.syncSearchIndex(2)
        } catch (error) {
          if (!isBusy(error)) throw error
        }
      }
      const tail = (name: string, match: string) =>
        `SELECT dialogue_id FROM messages WHERE id > (SELECT upto FROM search_index_state WHERE name = '${name}')
             AND ${match} > 0`
      const short = cjkQuery(text)
      if (short) {
        // One or two CJK characters, or letters and digits: the pairs index, which answers with dialogues (see
        // migrationSearchShort.ts and migrationSearchWords.ts).
        add(
          `(rowid IN (SELECT rowid FROM dialogues_cjk WHERE dialogues_cjk MATCH ?)
              OR id IN (${tail('dialogues_cjk', 'instr(lower(content), lower(?))')}))`,
          short,
          text,
        )
      } else if ([...text].length >= 3) {
        add(
          `id IN (SELECT m.dialogue_id FROM messages_fts f JOIN messages m INDEXED BY messages_dialogue_of ON m.id = f.rowid
              WHERE messages_fts MATCH ?
              UNION ${tail('messages', 'instr(lower(content), lower(?))')})`,
          `"${text.replace(/"/g, '""')}"`,
          text,
        )
        // Other queries under three characters (punctuation, spaces, scripts mixed) are a scan.
      } else add('id IN (SELECT dialogue_id FROM messages WHERE instr(lower(content), lower(?)) > 0)', text)
    }
    const scoreArgs: unknown[] = []
    if (q.score) {
      const filter = scoreFilter(db, q.score, q.datasetId)
      add(filter.sql, ...filter.args)
      scoreArgs.push(q.score.evaluationId, q.score.metric)
    } else if (q.sort === 'score') throw new WorkbenchError('invalid_input', { key: 'datasets.sortNeedsScore' })
    const sql = where.length ? `WHERE ${where.join(' AND ')}` : ''
    const scoreValue =
      '(SELECT value FROM evaluation_scores WHERE evaluation_id = ? AND metric = ? AND dialogue_id = dialogues.id)'
    // The key a page is cut by: the sort value, then position and rowid (unique), so the order is total.
    const sortValue = { created: 'position', turns: 'turns', chars: 'chars', score: scoreValue }[q.sort]
    const dir = q.order === 'desc' ? 'DESC' : 'ASC'
    const cmp = q.order === 'desc' ? '<' : '>'
    // By creation, ties (across datasets) follow the same direction, which an index on position can deliver.
    const byPosition = q.sort === 'created'
    const order = byPosition ? `position ${dir}, rid ${dir}` : `sv ${dir}, position, rid`
    const after = q.after
      ? byPosition
        ? { sql: `WHERE (position, rid) ${cmp} (?, ?)`, args: [q.after[1], q.after[2]] }
        : { sql: `WHERE (sv ${cmp} ? OR (sv = ? AND (position, rid) > (?, ?)))`, args: [q.after[0], ...q.after] }
      : { sql: '', args: [] }
    const counted = text !== ''
    const keys = db
      .prepare<unknown[], { rid: number; sv: number; position: number; total?: number }>(
        `SELECT rid, sv, position${counted ? ', total' : ''} FROM (
             SELECT rowid AS rid, ${sortValue} AS sv, position${counted ? ', count(*) OVER () AS total' : ''}
             FROM dialogues ${sql}) ${after.sql}
           ORDER BY ${order} LIMIT ? OFFSET ?`,
      )
      .all(...(q.sort === 'score' ? scoreArgs : []), ...args, ...after.args, q.limit, q.offset)
    const total =
      keys[0]?.total ??
      ((db.prepare(`SELECT count(*) AS n FROM dialogues ${sql}`).get(...args) as { n: number }).n as number)
    const rows = keys.length
      ? db
          .prepare<unknown[], DialogueRow & { rid: number; score_value?: number | null }>(
            `SELECT rowid AS rid, *, ${EXCERPT}${q.score ? `, ${scoreValue} AS score_value` : ''} FROM dialogues
               WHERE rowid IN (SELECT value FROM json_each(?))`,
          )
          .all(...scoreArgs, JSON.stringify(keys.map((k) => k.rid)))
      : []
    const byRid = new Map(rows.map((r) => [r.rid, r]))
    const last = keys[keys.length - 1]
    return {
      total,
      items: keys.map((k) => {
        const r = byRid.get(k.rid)!
        const summary = toSummary(r, roleCardOf(r))
        return q.score ? { ...summary, score: r.score_value ?? null } : summary
      }),
      next: keys.length === q.limit && last ? [last.sv, last.position, last.rid] : null,
    }
  }
  return { list }
}
