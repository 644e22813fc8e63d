/**
 * Search and lists at 55k (issue 14 §2): a workspace with one dataset of 55,000 dialogues (SmileChat's full corpus
 * when ../shared/ref-data holds it, else a synthetic corpus of ~11 messages each, Chinese built from common
 * two-character words), imported through the API. Prints:
 * - import time (parse, store and search indexes) and the file size after it;
 * - per query class (1, 2 and 3+ CJK characters, frequent 3+, Latin 1-2, punctuation 1-2): p50 / p95 of the browser's
 *   first page (200 rows, `countLater`), typing to results (the search box's debounce + that p95), the count when it
 *   came after the page, the page with its count in one call, and the SQL before issue 14 (count + rows);
 * - first and last page of the whole list: by offset, by keyset cursor, and the SQL before;
 * - file size after deleting the dataset, then after "compact workspace".
 * Run: npm run bench:search [-- --dialogues 55000 --synthetic --repeat 3 --keep DIR]
 * `--keep DIR` keeps the workspace in DIR (made when missing) and reuses its dataset on the next run: the import and
 * the deletion are skipped then, so the queries can be timed again without importing 55k dialogues.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createApp } from '../src/main/app'
import type { Db } from '../src/main/db/connection'
import { WORKSPACE_FILE } from '../src/main/paths'
import { keyFileSecretBox } from '../src/main/secrets/secretBox'
import { createClient } from '../src/shared/client'
import { SEARCH_DEBOUNCE_MS } from '../src/shared/dialogue'
import { arg } from './args'
import { corpus55k } from './corpus55k'

const DIALOGUES = arg('dialogues', 55000)
const REPEAT = arg('repeat', 3)
const KEEP = process.argv.includes('--keep') ? process.argv[process.argv.indexOf('--keep') + 1] : null

const QUERIES: Record<string, string[]> = {
  '1 char': ['我', '焦', '眠', '父', '烦', '爸'],
  '2 chars': ['焦虑', '失眠', '父母', '工作', '压力', '朋友', '睡觉', '孩子'],
  '3+ chars': ['睡不着', '不知道', '压力很大', '焦虑症', '心情不好', '工作压力'],
  '3+ chars, in tens of thousands of dialogues': ['我觉得', '谢谢你', '你可以', '我不知道'],
  'Latin 1-2 chars': ['a', 'I', 'ok', 'QQ', 'no'],
  'punctuation 1-2 chars': ['，', '？！', '?', '!'],
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

const now = () => performance.now()
const quantile = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b)
  return s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)]
}
const fmt = (x: number) => `${x < 10 ? x.toFixed(1) : Math.round(x)} ms`
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`

async function main() {
  const dataDir = KEEP ?? mkdtempSync(join(tmpdir(), 'simpsy-bench-search-'))
  mkdirSync(dataDir, { recursive: true })
  const app = createApp({ dataDir, mode: 'cli', secrets: keyFileSecretBox(dataDir, {}), seedExamples: false })
  const api = createClient(app.dispatch)
  const dbFile = join(dataDir, WORKSPACE_FILE)
  const size = () =>
    [dbFile, `${dbFile}-wal`].map((f) => (existsSync(f) ? statSync(f).size : 0)).reduce((a, b) => a + b, 0)
  const sizes = () => `${mb(size())} (WAL ${mb(existsSync(`${dbFile}-wal`) ? statSync(`${dbFile}-wal`).size : 0)})`
  const messages = () => app.db.prepare('SELECT count(*) FROM messages').pluck().get() as number
  const behind = () =>
    app.db
      .prepare(
        'SELECT max(upto) - min(upto) FROM (SELECT upto FROM search_index_state UNION ALL SELECT max(id) FROM messages)',
      )
      .pluck()
      .get() as number
  try {
    const kept = KEEP ? (await api.listDatasets({})).find((d) => d.name === 'bench') : undefined
    let t = now()
    let datasetId = kept?.id ?? ''
    if (kept)
      console.log(
        `dataset kept in ${dataDir}: ${kept.dialogueCount.toLocaleString('en')} dialogues; search indexes behind ` +
          `by ${behind()} messages (a migration made one again)`,
      )
    else {
      const file = corpus55k(DIALOGUES, !process.argv.includes('--synthetic'))
      console.log(`corpus: ${file.name}, ${mb(file.content.length)} compressed`)
      const report = await api.importDataset({
        fileName: file.name,
        contentBase64: file.content.toString('base64'),
        name: 'bench',
        skipInvalidRows: true,
      })
      datasetId = report.datasetId!
      console.log(
        `import: ${report.imported.toLocaleString('en')} dialogues, ${messages().toLocaleString('en')} messages in ` +
          `${((now() - t) / 1000).toFixed(1)} s; search indexes behind by ${behind()} messages; file ${sizes()}`,
      )
    }
    if (behind() > 0) {
      t = now()
      const { dialogueRepo } = await import('../src/main/db/dialogueRepo')
      dialogueRepo(app.db).syncSearchIndex()
      console.log(
        `  bringing the indexes up to date (what the first process to open does): ` +
          `${((now() - t) / 1000).toFixed(1)} s; file ${sizes()}`,
      )
    }

    console.log(
      `\nsearch, first page of 200 (${REPEAT} runs per query). The browser asks for its pages with countLater: ` +
        'a page may come before its count, which it then asks for (countDialogues) and shows when it comes. ' +
        `Typing to results = the search box's ${SEARCH_DEBOUNCE_MS} ms debounce + the first page.`,
    )
    for (const [kind, queries] of Object.entries(QUERIES)) {
      const times: number[] = []
      const counts: number[] = []
      const exact: number[] = []
      const hits: number[] = []
      let later = 0
      for (let r = 0; r < REPEAT; r++)
        for (const text of queries) {
          t = now()
          const page = await api.listDialogues({ datasetId, text, limit: 200, countLater: true })
          times.push(now() - t)
          let total = page.total
          if (!page.counted) {
            t = now()
            total = (await api.countDialogues({ datasetId, text })).total
            counts.push(now() - t)
            if (r === 0) later++
          }
          if (r === 0) hits.push(total)
          t = now()
          await api.listDialogues({ datasetId, text, limit: 200 })
          exact.push(now() - t)
        }
      const legacy: number[] = []
      for (const text of queries.slice(0, 3)) {
        t = now()
        legacyList(app.db, datasetId, text, 200, 0)
        legacy.push(now() - t)
      }
      const p95 = quantile(times, 0.95)
      console.log(
        `  ${kind} (matches ${hits.join(', ')}):\n` +
          `    first page p50 ${fmt(quantile(times, 0.5))}, p95 ${fmt(p95)}; typing to results at p95: ` +
          `${SEARCH_DEBOUNCE_MS} ms debounce + ${fmt(p95)} = ${fmt(SEARCH_DEBOUNCE_MS + p95)}\n` +
          (counts.length
            ? `    count after the page (${later} of ${queries.length} queries): p50 ${fmt(quantile(counts, 0.5))}, ` +
              `p95 ${fmt(quantile(counts, 0.95))}; typing to the count at p95: ` +
              `${fmt(SEARCH_DEBOUNCE_MS + p95 + quantile(counts, 0.95))}\n`
            : '    every page came with its count\n') +
          `    the page with its count in one call (countLater off): p50 ${fmt(quantile(exact, 0.5))}, ` +
          `p95 ${fmt(quantile(exact, 0.95))}\n` +
          `    the SQL before issue 14: p50 ${fmt(quantile(legacy, 0.5))}, max ${fmt(Math.max(...legacy))} ` +
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

    if (KEEP) return
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
    if (!KEEP) rmSync(dataDir, { recursive: true, force: true })
  }
}

await main()
