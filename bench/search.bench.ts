/**
 * Search and lists at 55k (issue 14 §2): a workspace with one dataset of 55,000 dialogues (SmileChat's full corpus
 * when ../shared/ref-data holds it, else a synthetic corpus of ~11 messages each, Chinese built from common
 * two-character words), imported through the API. Prints:
 * - import time (parse, store and search indexes) and the file size after it;
 * - query latency p50 / p95 of the browser's first page (200 rows with the count) for 1-, 2- and 3+-character
 *   queries, and the same for the SQL before this change (count + rows, each scanning for short queries);
 * - first and last page of the whole list: by offset, by keyset cursor, and the SQL before;
 * - file size after deleting the dataset, then after "compact workspace".
 * Run: npm run bench:search [-- --dialogues 55000 --synthetic --repeat 3]
 */
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createApp } from '../src/main/app'
import type { Db } from '../src/main/db/connection'
import { WORKSPACE_FILE } from '../src/main/paths'
import { keyFileSecretBox } from '../src/main/secrets/secretBox'
import { createClient } from '../src/shared/client'
import { arg } from './args'
import { corpus55k } from './corpus55k'

const DIALOGUES = arg('dialogues', 55000)
const REPEAT = arg('repeat', 3)

const QUERIES: Record<string, string[]> = {
  '1 char': ['我', '焦', '眠', '父', '烦', '爸'],
  '2 chars': ['焦虑', '失眠', '父母', '工作', '压力', '朋友', '睡觉', '孩子'],
  '3+ chars': ['睡不着', '不知道', '压力很大', '焦虑症', '心情不好', '工作压力'],
  'Latin 1-2 chars': ['a', 'I', 'ok', 'QQ', 'no'],
}

// The list and search SQL before issue 14 (count, then rows; OFFSET over ORDER BY position, position).
const LEGACY_EXCERPT = `coalesce(
  (SELECT substr(content, 1, 120) FROM messages m WHERE m.dialogue_id = dialogues.id AND m.speaker = 'client' AND length(content) > 12 ORDER BY idx LIMIT 1),
  (SELECT substr(content, 1, 120) FROM messages m WHERE m.dialogue_id = dialogues.id ORDER BY idx LIMIT 1)) AS excerpt`
function legacyList(db: Db, datasetId: string, text: string, limit: number, offset: number) {
  const where = ['dataset_id = ?']
  const args: unknown[] = [datasetId]
  if (text) {
    if ([...text].length >= 3) {
      where.push(`id IN (SELECT m.dialogue_id FROM messages_fts f JOIN messages m ON m.id = f.rowid WHERE messages_fts MATCH ?
        UNION SELECT dialogue_id FROM messages WHERE id > (SELECT upto FROM search_index_state WHERE name = 'messages') AND instr(lower(content), lower(?)) > 0)`)
      args.push(`"${text}"`, text)
    } else {
      where.push('id IN (SELECT dialogue_id FROM messages WHERE instr(lower(content), lower(?)) > 0)')
      args.push(text)
    }
  }
  const sql = `WHERE ${where.join(' AND ')}`
  const total = db
    .prepare(`SELECT count(*) FROM dialogues ${sql}`)
    .pluck()
    .get(...args) as number
  const rows = db
    .prepare(`SELECT *, ${LEGACY_EXCERPT} FROM dialogues ${sql} ORDER BY position asc, position LIMIT ? OFFSET ?`)
    .all(...args, limit, offset)
  return { total, rows }
}

