import { randomUUID } from 'node:crypto'
import { gzipSync } from 'node:zlib'
import type { Db } from '../../src/main/db/connection'
import { dialogueRepo } from '../../src/main/db/dialogueRepo'
import { uniformGenerator } from '../../src/main/seededRandom'

/** A seeded generator of [0, 1) numbers, so a generated corpus is the same in every run. */
export const prng = uniformGenerator

export const ZH_WORDS = [
  '焦虑',
  '失眠',
  '父母',
  '工作',
  '压力',
  '朋友',
  '学校',
  '考试',
  '睡觉',
  '心情',
  '我',
  '很',
  '的',
]
export const EN_WORDS = ['anxious', 'sleep', 'Parents', 'work', 'ok', 'I', 'am', 'no']
const GLUE = ['，', '。', ' ', '', '', '！', '?']

/** A line of mixed Chinese and English words with punctuation (and none, so words run into each other). */
export function mixedLine(random: () => number, words = 8): string {
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]
  let line = ''
  for (let i = 0; i < words; i++) line += pick(random() < 0.7 ? ZH_WORDS : EN_WORDS) + pick(GLUE)
  return line
}

/** Stores a dataset of generated dialogues (client and counselor lines alternating); returns its id. */
export function storeCorpus(db: Db, dialogues: number, seed = 1, messages = 4): string {
  const repo = dialogueRepo(db)
  const random = prng(seed)
  const datasetId = randomUUID()
  repo.createDataset({ id: datasetId, name: `corpus ${seed}`, kind: 'import', source: 'generated', description: '' })
  db.transaction(() => {
    for (let position = 0; position < dialogues; position++) {
      const id = randomUUID()
      repo.insertDialogue({
        id,
        datasetId,
        runId: null,
        position,
        roleCard: null,
        sample: 0,
        language: 'zh',
        status: 'completed',
        endReason: null,
        systemPrompt: null,
        meta: {},
      })
      repo.appendMessages(
        Array.from({ length: messages }, (_, index) => ({
          dialogueId: id,
          index,
          message: {
            speaker: index % 2 === 0 ? ('client' as const) : ('counselor' as const),
            content: mixedLine(random, 2 + Math.floor(random() * 8)),
          },
        })),
      )
    }
  })()
  return datasetId
}

/** A gzipped JSONL corpus of `dialogues` (ids c0, c1, …; six messages of 25 mixed words, user and assistant). */
export function gzippedCorpus(dialogues: number, seed: number): Buffer {
  const random = prng(seed)
  const lines = Array.from({ length: dialogues }, (_, i) =>
    JSON.stringify({
      id: `c${i}`,
      messages: Array.from({ length: 6 }, (_, k) => ({
        role: k % 2 ? 'assistant' : 'user',
        content: mixedLine(random, 25),
      })),
    }),
  )
  return gzipSync(Buffer.from(lines.join('\n')))
}
