import type { Command } from 'commander'
import { writeFileSync } from 'node:fs'
import { extname } from 'node:path'
import { createInterface } from 'node:readline/promises'
import type { ApiClient } from '@shared/api'
import { WorkbenchError } from '@shared/errors'
import {
  EVALUATION_KINDS,
  type EvaluationKind,
  type EvaluationSummary,
  type StartEvaluationInput,
} from '@shared/evaluation'
import type { App } from '../app'
import { endpointId, followWithBar, type OpenWorkspace } from './context'

const TABLE_FORMATS: Record<string, 'csv' | 'markdown' | 'latex'> = {
  '.csv': 'csv',
  '.md': 'markdown',
  '.tex': 'latex',
}

/**
 * `evaluate <kind>`: run one analysis with a progress bar and print its table; `evaluate resume`: finish an interrupted
 * one.
 */
export function registerEvaluateCommand(program: Command, open: OpenWorkspace) {
  const evaluate = program
    .command('evaluate')
    .description(
      `run an analysis (${EVALUATION_KINDS.join(', ')}) on one or two datasets (statistics: up to 8), or resume one`,
    )
  for (const kind of EVALUATION_KINDS) {
    evaluate
      .command(kind)
      .description(KIND_DESCRIPTIONS[kind])
      .requiredOption('-d, --dataset <id...>', 'dataset ids (see: datasets list)')
      .option('--endpoint <name>', 'judge endpoint (topics, wai)')
      .option('--rounds <n>', 'judge rounds (default 3)', Number)
      .option('--temperature <t>', 'judge temperature (default 0.7)', Number)
      .option(
        '--model <id or folder>',
        'embedding model: hub id or absolute path of a local folder (default Xenova/bge-m3)',
      )
      .option('--quantized', 'embedding model: 8-bit weights')
      .option('--stop-words', 'overlap: remove stop words')
      .option('--student', "Student's t-test instead of Welch's")
      .option('--seed <n>', 'seed of the random-mapping control', Number)
      .option('--table <file>', 'also write the result table (.csv, .md or .tex)')
      .option('-y, --yes', 'start a judge job without asking (after printing its estimate)')
      .action(async (o) => {
        const { api, app } = open()
        const test = o.student ? 'student' : 'welch'
        const defined = (x: Record<string, unknown>) =>
          Object.fromEntries(Object.entries(x).filter(([, v]) => v !== undefined))
        const format = tableFormat(o.table)
        let input: StartEvaluationInput
        if (kind === 'topics' || kind === 'wai') {
          if (!o.endpoint)
            throw new WorkbenchError('invalid_input', '--endpoint: name a saved endpoint (see: endpoints list)')
          input = {
            kind,
            datasetIds: o.dataset,
            config: {
              endpointId: await endpointId(api, o.endpoint),
              test,
              ...defined({ rounds: o.rounds, temperature: o.temperature }),
            },
          }
          const e = await api.estimateEvaluation(input)
          console.log(
            `This job makes about ${e.calls} calls (${e.cached} answered from the cache), ~${e.promptTokens} prompt + ${e.completionTokens} completion tokens${e.cost !== null ? `, about ${e.cost.toFixed(2)} in cost` : ''}.`,
          )
          if (!o.yes && !(await confirm('Start it? [y/N] '))) return
        } else if (kind === 'embedding') {
          input = {
            kind,
            datasetIds: o.dataset,
            config: { test, ...defined({ model: o.model, quantized: o.quantized, seed: o.seed }) },
          }
        } else if (kind === 'overlap') {
          input = {
            kind,
            datasetIds: o.dataset,
            config: { test, removeStopWords: Boolean(o.stopWords), ...defined({ seed: o.seed }) },
          }
        } else input = { kind: 'stats', datasetIds: o.dataset }

        const started = await api.startEvaluation(input)
        console.log(
          `Evaluation ${started.id}. Interrupt with Ctrl+C; continue with: npm run cli -- evaluate resume ${started.id}`,
        )
        await finish(api, await follow(app, started), o.table, format)
      })
  }

  evaluate
    .command('resume [evaluationId]')
    .description(
      'continue an interrupted, paused or failed evaluation (the newest interrupted or paused one if no id is given)',
    )
    .option('--table <file>', 'also write the result table (.csv, .md or .tex)')
    .action(async (evaluationId: string | undefined, o) => {
      const { api, app } = open()
      const format = tableFormat(o.table)
      const id =
        evaluationId ?? (await api.listEvaluations()).find((e) => e.status === 'running' || e.status === 'paused')?.id
      if (!id)
        throw new WorkbenchError(
          'not_found',
          'No interrupted or paused evaluation to resume (see: call listEvaluations).',
        )
      const resumed = await api.resumeEvaluation({ id })
      console.log(`Resuming "${resumed.name}" at ${resumed.progress.done}/${resumed.progress.total}.`)
      await finish(api, await follow(app, resumed), o.table, format)
    })
}

const KIND_DESCRIPTIONS: Record<EvaluationKind, string> = {
  stats: 'dataset statistics (up to 8 datasets)',
  overlap: 'vocabulary overlap of client utterances with their role card, against a random mapping',
  embedding: 'embedding cosine similarity of client utterances with their role card, against a random mapping',
  topics: 'topic labels by an LLM judge (needs --endpoint)',
  wai: 'working-alliance (WAI) scores by an LLM judge (needs --endpoint)',
}

function tableFormat(file: string | undefined) {
  if (file === undefined) return undefined
  const format = TABLE_FORMATS[extname(file).toLowerCase()]
  if (!format) throw new WorkbenchError('invalid_input', '--table: the file must end in .csv, .md or .tex')
  return format
}

/** Prints the result table (and writes it), or says how the job ended and how to continue it. */
async function finish(
  api: ApiClient,
  final: EvaluationSummary,
  table: string | undefined,
  format: ReturnType<typeof tableFormat>,
) {
  if (final.status !== 'completed') {
    process.exitCode = 1
    return console.error(
      `Evaluation ${final.status}${final.error ? `: ${final.error}` : ''}. Resume with: npm run cli -- evaluate resume ${final.id}`,
    )
  }
  console.log((await api.exportEvaluationTable({ id: final.id, format: 'markdown' })).content)
  if (table && format) {
    writeFileSync(table, (await api.exportEvaluationTable({ id: final.id, format })).content)
    console.log(`Wrote ${table}`)
  }
}

async function confirm(question: string): Promise<boolean> {
  if (!process.stdin.isTTY)
    throw new WorkbenchError('invalid_input', 'Not asking without a terminal: add --yes to start the judge job.')
  const rl = createInterface({ input: process.stdin, output: process.stdout })
  const answer = await rl.question(question)
  rl.close()
  return /^y(es)?$/i.test(answer.trim())
}

async function follow(app: App, started: EvaluationSummary): Promise<EvaluationSummary> {
  const view = {
    format: ' {bar} {value}/{total} | {failures} failed | ETA {eta_formatted}',
    total: (s: EvaluationSummary) => Math.max(s.progress.total, 1),
    value: (s: EvaluationSummary) => s.progress.done,
    fields: (s: EvaluationSummary) => ({ failures: s.progress.failures }),
  }
  await followWithBar(app, 'evaluation.progress', started, view, app.evaluations.waitFor(started.id))
  return app.evaluations.summary(started.id)
}
