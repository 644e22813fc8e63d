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

/**
 * A search walks a dataset's dialogues (tests one at a time) rather than gathering its matches from the indexes when
 * the dataset holds at most this many (about 25 ms at ~12 µs a dialogue). In a larger dataset, a frequent word's
 * first page is looked for among this many dialogues from where the page starts: it usually fills there, in order,
 * without reading all its matches (a 3-character word in half of 55k dialogues: ~100 ms for every match).
 */
const WALK_BUDGET = 2000
/**
 * Matches in the workspace (messages, or dialogues for the pairs index) from which a word counts as frequent: a
 * tenth of WALK_BUDGET dialogues must match to fill a page there, which takes thousands in a large dataset.
 */
const FREQUENT = 5000

type Query = ReturnType<typeof DialogueQuerySchema.parse>
/** A text condition on dialogues, given the names of their rowid and id columns. */
type TextCondition = (rowid: string, id: string) => { sql: string; args: unknown[] }
interface TextSearch {
  /** The matching dialogues gathered from the indexes at once: costs grow with the matches. */
  set: TextCondition
  /** A test of one dialogue at a time: costs grow with the dialogues tested. The same dialogues as `set`. */
  walk: TextCondition
  /** At least FREQUENT matches in the workspace, read from the index. */
  frequent: () => boolean
}

/**
 * The dataset browser's query: filters, text search over the indexes, score filters and sorts, keyset pages.
 * `limits` are WALK_BUDGET and FREQUENT unless a test makes a small corpus large.
 */
