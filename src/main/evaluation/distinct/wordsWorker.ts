import { parentPort } from 'node:worker_threads'
import { tokenizeToWordIds, type WordsJob } from './wordPool'

/** A worker of the Distinct-n word pool: the words of the texts it is sent, as numbers into its own word list. */
parentPort!.on('message', (job: WordsJob) => {
  const result = tokenizeToWordIds(job)
  parentPort!.postMessage(result, [result.ids.buffer, result.lengths.buffer])
})
