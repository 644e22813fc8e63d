import { existsSync, rmSync } from 'node:fs'
import { WorkbenchError } from '@shared/errors'
import { openDatabase, schemaVersion, type Db } from './connection'
import { searchIndex } from './searchIndex'

/**
 * A workspace bundle: a SQLite file with the workspace's own schema that holds only some rows, to carry work between
 * two workspaces (this machine's and a remote run's on a GPU server). Ids travel as they are, so a run, its dataset,
 * dialogues and call log, or an evaluation and its scores, mean the same thing on both sides. Rows whose key is an
 * integer rowid (messages, LLM calls) get new rowids where they land; nothing refers to those.
 */

/** One table's rows in a bundle. `where` selects them in the source (`{src}` is the source schema's name). */
export interface BundlePart {
  table: string
  where?: string
  params?: unknown[]
  /** On merge, rows of the target with the same value in this column are deleted first (a pull replaces). */
  replaceBy?: string
  /** The table's INTEGER PRIMARY KEY is not carried (the target assigns its own). */
  newRowIds?: boolean
}

const ATTACHED = 'bundle'
const ident = (name: string) => {
  if (!/^[a-z_]+$/.test(name)) throw new Error(`not a table or column name: ${name}`)
  return name
}

function columns(db: Db, schema: string, table: string): string[] {
  return (db.prepare(`PRAGMA ${schema}.table_info(${ident(table)})`).all() as { name: string }[]).map((c) => c.name)
}

function copy(db: Db, from: string, to: string, part: BundlePart) {
  const table = ident(part.table)
  const target = new Set(columns(db, to, table))
  const cols = columns(db, from, table).filter((c) => target.has(c) && !(part.newRowIds && c === 'id'))
  const list = cols.map(ident).join(', ')
  const where = part.where ? ` WHERE ${part.where.replaceAll('{src}', from)}` : ''
  db.prepare(`INSERT OR IGNORE INTO ${to}.${table} (${list}) SELECT ${list} FROM ${from}.${table}${where}`).run(
    ...(part.params ?? []),
  )
}

function withAttached<T>(db: Db, file: string, fn: () => T): T {
  db.prepare(`ATTACH DATABASE ? AS ${ATTACHED}`).run(file)
  try {
    return fn()
  } finally {
    db.prepare(`DETACH DATABASE ${ATTACHED}`).run()
  }
}

/** Writes the parts' rows of `db` into a new bundle file (replacing one left there). Returns the rows per table. */
export function writeBundle(db: Db, file: string, parts: readonly BundlePart[]): Record<string, number> {
  for (const leftover of [file, `${file}-wal`, `${file}-shm`]) rmSync(leftover, { force: true })
  // Created by the same migrations as a workspace, then closed: attached below, it is written like any schema.
  const fresh = openDatabase(file)
  fresh.pragma('journal_mode = DELETE')
  fresh.close()
  return withAttached(db, file, () =>
    db.transaction(() => {
      const counts: Record<string, number> = {}
      for (const part of parts) {
        copy(db, 'main', ATTACHED, part)
        counts[part.table] = (
          db.prepare(`SELECT count(*) AS n FROM ${ATTACHED}.${ident(part.table)}`).get() as { n: number }
        ).n
      }
      return counts
    })(),
  )
}

/**
 * Merges a bundle into `db` in one transaction: rows with a part's `replaceBy` key are replaced, the rest added where
 * absent. A bundle from an older workbench is brought to this schema first; one from a newer one is refused.
 */