/** The dataset browser's search box waits this long after the last key (DatasetBrowser.tsx). */
const DEBOUNCE_MS = 150
const now = () => performance.now()
const quantile = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b)
  return s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)]
}
const fmt = (x: number) => `${x < 10 ? x.toFixed(1) : Math.round(x)} ms`
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`

async function main() {
  const dataDir = mkdtempSync(join(tmpdir(), 'simpsy-bench-search-'))
  const app = createApp({ dataDir, mode: 'cli', secrets: keyFileSecretBox(dataDir, {}), seedExamples: false })
  const api = createClient(app.dispatch)
  const dbFile = join(dataDir, WORKSPACE_FILE)
  const size = () =>
    [dbFile, `${dbFile}-wal`].map((f) => (existsSync(f) ? statSync(f).size : 0)).reduce((a, b) => a + b, 0)
  const sizes = () => `${mb(size())} (WAL ${mb(existsSync(`${dbFile}-wal`) ? statSync(`${dbFile}-wal`).size : 0)})`
  try {
    const file = corpus55k(DIALOGUES, !process.argv.includes('--synthetic'))
    console.log(`corpus: ${file.name}, ${mb(file.content.length)} compressed`)
    let t = now()
    const report = await api.importDataset({
      fileName: file.name,
      contentBase64: file.content.toString('base64'),
      name: 'bench',
      skipInvalidRows: true,
    })
    const datasetId = report.datasetId!
    const importMs = now() - t
    const messages = app.db.prepare('SELECT count(*) FROM messages').pluck().get() as number
    const behind = () =>
      app.db
        .prepare(
          'SELECT max(upto) - min(upto) FROM (SELECT upto FROM search_index_state UNION ALL SELECT max(id) FROM messages)',
        )
        .pluck()
        .get() as number
    console.log(
      `import: ${report.imported.toLocaleString('en')} dialogues, ${messages.toLocaleString('en')} messages in ` +
        `${(importMs / 1000).toFixed(1)} s; search indexes behind by ${behind()} messages; file ${sizes()}`,
    )
    if (behind() > 0) {
      t = now()
      const { dialogueRepo } = await import('../src/main/db/dialogueRepo')
      dialogueRepo(app.db).syncSearchIndex()
      console.log(
        `  indexing after the import (what the first process to open did): ${((now() - t) / 1000).toFixed(1)} s; file ${sizes()}`,
      )
    }

    console.log(`\nsearch, first page of 200 with the count (${REPEAT} runs per query):`)
    for (const [kind, queries] of Object.entries(QUERIES)) {
      const times: number[] = []
      const hits: number[] = []
      for (let r = 0; r < REPEAT; r++)
        for (const text of queries) {
          t = now()
          const page = await api.listDialogues({ datasetId, text, limit: 200 })
          times.push(now() - t)
          if (r === 0) hits.push(page.total)
        }
      const legacy: number[] = []
      for (const text of queries.slice(0, 3)) {
        t = now()
        legacyList(app.db, datasetId, text, 200, 0)
        legacy.push(now() - t)
      }
      console.log(
        `  ${kind.padEnd(8)} p50 ${fmt(quantile(times, 0.5))}, p95 ${fmt(quantile(times, 0.95))} ` +
          `(typing to results at p95, with the ${DEBOUNCE_MS} ms debounce: ${fmt(DEBOUNCE_MS + quantile(times, 0.95))}) ` +
          `(matches ${hits.join(', ')}); before: p50 ${fmt(quantile(legacy, 0.5))}, max ${fmt(Math.max(...legacy))} ` +
          `(${legacy.length} queries)`,
      )
    }

    console.log('\nthe whole list, 200 rows a page:')
    const total = (await api.listDialogues({ datasetId, limit: 1 })).total
    const time = async (f: () => Promise<unknown> | unknown) => {
      const xs: number[] = []
      for (let r = 0; r < REPEAT; r++) {
        const t0 = now()
        await f()
        xs.push(now() - t0)
      }
      return quantile(xs, 0.5)
    }
    const lastOffset = Math.max(0, total - 200)
    const before = await api.listDialogues({ datasetId, limit: 200, offset: Math.max(0, lastOffset - 200) })
    const first = await time(() => api.listDialogues({ datasetId, limit: 200 }))
    const lastByOffset = await time(() => api.listDialogues({ datasetId, limit: 200, offset: lastOffset }))
    const lastByCursor = await time(() => api.listDialogues({ datasetId, limit: 200, after: before.next! }))
    const legacyFirst = await time(() => legacyList(app.db, datasetId, '', 200, 0))
    const legacyLast = await time(() => legacyList(app.db, datasetId, '', 200, lastOffset))
    console.log(
      `  first page ${fmt(first)}, last page ${fmt(lastByOffset)} by offset, ${fmt(lastByCursor)} by cursor; ` +
        `before: first ${fmt(legacyFirst)}, last ${fmt(legacyLast)}`,
    )
    const search = await api.listDialogues({ datasetId, text: '焦虑', limit: 1 })
    const deep = Math.max(0, search.total - 200)
    const deepSearch = await time(() => api.listDialogues({ datasetId, text: '焦虑', limit: 200, offset: deep }))
    const legacyDeepSearch = await time(() => legacyList(app.db, datasetId, '焦虑', 200, deep))
    console.log(`  last page of "焦虑" (${search.total} matches): ${fmt(deepSearch)}; before ${fmt(legacyDeepSearch)}`)

    console.log('\nfile size:')
    console.log(`  with the dataset: ${sizes()}`)
    t = now()
    await api.deleteDataset({ id: datasetId })
    console.log(`  after deleting it (${((now() - t) / 1000).toFixed(1)} s): ${sizes()}`)
    t = now()
    await api.compactWorkspace({})
    console.log(`  after compacting (${((now() - t) / 1000).toFixed(1)} s): ${sizes()}`)
  } finally {
    await app.close()
    rmSync(dataDir, { recursive: true, force: true })
  }
}

await main()
