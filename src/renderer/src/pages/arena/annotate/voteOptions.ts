import type { AnnotationTask, VoteChoice } from '@shared/arena'

/**
 * Every answer the annotator can give for this turn, in keyboard order: the candidates, then tie and both bad when
 * allowed.
 */
export function voteOptions(task: AnnotationTask): VoteChoice[] {
  return [
    ...task.candidates.map((_, position) => position),
    ...(task.allowTie ? (['tie'] as const) : []),
    ...(task.allowBothBad ? (['both_bad'] as const) : []),
  ]
}

/** The option a key selects (1–9 a candidate, T tie, B both bad), or null. */
export function optionForKey(key: string, task: AnnotationTask): VoteChoice | null {
  if (/^[1-9]$/.test(key)) {
    const position = Number(key) - 1
    return position < task.candidates.length ? position : null
  }
  const lower = key.toLowerCase()
  if (lower === 't' && task.allowTie) return 'tie'
  if (lower === 'b' && task.allowBothBad) return 'both_bad'
  return null
}

/** The option after (step 1) or before (step −1) the current one, wrapping; from nothing, the first or the last. */
export function moveOption(options: VoteChoice[], current: VoteChoice | null, step: 1 | -1): VoteChoice | null {
  if (options.length === 0) return null
  const index = current === null ? -1 : options.indexOf(current)
  if (index === -1) return step === 1 ? options[0] : options[options.length - 1]
  return options[(index + step + options.length) % options.length]
}