export function mergeBundle(
  db: Db,
  file: string,
  parts: readonly BundlePart[],
  /** Runs after the replaced rows are gone, before the new ones go in (in the same transaction). */
  afterReplace: () => void = () => {},
): Record<string, number> {
  if (!existsSync(file)) throw new WorkbenchError('not_found', `The bundle ${file} does not exist.`)
  const bundle = openDatabase(file)
  const version = schemaVersion(bundle)
  bundle.close()
  if (version !== schemaVersion(db))
    throw new WorkbenchError(
      'schema_too_new',
      `The bundle ${file} has schema ${version}, this workspace ${schemaVersion(db)}.`,
    )
  return withAttached(db, file, () =>
    db.transaction(() => {
      const counts: Record<string, number> = {}
      // Replaced rows go first, children before parents' cascades would matter: in reverse order.
      for (const part of [...parts].reverse()) {
        if (!part.replaceBy) continue
        const key = ident(part.replaceBy)
        db.prepare(
          `DELETE FROM main.${ident(part.table)} WHERE ${key} IN (SELECT ${key} FROM ${ATTACHED}.${ident(part.table)})`,
        ).run()
      }
      afterReplace()
      for (const part of parts) {
        const before = db.prepare(`SELECT total_changes() AS n`).get() as { n: number }
        copy(db, ATTACHED, 'main', { table: part.table, newRowIds: part.newRowIds })
        const after = db.prepare(`SELECT total_changes() AS n`).get() as { n: number }
        counts[part.table] = after.n - before.n
      }
      return counts
    })(),
  )
}

/** What a simulation run brings back: its dataset, the run, its dialogues and messages, and its call log. */
export function runBundleParts(runId: string, datasetId: string): BundlePart[] {
  return [
    { table: 'datasets', where: 'id = ?', params: [datasetId], replaceBy: 'id' },
    { table: 'runs', where: 'id = ?', params: [runId], replaceBy: 'id' },
    { table: 'dialogues', where: 'dataset_id = ?', params: [datasetId], replaceBy: 'id' },
    {
      table: 'messages',
      where: 'dialogue_id IN (SELECT id FROM {src}.dialogues WHERE dataset_id = ?)',
      params: [datasetId],
      newRowIds: true,
    },
    { table: 'llm_calls', where: 'job_id = ?', params: [runId], replaceBy: 'job_id', newRowIds: true },
  ]
}

/** What an evaluation brings back: the evaluation, its work items and per-dialogue scores, its call log. */
export function evaluationBundleParts(evaluationId: string): BundlePart[] {
  return [
    { table: 'evaluations', where: 'id = ?', params: [evaluationId], replaceBy: 'id' },
    { table: 'evaluation_items', where: 'evaluation_id = ?', params: [evaluationId] },
    { table: 'evaluation_scores', where: 'evaluation_id = ?', params: [evaluationId] },
    { table: 'llm_calls', where: 'job_id = ?', params: [evaluationId], replaceBy: 'job_id', newRowIds: true },
    // The judge's answers this evaluation asked for, so a later analysis here reuses them.
    { table: 'judge_cache' },
  ]
}

/** A remote workspace's result: the run (with its dataset) or the evaluation with this id. */
export function resultBundleParts(db: Db, jobId: string): BundlePart[] {
  const run = db.prepare('SELECT dataset_id AS datasetId FROM runs WHERE id = ?').get(jobId) as
    { datasetId: string } | undefined
  if (run) return runBundleParts(jobId, run.datasetId)
  if (db.prepare('SELECT 1 FROM evaluations WHERE id = ?').get(jobId)) return evaluationBundleParts(jobId)
  throw new WorkbenchError('not_found', `No run or evaluation ${jobId} in this workspace.`)
}

/** What a pulled bundle holds: a run (and its dataset id) or an evaluation. */
export function bundleContents(file: string): { runId: string; datasetId: string } | { evaluationId: string } {
  const db = openDatabase(file)
  try {
    const run = db.prepare('SELECT id AS runId, dataset_id AS datasetId FROM runs').get() as
      { runId: string; datasetId: string } | undefined
    if (run) return run
    const evaluation = db.prepare('SELECT id FROM evaluations').get() as { id: string } | undefined
    if (evaluation) return { evaluationId: evaluation.id }
    throw new WorkbenchError('invalid_input', `${file} holds neither a run nor an evaluation.`)
  } finally {
    db.close()
  }
}

