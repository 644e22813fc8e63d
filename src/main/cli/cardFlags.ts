import type { Command } from 'commander'
import { WorkbenchError } from '@shared/errors'
import { CardSampleSchema, type CardSample, type CardSelectionRecord } from '@shared/roleCard'

/** The flags that take a seeded sample of the matching cards (`simulate`, `arena start`). */
export interface SampleFlags {
  sampleSize?: string
  sampleFraction?: string
  sampleSeed?: string
}

const FLAG = { size: '--sample-size', fraction: '--sample-fraction', seed: '--sample-seed' } as const

export function addSampleOptions(command: Command): Command {
  return command
    .option(`${FLAG.size} <n>`, 'simulate a seeded random sample of N of the matching cards')
    .option(`${FLAG.fraction} <f>`, 'or a share of them, in (0, 1]')
    .option(`${FLAG.seed} <n>`, 'the sample seed (default 42; the same seed and query give the same cards)')
}

/**
 * The sample the flags ask for, checked here (each problem names its flag), or undefined without --sample-size or
 * --sample-fraction.
 */
export function sampleFromFlags(flags: SampleFlags): CardSample | undefined {
  if (flags.sampleSize === undefined && flags.sampleFraction === undefined) {
    if (flags.sampleSeed !== undefined)
      throw new WorkbenchError('invalid_input', `${FLAG.seed}: give ${FLAG.size} or ${FLAG.fraction} with it.`)
    return undefined
  }
  const number = (value: string | undefined) => (value === undefined ? undefined : Number(value))
  const parsed = CardSampleSchema.safeParse({
    size: number(flags.sampleSize),
    fraction: number(flags.sampleFraction),
    seed: number(flags.sampleSeed ?? '42'),
  })
  if (parsed.success) return parsed.data
  const issue = parsed.error.issues[0]
  const flag = FLAG[issue.path[0] as keyof typeof FLAG]
  throw new WorkbenchError('invalid_input', `${flag}: ${issue.message}.`)
}

/** "20 of 450 matching cards, seed 7" (or "450 cards"), for the CLI's report of a run or an arena. */
export function describeCardSelection(record: CardSelectionRecord | null): string {
  if (!record) return 'cards: not recorded'
  if (!record.query) return `${record.selected} cards by id`
  const sample = record.sample
  if (!sample) return `${record.selected} matching cards`
  const how = sample.size !== undefined ? `sample of ${sample.size}` : `sample fraction ${sample.fraction}`
  return `${record.selected} of ${record.matched} matching cards (${how}, seed ${sample.seed})`
}
