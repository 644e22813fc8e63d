import { Option, type Command } from 'commander'
import { addRemoteOptions, launchRemote } from './remote'
import type { SessionGroups } from '@shared/sessionGroups'
import { readFileSync, writeFileSync } from 'node:fs'
import { basename, extname } from 'node:path'
import { createInterface } from 'node:readline/promises'
import type { ApiClient } from '@shared/api'
import { COMPARISON_TESTS } from '@shared/comparison'
import { WorkbenchError } from '@shared/errors'
import {
  EVALUATION_KINDS,
  EXACT_CACHE_LIMIT,
  EVALUATIONS,
  evaluationInfo,
  type EvaluationSummary,
  type StartEvaluationInput,
} from '@shared/evaluation'
import type { App } from '../app'
import { endpointId, followWithBar, type OpenWorkspace } from './context'
import { plural } from '@shared/plural'

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
  const several = EVALUATION_KINDS.filter((kind) => EVALUATIONS[kind].datasets.max > 2)
    .map((kind) => `${EVALUATIONS[kind].label}: up to ${EVALUATIONS[kind].datasets.max}`)
    .join('; ')
  const evaluate = program
    .command('evaluate')
    .description(
      `run an analysis (${EVALUATION_KINDS.join(', ')}) on one or two datasets${several ? ` (${several})` : ''}, resume one, or compare finished ones`,
    )
  // Every kind in the registry (src/shared/evaluations), with its own options.
  for (const kind of EVALUATION_KINDS) {
    const info = evaluationInfo(kind)
    const command = evaluate
      .command(kind)
      .description(info.description)
      .requiredOption('-d, --dataset <id...>', 'dataset ids (see: datasets list)')
    if (info.judged) command.option('--endpoint <name>', 'judge endpoint')
    for (const option of info.cli.options) {
      if (option.parse === 'number') command.option(option.flags, option.description, Number)
      else command.option(option.flags, option.description)
    }
    command
      .option('--table <file>', 'also write the result table (.csv, .md or .tex)')
      .option('--all-dialogues', 'also read flagged dialogues and those that did not end by a rule (default: left out)')
      .option('-y, --yes', 'start a judge job without asking (after printing its estimate)')
    addRemoteOptions(command)
    if (info.judged)
      command.option(
        '--export-batch <file>',
        "write the judge's requests as a JSONL batch file (for vllm run-batch) instead of starting the job",
      )
    command.action(async (o) => {
      const { api, app } = open()
      const format = tableFormat(o.table)
      const given = info.cli.config(o)
      // A kind that names an endpoint of its own (embeddings from an endpoint) names it like --endpoint: by name.
      const config =
        given && typeof given.endpointId === 'string'
          ? { ...given, endpointId: await endpointId(api, given.endpointId) }
          : given
      if (info.judged && !o.endpoint)
        throw new WorkbenchError('invalid_input', '--endpoint: name a saved endpoint (see: endpoints list)')
      const input = {
        kind,
        datasetIds: o.dataset,
        dialogues: o.allDialogues ? 'all' : 'complete',
        ...(info.judged ? { config: { endpointId: await endpointId(api, o.endpoint), ...config } } : {}),
        ...(!info.judged && config ? { config } : {}),
      } as StartEvaluationInput
      if (o.exportBatch) {
        const file = await api.exportEvaluationBatch(input)
        writeFileSync(o.exportBatch, file.content)
        console.log(
          `Wrote ${plural(file.count, 'request', 'requests')} to ${o.exportBatch}. Run it, e.g. ` +
            `vllm run-batch -i ${o.exportBatch} -o answers.jsonl --model <model>, then: ` +
            `npm run cli -- evaluate import-batch answers.jsonl --endpoint ${o.endpoint}`,
        )
        return
      }
      if (info.judged) {
        const e = await api.estimateEvaluation(input)
        const batch = e.batchCost != null ? ` (as one batch: about ${e.batchCost.toFixed(2)})` : ''
        console.log(
          `This job makes about ${plural(e.calls, 'call', 'calls')} (${e.cached === null ? `at most; cached answers not counted over ${EXACT_CACHE_LIMIT} dialogues` : `${e.cached} answered from the cache`}), ~${e.promptTokens} prompt + ${plural(e.completionTokens, 'completion token', 'completion tokens')}${e.cost !== null ? `, about ${e.cost.toFixed(2)} in cost${batch}` : ''}.`,
        )
        if (!o.yes && !(await confirm('Start it? [y/N] '))) return
      }

      if (o.on) {
        const remote = await launchRemote(api, o, { name: input.name ?? `${info.label} on ${o.on}`, evaluation: input })
        // The table, as for an analysis run here (its result is this workspace's now).
        if (remote.pulled) await finish(api, await api.getEvaluation({ id: remote.pulled.id }), o.table, format)
        return
      }
      const started = await api.startEvaluation(input)
      console.log(
        `Evaluation ${started.id}. Interrupt with Ctrl+C; continue with: npm run cli -- evaluate resume ${started.id}`,
      )
      await finish(api, await follow(app, started), o.table, format)
    })
  }

  evaluate
    .command('compare <evaluationId...>')
    .description(
      'compare the datasets of completed analyses of one kind, each against a reference dataset, on their ' +
        'per-dialogue scores (paired by role card or seed record for paired tests), and print the table',
    )
    .requiredOption('--reference <dataset>', 'the reference dataset (id or name)')
    .addOption(
      new Option('--test <test>', 'paired tests fall back to Welch for datasets without common cards')
        .choices(COMPARISON_TESTS)
        .default('paired-t'),
    )
    .option('--holm', 'Holm correction over all tests of the table (the default)', true)
    .option('--no-holm', 'no correction for multiple comparisons')
    .option('--metric <name...>', 'rows, in this order (default: every numeric metric the analyses stored)')
    .addOption(
      new Option('--format <format>', 'default: from --out, else markdown').choices(['csv', 'markdown', 'latex']),
    )
    .option('--out <file>', 'write the table to this file (.csv, .md or .tex) instead of printing it')
    .action(async (evaluationIds: string[], o) => {
      const { api } = open()
      const format = o.format ?? tableFormat(o.out) ?? 'markdown'
      const datasets = await api.listDatasets()
      const reference = datasets.find((d) => d.id === o.reference) ?? datasets.find((d) => d.name === o.reference)
      const input = {
        evaluationIds,
        reference: reference?.id ?? o.reference,
        test: o.test,
        correction: o.holm ? ('holm' as const) : ('none' as const),
        ...(o.metric ? { metrics: o.metric } : {}),
      }
      const report = await api.compareAnalyses(input)
      for (const warning of report.warnings) console.error(`Note: ${warning}`)
      const file = await api.exportComparison({ ...input, format })
      if (!o.out) return void process.stdout.write(file.content)
      writeFileSync(o.out, file.content)
      console.log(`Wrote ${o.out}`)
    })

  evaluate
    .command('import-batch <file>')
    .description(
      'import the output of a judge batch run elsewhere (vllm run-batch on a file from --export-batch): each answer ' +
        'is logged and kept in the judge cache, so the same analysis started afterwards is answered from it',
    )
    .requiredOption('--endpoint <name>', 'the judge endpoint the batch file was exported for')
    .option('--price-factor <f>', 'price of these answers relative to live calls (default 0: self-hosted)', Number)
    .action(async (file: string, o) => {
      const { api } = open()
      const report = await api.importEvaluationBatch({
        endpointId: await endpointId(api, o.endpoint),
        fileName: basename(file),
        contentBase64: readFileSync(file).toString('base64'),
        ...(o.priceFactor === undefined ? {} : { priceFactor: o.priceFactor }),
      })
      console.log(
        `${plural(report.lines, 'line', 'lines')}: ${report.stored} answers stored, ${report.already} already stored, ` +
          `${report.failed} without an answer (asked live when the analysis runs).`,
      )
    })

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
  registerScoresCommand(evaluate, open)
}