export function dialogueListing(
  db: Db,
  search: ReturnType<typeof searchIndex>,
  limits = { walkBudget: WALK_BUDGET, frequent: FREQUENT },
) {
  const { walkBudget, frequent: frequentFrom } = limits
  /** How many rows `sql` selects, counting up to `most` (an index read that stops there). */
  const countUpTo = (most: number, sql: string, ...args: unknown[]) =>
    db
      .prepare(`SELECT count(*) FROM (${sql} LIMIT ?)`)
      .pluck()
      .get(...args, most) as number

  /** How a search finds the dialogues containing `text`; null without text. */
  function textSearch(text: string): TextSearch | null {
    if (!text) return null
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
    const unindexed = (name: string) =>
      `m.id > (SELECT upto FROM search_index_state WHERE name = '${name}') AND instr(lower(m.content), lower(?)) > 0`
    // UNION ALL, not UNION: a UNION is merged in dialogue order, which read the whole messages index for the tail.
    const tail = (name: string) => `SELECT m.dialogue_id FROM messages m WHERE ${unindexed(name)}`
    const short = cjkQuery(text)
    if (short) {
      // One or two characters without white space: the pairs index, which answers with dialogues (see
      // migrationSearchShort.ts, migrationSearchWords.ts and migrationSearchMarks.ts), gathered once either way.
      const both: TextCondition = (rowid, id) => ({
        sql: `(${rowid} IN (SELECT rowid FROM dialogues_cjk WHERE dialogues_cjk MATCH ?)
          OR ${id} IN (${tail('dialogues_cjk')}))`,
        args: [short, text],
      })
      return {
        set: both,
        walk: both,
        frequent: () =>
          countUpTo(frequentFrom, 'SELECT 1 FROM dialogues_cjk WHERE dialogues_cjk MATCH ?', short) === frequentFrom,
      }
    }
    if ([...text].length >= 3) {
      const phrase = `"${text.replace(/"/g, '""')}"`
      return {
        set: (_rowid, id) => ({
          sql: `${id} IN (SELECT m.dialogue_id FROM messages_fts f JOIN messages m INDEXED BY messages_dialogue_of
              ON m.id = f.rowid WHERE messages_fts MATCH ? UNION ALL ${tail('messages')})`,
          args: [phrase, text],
        }),
        // The matching messages' ids are gathered once; each dialogue's message ids are looked up among them.
        walk: (_rowid, id) => ({
          sql: `EXISTS (SELECT 1 FROM messages m WHERE m.dialogue_id = ${id}
              AND (m.id IN (SELECT rowid FROM messages_fts WHERE messages_fts MATCH ?) OR (${unindexed('messages')})))`,
          args: [phrase, text],
        }),
        frequent: () =>
          countUpTo(frequentFrom, 'SELECT 1 FROM messages_fts WHERE messages_fts MATCH ?', phrase) === frequentFrom,
      }
    }
    // Other queries under three characters (a control character in them) are a scan either way.
    return {
      set: (_rowid, id) => ({
        sql: `${id} IN (SELECT dialogue_id FROM messages WHERE instr(lower(content), lower(?)) > 0)`,
        args: [text],
      }),
      walk: (_rowid, id) => ({
        sql: `EXISTS (SELECT 1 FROM messages m WHERE m.dialogue_id = ${id} AND instr(lower(m.content), lower(?)) > 0)`,
        args: [text],
      }),
      frequent: () => true,
    }
  }

  /** The conditions on dialogues of a query other than its text (the score filter included). */
  function filters(q: Query) {
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
    if (q.score) {
      const filter = scoreFilter(db, q.score, q.datasetId)
      add(filter.sql, ...filter.args)
    } else if (q.sort === 'score') throw new WorkbenchError('invalid_input', { key: 'datasets.sortNeedsScore' })
    return { where, args }
  }

  /** The dataset holds more than WALK_BUDGET dialogues (read from its index only). */
  const largeDataset = (datasetId: string) =>
    countUpTo(walkBudget + 1, 'SELECT 1 FROM dialogues WHERE dataset_id = ?', datasetId) > walkBudget

  /**
   * The conditions of a query as SQL on dialogues. A small dataset's dialogues are walked. Otherwise the text's
   * matches are gathered; in a large dataset they lead (a rare word's few hundred dialogues are looked up, where
   * scanning the dataset read each of its rows): its condition is written `+dataset_id`, which SQLite does not
   * answer from the dataset's index.
   */
  function conditions(q: Query, text: TextSearch | null, large: boolean) {
    const { where, args } = filters(q)
    if (text) {
      const walked = q.datasetId !== undefined && !large
      const condition = (walked ? text.walk : text.set)('dialogues.rowid', 'dialogues.id')
      where.push(condition.sql)
      args.push(...condition.args)
      if (q.datasetId && large) where[0] = '+dataset_id = ?'
    }
    return { sql: where.length ? `WHERE ${where.join(' AND ')}` : '', args }
  }

  /** How many dialogues a query selects (its limit, offset and cursor aside). */
  function count(query: DialogueQuery): number {
    const q = DialogueQuerySchema.parse(query)
    const text = textSearch(q.text.trim())
    const { sql, args } = conditions(q, text, text !== null && q.datasetId !== undefined && largeDataset(q.datasetId))
    return db
      .prepare(`SELECT count(*) FROM dialogues ${sql}`)
      .pluck()
      .get(...args) as number
  }

  /**
   * A page of the dialogues a query selects, in its order, with how many there are and the cursor of the page's
   * last row (`next`; null at the end). `after` pages by that cursor (keyset): a deep page costs what the first
   * does, and rows stored meanwhile are neither skipped nor repeated. `offset` still jumps anywhere.
   * A search usually reads its matches once: the count comes with the page (a window). A frequent word in a large
   * dataset, in the dataset's own order (the browser's), is first looked for in the next WALK_BUDGET dialogues from
   * where the page starts: a page filled there is the page. With `countLater` it comes without its count then
   * (`counted: false`, `total` a lower bound: `offset` plus the page's rows, from the cursor when there is one;
   * count() tells the rest). Excerpts and card snapshots are read for the returned rows only.
   */
  function list(query: DialogueQuery): {
    total: number
    counted: boolean
    items: DialogueSummary[]
    next: DialogueCursor | null
  } {
    const q = DialogueQuerySchema.parse(query)
    const text = textSearch(q.text.trim())
    const large = text !== null && q.datasetId !== undefined && largeDataset(q.datasetId)
    const scoreArgs = q.score ? [q.score.evaluationId, q.score.metric] : []
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
    type Key = { rid: number; sv: number; position: number; total?: number }
    let keys: Key[] | null = null
    let total = 0
    let counted = true
    if (text && large && byPosition && !q.score && text.frequent()) {
      // The dataset's index delivers its dialogues in this order, from the cursor on; each is tested in turn.
      const { where, args } = filters(q)
      const walk = text.walk('d.rid', 'd.id')
      const found = db
        .prepare<unknown[], Key>(
          `SELECT rid, sv, position FROM (
               SELECT rowid AS rid, position AS sv, position, id FROM dialogues
               WHERE ${[...where, ...(q.after ? [`(position, rowid) ${cmp} (?, ?)`] : [])].join(' AND ')}
               ORDER BY position ${dir}, rowid ${dir} LIMIT ?) AS d
             WHERE ${walk.sql}
             ORDER BY ${order} LIMIT ? OFFSET ?`,
        )
        .all(...args, ...after.args, walkBudget, ...walk.args, q.limit, q.offset)
      if (found.length === q.limit) {
        keys = found
        if (q.countLater) [total, counted] = [q.offset + found.length, false]
        else total = count(q)
      }
    }
    if (!keys) {
      const { sql, args } = conditions(q, text, large)
      const counting = text !== null
      keys = db
        .prepare<unknown[], Key>(
          `SELECT rid, sv, position${counting ? ', total' : ''} FROM (
               SELECT rowid AS rid, ${sortValue} AS sv, position${counting ? ', count(*) OVER () AS total' : ''}
               FROM dialogues ${sql}) ${after.sql}
             ORDER BY ${order} LIMIT ? OFFSET ?`,
        )
        .all(...(q.sort === 'score' ? scoreArgs : []), ...args, ...after.args, q.limit, q.offset)
      total =
        keys[0]?.total ??
        (db
          .prepare(`SELECT count(*) FROM dialogues ${sql}`)
          .pluck()
          .get(...args) as number)
    }
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
      counted,
      items: keys.map((k) => {
        const r = byRid.get(k.rid)!
        const summary = toSummary(r, roleCardOf(r))
        return q.score ? { ...summary, score: r.score_value ?? null } : summary
      }),
      next: keys.length === q.limit && last ? [last.sv, last.position, last.rid] : null,
    }
  }
  return { list, count }
}
