/**
 * Estimates at 55k (issue 14 §1, "Estimates should not read every dialogue"): a temp workspace with one synthetic
 * dataset of 55,000 completed dialogues (~11 messages each, Chinese built from common two-character words), stored
 * through the dialogue repository (no search index: an estimate does not use it). Prints the time of the WAI and
 * topics estimates through the API (sized in SQL), with the judge cache on (cached answers then not counted) and
 * off, and the same estimates by the code path before (every request built, the cache looked up per request), whose
 * figures they must match. Issue 14 measured the old path at 42.9 s (WAI) and 10.9 s (topics) on SmileChat.
 * Run: npm run bench:estimate [-- --dialogues 55000 --skip-old]
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { JudgeEstimate } from '../src/shared/evaluation'
import { createApp } from '../src/main/app'
import { dialogueRepo } from '../src/main/db/dialogueRepo'
import { judgeCacheRepo } from '../src/main/db/judgeCacheRepo'
import { estimateJudgeCost, itemUnits, type ItemQuestion } from '../src/main/evaluation/judgeClient'
import { topicQuestion } from '../src/main/evaluation/topics/topicPrompt'
import { WAI_ITEM_KEYS, WAI_QUESTION } from '../src/main/evaluation/wai/waiPrompt'
import { keyFileSecretBox } from '../src/main/secrets/secretBox'
import { createClient } from '../src/shared/client'
import { storeCorpus } from '../test/support/corpus'
import { arg } from './args'

const DIALOGUES = arg('dialogues', 55000)
const ROUNDS = 3

async function main() {
  const dataDir = mkdtempSync(join(tmpdir(), 'estimate-bench-'))
  const app = createApp({ dataDir, mode: 'cli', secrets: keyFileSecretBox(dataDir, {}), seedExamples: false })
  const api = createClient(app.dispatch)
  try {
    // The tests' generated corpus (Chinese and some English words), 11 messages a dialogue.
    let t = performance.now()
    const datasetId = storeCorpus(app.db, DIALOGUES, 14, 11)
    const repo = dialogueRepo(app.db)
    console.log(
      `stored ${DIALOGUES} dialogues, ${DIALOGUES * 11} messages in ${((performance.now() - t) / 1000).toFixed(1)} s`,
    )
    const endpoint = await api.saveEndpoint({
      name: 'judge',
      baseURL: 'http://127.0.0.1:9/v1',
      model: 'judge-model',
      maxConcurrency: 8,
      priceInput: 1,
      priceOutput: 2,
    })
    const show = (e: JudgeEstimate) =>
      `${e.calls} calls, ${e.promptTokens} prompt + ${e.completionTokens} completion tokens, cached ${e.cached ?? 'not counted'}`
    const kinds: [string, 'wai' | 'topics', ItemQuestion<number | string>, readonly string[]][] = [
      ['WAI', 'wai', WAI_QUESTION, WAI_ITEM_KEYS],
      ['topics', 'topics', topicQuestion(), ['']],
    ]
    for (const [label, kind, question, items] of kinds) {
      for (const cache of [true, false]) {
        const config = { endpointId: endpoint.id, rounds: ROUNDS, cache }
        // Twice: the first call also reads the database's pages into SQLite's cache.
        const times: number[] = []
        let e: JudgeEstimate | undefined
        for (let k = 0; k < 2; k++) {
          t = performance.now()
          e = await api.estimateEvaluation({ kind, datasetIds: [datasetId], config })
          times.push(performance.now() - t)
        }
        const ms = times.map((x) => x.toFixed(0)).join(' / ')
        console.log(`${label} estimate, cache ${cache ? 'on ' : 'off'}: ${ms} ms (${show(e!)})`)
      }
      if (process.argv.includes('--skip-old')) continue
      // The path before: every dialogue read, every request built and looked up in the cache.
      t = performance.now()
      const old = estimateJudgeCost(
        endpoint,
        itemUnits(question, items, repo.iterateDetails(datasetId, undefined, true), ROUNDS),
        { temperature: 0.7, cache: judgeCacheRepo(app.db) },
      )
      const ms = performance.now() - t
      console.log(`${label} estimate, old path (cache on): ${(ms / 1000).toFixed(1)} s (${show(old)})`)
    }
  } finally {
    await app.close()
    rmSync(dataDir, { recursive: true, force: true })
  }
}

await main()