/**
 * `evaluate scores <id>`: the dialogues of an analysis by one per-dialogue metric (lowest first), or every dialogue's
 * results as CSV.
 */
export function registerScoresCommand(evaluate: Command, open: OpenWorkspace) {
  evaluate
    .command('scores <evaluationId>')
    .description('per-dialogue results of an analysis: the lowest (or highest) dialogues by a metric, or all as CSV')
    .option('--metric <name>', "the metric to sort by (default: the analysis's first; listed when wrong)")
    .option('--highest', 'highest first')
    .option('-n, --limit <n>', 'how many dialogues to list (default 10)', Number)
    .option('--csv <file>', 'write every dialogue with every metric (dialogue id, source id, dataset, metrics)')
    .option(
      '--by-session',
      'per session index of the cases (follow-up sessions): mean ± SD (n) of every metric, and its change against session 1 (paired t-test)',
    )
    .option('--session <n>', 'list only the dialogues that are this session of their case', Number)
    .action(async (id: string, o) => {
      const { api } = open()
      if (o.csv) {
        writeFileSync(o.csv, (await api.exportEvaluationScores({ id })).content)
        return console.log(`Wrote ${o.csv}`)
      }
      if (o.bySession) return printSessionGroups(await api.evaluationSessionGroups({ id }))
      const page = await api.listEvaluationScores({
        id,
        metric: o.metric,
        sessionIndex: o.session,
        order: o.highest ? 'desc' : 'asc',
        limit: o.limit ?? 10,
      })
      if (!page.metric) return console.log('This analysis has no per-dialogue results (run it again to get them).')
      console.log(
        `${plural(page.total, 'dialogue', 'dialogues')} by ${page.metric} (${o.highest ? 'highest' : 'lowest'} first):`,
      )
      for (const row of page.items)
        console.log(
          `${String(row.values[page.metric] ?? row.labels[page.metric] ?? '—').padStart(8)}  ${row.dialogueId}  ${row.sourceId ?? ''}  ${row.title}`,
        )
    })
}

/** One line per session index: its dialogues, then each metric's mean ± SD (n) and its change against session 1. */
function printSessionGroups({ metrics, groups }: SessionGroups) {
  if (!groups.some((g) => g.sessionIndex !== null))
    return console.log('No dialogue of this analysis is a session of a case (run with --sessions, or import cases).')
  const fixed = (x: number | null) => (x === null ? '—' : x.toFixed(3))
  for (const g of groups) {
    const stats = metrics
      .filter((m) => g.stats[m].n > 0)
      .map((m) => {
        const { mean, sd, n, change } = g.stats[m]
        const vsFirst = change
          ? ` [vs session 1: ${change.meanDifference >= 0 ? '+' : ''}${fixed(change.meanDifference)}, p ${fixed(change.p)}, ${change.n} paired]`
          : ''
        return `${m} ${fixed(mean)} ± ${fixed(sd)} (${n})${vsFirst}`
      })
    console.log(
      `${g.sessionIndex === null ? 'no case' : `session ${g.sessionIndex}`}: ${plural(g.dialogues, 'dialogue', 'dialogues')}; ${stats.join('; ')}`,
    )
  }
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
  console.log(`Per-dialogue results: npm run cli -- evaluate scores ${final.id} [--metric NAME] [--csv FILE]`)
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
