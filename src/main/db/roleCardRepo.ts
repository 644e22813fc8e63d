import type { RoleCard, RoleCardData, RoleCardPage, RoleCardQuery, RoleCardSummary } from '@shared/roleCard'
import { RoleCardQuerySchema, storedCard } from '@shared/roleCard'
import type { Db } from './connection'

interface Row {
  id: string
  data: string
  created_at: string
  updated_at: string
}

const searchTextOf = (card: RoleCardData) =>
  [
    card.name,
    card.gender,
    card.age ?? '',
    card.education,
    card.occupation,
    card.maritalStatus,
    card.family,
    card.complaint.title,
    card.complaint.body,
    card.notes,
    card.tags.join(' '),
  ]
    .join('\n')
    .toLowerCase()

const stripId = ({ id: _id, ...data }: RoleCardData) => data

function toCard(row: Row): RoleCard {
  return {
    ...storedCard(JSON.parse(row.data) as RoleCardData),
    id: row.id,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  }
}

export function summarize(card: RoleCard): RoleCardSummary {
  const title = card.complaint.title || card.complaint.body.slice(0, 80)
  return {
    id: card.id,
    language: card.language,
    title,
    name: card.name,
    gender: card.gender,
    age: card.age,
    occupation: card.occupation,
    tags: card.tags,
    pool: card.pool,
    source: card.source,
    example: card.example,
    updatedAt: card.updatedAt,
  }
}

/** Storage of role cards. Callers wrap multi-row writes in `db.transaction`. */
export function roleCardRepo(db: Db) {
  const insert = db.prepare(
    `INSERT INTO role_cards (id, language, pool, source, example, data, search_text, created_at, updated_at)
     VALUES (@id, @language, @pool, @source, @example, @data, @search, @createdAt, @updatedAt)`,
  )
  const update = db.prepare(
    `UPDATE role_cards SET language=@language, pool=@pool, source=@source, example=@example, data=@data,
       search_text=@search, created_at=@createdAt, updated_at=@updatedAt WHERE id=@id`,
  )
  const deleteTags = db.prepare('DELETE FROM role_card_tags WHERE card_id = ?')
  const insertTag = db.prepare('INSERT OR IGNORE INTO role_card_tags (card_id, tag, position) VALUES (?, ?, ?)')
  const selectOne = db.prepare<[string], Row>('SELECT id, data, created_at, updated_at FROM role_cards WHERE id = ?')
  const remove = db.prepare('DELETE FROM role_cards WHERE id = ?')

  const params = (card: RoleCard) => ({
    id: card.id,
    language: card.language,
    pool: card.pool,
    source: card.source,
    example: card.example ? 1 : 0,
    data: JSON.stringify(stripId(card)),
    search: searchTextOf(card),
    createdAt: card.createdAt,
    updatedAt: card.updatedAt,
  })
  const writeTags = (card: RoleCard) => {
    deleteTags.run(card.id)
    card.tags.forEach((tag, position) => insertTag.run(card.id, tag, position))
  }

  const get = (id: string): RoleCard | null => {
    const row = selectOne.get(id)
    return row ? toCard(row) : null
  }
  /** Full cards matching a query, or the given ids (in the given order). */
  const find = (query: RoleCardQuery = {}, ids?: string[]): RoleCard[] => {
    if (ids) return ids.map(get).filter((c): c is RoleCard => c !== null)
    const { sql, args } = whereClause(query)
    const q = RoleCardQuerySchema.parse(query)
    return db
      .prepare<unknown[], Row>(
        `SELECT id, data, created_at, updated_at FROM role_cards ${sql} ORDER BY created_at, id LIMIT ? OFFSET ?`,
      )
      .all(...args, q.limit, q.offset)
      .map(toCard)
  }

  return {
    get,
    find,
    exists(id: string): boolean {
      return selectOne.get(id) !== undefined
    },
    insert(card: RoleCard) {
      insert.run(params(card))
      writeTags(card)
    },
    update(card: RoleCard) {
      update.run(params(card))
      writeTags(card)
    },
    delete(id: string) {
      remove.run(id)
    },
    count(): number {
      return (db.prepare('SELECT count(*) AS n FROM role_cards').get() as { n: number }).n
    },
    list(query: RoleCardQuery): RoleCardPage {
      const { sql, args } = whereClause(query)
      const total = (db.prepare(`SELECT count(*) AS n FROM role_cards ${sql}`).get(...args) as { n: number }).n
      const column = (c: string) =>
        (
          db.prepare(`SELECT DISTINCT ${c} AS v FROM role_cards WHERE ${c} <> '' ORDER BY ${c}`).all() as {
            v: string
          }[]
        ).map((r) => r.v)
      const tags = (
        db.prepare('SELECT DISTINCT tag AS v FROM role_card_tags ORDER BY tag').all() as { v: string }[]
      ).map((r) => r.v)
      return {
        total,
        items: find(query).map(summarize),
        facets: { tags, pools: column('pool'), sources: column('source') },
      }
    },
  }
}
export type RoleCardRepo = ReturnType<typeof roleCardRepo>

function whereClause(query: RoleCardQuery): { sql: string; args: unknown[] } {
  const q = RoleCardQuerySchema.parse(query)
  const parts: string[] = []
  const args: unknown[] = []
  if (q.language) {
    parts.push('language = ?')
    args.push(q.language)
  }
  if (q.pool !== undefined) {
    parts.push('pool = ?')
    args.push(q.pool)
  }
  if (q.source !== undefined) {
    parts.push('source = ?')
    args.push(q.source)
  }
  if (q.tag !== undefined) {
    parts.push('id IN (SELECT card_id FROM role_card_tags WHERE tag = ?)')
    args.push(q.tag)
  }
  for (const word of q.text.toLowerCase().split(/\s+/).filter(Boolean)) {
    const pattern = `%${word.replace(/[\\%_]/g, (c) => '\\' + c)}%`
    parts.push("(search_text LIKE ? ESCAPE '\\' OR lower(id) LIKE ? ESCAPE '\\')")
    args.push(pattern, pattern)
  }
  return { sql: parts.length ? `WHERE ${parts.join(' AND ')}` : '', args }
}