/** `(?, ?, …)`; `(NULL)` for none, which matches nothing. */
const inList = (n: number) => (n ? `(${Array.from({ length: n }, () => '?').join(', ')})` : '(NULL)')

/**
 * What a remote run needs from this workspace: the role cards it names (with tags), the prompt templates, and for an
 * evaluation the datasets it reads (their runs, dialogues and messages). Endpoints travel in the job file (their keys
 * apart).
 */
export function inputBundleParts(p: { cardIds: string[]; datasetIds: string[] }): BundlePart[] {
  const cards = inList(p.cardIds.length)
  const sets = inList(p.datasetIds.length)
  return [
    { table: 'role_cards', where: `id IN ${cards}`, params: p.cardIds },
    { table: 'role_card_tags', where: `card_id IN ${cards}`, params: p.cardIds },
    { table: 'prompt_templates' },
    { table: 'datasets', where: `id IN ${sets}`, params: p.datasetIds },
    { table: 'runs', where: `dataset_id IN ${sets}`, params: p.datasetIds },
    { table: 'dialogues', where: `dataset_id IN ${sets}`, params: p.datasetIds },
    {
      table: 'messages',
      where: `dialogue_id IN (SELECT id FROM {src}.dialogues WHERE dataset_id IN ${sets})`,
      params: p.datasetIds,
      newRowIds: true,
    },
  ]
}

/**
 * After a pull: the run or evaluation is this workspace's now. What was still going where it ran (a run cancelled or
 * lost there) is paused here, with no owner, so it can be resumed from this machine; the dataset records where it ran.
 */
export function settlePulled(
  db: Db,
  p: { runId?: string; evaluationId?: string; datasetId?: string; provenance: unknown },
) {
  db.transaction(() => {
    if (p.runId)
      db.prepare(
        `UPDATE runs SET owner = NULL, heartbeat_at = NULL,
           status = CASE WHEN status = 'running' THEN 'paused' ELSE status END WHERE id = ?`,
      ).run(p.runId)
    if (p.evaluationId)
      db.prepare(
        `UPDATE evaluations SET owner = NULL, heartbeat_at = NULL,
           status = CASE WHEN status = 'running' THEN 'paused' ELSE status END WHERE id = ?`,
      ).run(p.evaluationId)
    if (p.datasetId)
      db.prepare('UPDATE datasets SET provenance = ? WHERE id = ?').run(JSON.stringify(p.provenance), p.datasetId)
  })()
}

/** The tables of an input bundle, in merge order (it holds only what the desktop chose). */
export const INPUT_MERGE_PARTS: BundlePart[] = inputBundleParts({ cardIds: [], datasetIds: [] }).map((p) => ({
  table: p.table,
  newRowIds: p.newRowIds,
}))

/**
 * A remote run's result merged into this workspace: the run with its dataset (which records where it ran), or the
 * evaluation. Returns what it was.
 */
export function mergeRemoteResult(
  db: Db,
  file: string,
  provenance: unknown,
): { id: string; datasetId: string | null; counts: Record<string, number> } {
  const contents = bundleContents(file)
  if ('runId' in contents) {
    // Messages get rowids where they land: those of replaced messages can be given out again, below the search
    // indexes' marks, so the marks come down first (as after deleting a dataset) and the new messages are indexed.
    const search = searchIndex(db)
    const counts = mergeBundle(db, file, runBundleParts(contents.runId, contents.datasetId), () => search.lowerMarks())
    settlePulled(db, { runId: contents.runId, datasetId: contents.datasetId, provenance })
    return { id: contents.runId, datasetId: contents.datasetId, counts }
  }
  const counts = mergeBundle(db, file, evaluationBundleParts(contents.evaluationId))
  settlePulled(db, { evaluationId: contents.evaluationId, provenance })
  return { id: contents.evaluationId, datasetId: null, counts }
}
