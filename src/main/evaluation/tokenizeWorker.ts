import { parentPort } from 'node:worker_threads'
import type { TokenizeOptions } from './tokenize'
import { packVocabularies, type TokenizeItem } from './tokenizePool'

/** A worker of the tokenize pool: the vocabularies of the texts it is sent. */
parentPort!.on('message', (job: { id: number; items: TokenizeItem[]; options: TokenizeOptions }) => {
  parentPort!.postMessage({ id: job.id, packed: packVocabularies(job.items, job.options) })
})
