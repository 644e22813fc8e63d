import { parentPort } from 'node:worker_threads'
import { tokenize, type TokenizeOptions } from './tokenize'
import type { Language } from '@shared/roleCard'

/** A worker of the tokenize pool: tokenizes the texts it is sent. */
parentPort!.on('message', (job: { id: number; items: { text: string; language: Language }[]; options: TokenizeOptions }) => {
  parentPort!.postMessage({ id: job.id, tokens: job.items.map((item) => tokenize(item.text, item.language, job.options)) })
})
