import type { DialogueQuery } from '@shared/dialogue'
import type { Db } from './connection'

type ScoreQuery = NonNullable<DialogueQuery['score']>

/**
 * The dialogue browser's score filter as a condition on `dialogues`: the dialogues an analysis scored on a metric
 * within a range, or in its lowest / highest share (the value at the cut is the k-th lowest or highest of the scored
 * dialogues, ties at the cut included), within one dataset when one is given.
 */
export function scoreFilter(db: Db, s: ScoreQuery, datasetId?: string): { sql: string; args: unknown[] } {
  const range = ['evaluation_id = ?', 'metric = ?', 'value IS NOT NULL']
  const args: unknown[] = [s.evaluationId, s.metric]
  const within = (sql: string, value: unknown) => {
    range.push(sql)
    args.push(value)
  }
  if (datasetId) within('dataset_id = ?', datasetId)
  let { min, max } = s
  const share = s.lowest ?? s.highest
  if (share !== undefined) {
    const where = range.join(' AND ')
    const count = db
      .prepare(`SELECT count(*) FROM evaluation_scores WHERE ${where}`)
      .pluck()
      .get(...args) as number
    const cut = db
      .prepare(
        `SELECT value FROM evaluation_scores WHERE ${where}
         ORDER BY value ${s.lowest !== undefined ? 'ASC' : 'DESC'} LIMIT 1 OFFSET ?`,
      )
      .pluck()
      .get(...args, Math.max(0, Math.ceil(share * count) - 1)) as number | undefined
    if (cut === undefined) {
      // Nothing scored: nothing matches.
      min = 1
      max = 0
    } else if (s.lowest !== undefined) max = Math.min(max ?? Infinity, cut)
    else min = Math.max(min ?? -Infinity, cut)
  }
  if (min !== undefined) within('value >= ?', min)
  if (max !== undefined && max !== Infinity) within('value <= ?', max)
  return { sql: `id IN (SELECT dialogue_id FROM evaluation_scores WHERE ${range.join(' AND ')})`, args }
}
