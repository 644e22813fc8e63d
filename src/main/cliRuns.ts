import type { Command } from 'commander'
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { basename, join } from 'node:path'
import cliProgress from 'cli-progress'
import type { ApiClient, EventMap } from '@shared/api'
import { DATASET_FORMATS, type DatasetFormat } from '@shared/dialogue'
import { WorkbenchError } from '@shared/errors'
import type { RunSummary } from '@shared/simulation'
import type { App } from './app'

/** An endpoint's id from its name (or id), as the CLI's options take them. */
export async function endpointId(api: ApiClient, name: string): Promise<string> {
  const found = (await api.listEndpoints()).find((e) => e.name === name || e.id === name)
  if (!found) throw new WorkbenchError('not_found', `No endpoint called "${name}" (see: endpoints list).`)
  return found.id
}

/** CLI commands for simulation runs and datasets; `open` gives the API and the app behind it. */
export function registerRunCommands(program: Command, open: () => { api: ApiClient; app: App }) {
  program
    .command('simulate')
    .description('simulate counseling dialogues for the selected role cards')
    .requiredOption('--client <endpoint>', 'endpoint name for the client agent')
    .requiredOption('--counselor <endpoint>', 'endpoint name for the counselor agent')
    .option('--name <name>', 'run name', `run ${new Date().toISOString().slice(0, 16)}`)
    .option('--cards <file>', 'import role cards from this file first and simulate exactly those')
    .option('--text <words>', 'role cards matching these words')
    .option('--language <zh|en>')
    .option('--pool <pool>')
    .option('--tag <tag>')
    .option('-T, --max-turns <n>', 'turn limit', Number)
    .option('-c, --concurrency <n>', 'dialogues in flight', Number)
    .option('-k, --samples <n>', 'dialogues per card', Number)
    .option('--seed <n>', 'seed', Number)
    .action(async (o) => {
      const { api, app } = open()
      const defaults = await api.simulationDefaults()
      let cards: { ids: string[] } | { query: Record<string, unknown> } = {
        query: { text: o.text ?? '', language: o.language, pool: o.pool, tag: o.tag },
      }
      if (o.cards) {
        const tag = `import:${basename(o.cards)}:${Date.now()}`
        await api.importRoleCards({ fileName: basename(o.cards), contentBase64: readFileSync(o.cards).toString('base64'), tags: [tag] })
        cards = { ids: (await api.listRoleCards({ tag })).items.map((c) => c.id) }
      }
      const run = await api.startRun({
        name: o.name,
        cards,
        config: {
          ...defaults,
          client: { ...defaults.client, endpointId: await endpointId(api, o.client) },
          counselor: { ...defaults.counselor, endpointId: await endpointId(api, o.counselor) },
          ...(o.maxTurns !== undefined && { maxTurns: o.maxTurns }),
          ...(o.concurrency !== undefined && { concurrency: o.concurrency }),
          ...(o.samples !== undefined && { samplesPerCard: o.samples }),
          ...(o.seed !== undefined && { seed: o.seed }),
        },
      })
      console.log(`Run ${run.id} (${run.counts.total} dialogues). Interrupt with Ctrl+C; continue later with: npm run cli -- resume ${run.id}`)
      await follow(app, run)
    })

  program
    .command('resume [runId]')
    .description('continue an interrupted or paused run (the newest unfinished one if no id is given); a finished run with failed dialogues retries them')
    .action(async (runId?: string) => {
      const { api, app } = open()
      const id = runId ?? (await api.listRuns()).find((r) => r.status === 'running' || r.status === 'paused')?.id
      if (!id) throw new WorkbenchError('not_found', 'No unfinished run to resume.')
      const run = await api.getRun({ id })
      if ((run.status === 'completed' || run.status === 'failed') && run.counts.failed > 0) return retryFailed(app, api, run)
      await follow(app, await api.resumeRun({ id }))
    })

  program
    .command('retry-failed <runId>')
    .description('run the failed dialogues of a run again, each from the message where it stopped')
    .action(async (runId: string) => {
      const { api, app } = open()
      await retryFailed(app, api, await api.getRun({ id: runId }))
    })

  program
    .command('runs')
    .description('list simulation runs')
    .action(async () => {
      for (const r of await open().api.listRuns()) {
        console.log(`${r.id}\t${r.status}\t${r.counts.complete}/${r.counts.total} complete\t${r.name}`)
      }
    })

  const datasets = program.command('datasets').description('dialogue datasets')
  datasets.command('list').action(async () => {
    for (const d of await open().api.listDatasets()) console.log(`${d.id}\t${d.kind}\t${d.dialogueCount}\t${d.name}`)
  })
  datasets
    .command('import <file>')
    .option('-f, --format <format>', `auto | ${DATASET_FORMATS.join(' | ')}`, 'auto')
    .option('--name <name>')
    .option('--skip-invalid-rows', 'import the valid dialogues and report the broken rows')
    .option('--dry-run')
    .action(async (file: string, o) => {
      const report = await open().api.importDataset({
        fileName: basename(file),
        contentBase64: readFileSync(file).toString('base64'),
        format: o.format,
        name: o.name,
        skipInvalidRows: Boolean(o.skipInvalidRows),
        dryRun: Boolean(o.dryRun),
      })
      for (const e of report.errors) console.error(`  skipped ${e.file} row ${e.row}${e.field ? ` [${e.field}]` : ''}: ${e.message}`)
      console.log(`${report.file} (${report.format}): ${report.imported} dialogues, ${report.withRoleCards} with role cards, ${report.skipped} rows skipped${report.datasetId ? ` -> dataset ${report.datasetId}` : ' (dry run)'}`)
    })
  datasets
    .command('export <datasetId> <file>')
    .requiredOption('-f, --format <format>', DATASET_FORMATS.join(' | '))
    .option('--all', 'include dialogues that did not end by a rule')
    .action(async (id: string, file: string, o) => {
      if (!DATASET_FORMATS.includes(o.format as DatasetFormat)) throw new WorkbenchError('invalid_input', `--format: use one of ${DATASET_FORMATS.join(', ')}`)
      const out = await open().api.exportDataset({ id, format: o.format, completeOnly: !o.all })
      writeFileSync(file, out.encoding === 'base64' ? Buffer.from(out.content, 'base64') : out.content)
      console.log(`Wrote ${out.count} dialogues to ${file}`)
    })

  program
    .command('train-export <datasetId> <dir>')
    .description('write LLaMA-Factory training files (data.json, dataset_info.json, train.yaml) for a dataset into <dir>/data and <dir>')
    .option('--sharegpt', 'classic ShareGPT layout instead of the OpenAI-style messages')
    .option('--per-turn', 'one sample per counselor turn')
    .option('--min-turns <n>', 'leave out shorter dialogues', Number)
    .option('--keep-flagged', 'keep dialogues with flagged turns')
    .option('--validation <share>', 'hold out this share of dialogues (0 to 0.5; default 0: val_size 0.001 in the YAML)', Number)
    .option('--model <preset>', 'qwen2-7b-instruct | deepseek-llm-7b-chat', 'qwen2-7b-instruct')
    .option('--name <datasetName>', 'dataset name in dataset_info.json', 'simpsy')
    .action(async (datasetId: string, dir: string, o) => {
      const { files, summary } = await open().api.exportTrainingData({
        datasetId,
        layout: o.sharegpt ? 'sharegpt' : 'messages',
        perTurnSplit: Boolean(o.perTurn),
        minTurns: o.minTurns,
        excludeFlagged: !o.keepFlagged,
        validationShare: o.validation ?? 0,
        model: o.model,
        datasetName: o.name,
      })
      mkdirSync(join(dir, 'data'), { recursive: true })
      for (const f of files) writeFileSync(join(dir, f.fileName === 'train.yaml' ? '' : 'data', f.fileName), f.content)
      console.log(`${summary.samples} samples (${summary.trainSamples} train, ${summary.validationSamples} validation) from ${summary.dialogues} dialogues, ~${summary.estimatedTokens} tokens; filtered: ${JSON.stringify(summary.filtered)}`)
      console.log(`Wrote ${dir}/data/ and ${dir}/train.yaml. On the GPU machine: llamafactory-cli train train.yaml (from ${dir})`)
    })
}

type JobProgress = 'run.progress' | 'evaluation.progress' | 'arena.progress'

/**
 * A progress bar over a job this process drives, until `until` settles (the job stopped here).
 * Ctrl+C closes the workspace, which leaves the job to resume at next open, and exits.
 */
export async function followWithBar<K extends JobProgress>(
  app: App,
  event: K,
  first: EventMap[K],
  view: { format: string; total(s: EventMap[K]): number; value(s: EventMap[K]): number; fields(s: EventMap[K]): Record<string, unknown> },
  until: Promise<void>,
) {
  const bar = new cliProgress.SingleBar({ format: view.format, hideCursor: true }, cliProgress.Presets.shades_classic)
  bar.start(view.total(first), view.value(first), view.fields(first))
  const off = app.events.subscribe((e) => {
    const s = e.payload as EventMap[K]
    if (e.name !== event || s.id !== first.id) return
    bar.setTotal(view.total(s))
    bar.update(view.value(s), view.fields(s))
  })
  const interrupt = () => void app.close().then(() => process.exit(130))
  process.once('SIGINT', interrupt)
  try {
    await until
  } finally {
    off()
    bar.stop()
    process.off('SIGINT', interrupt)
  }
}

async function retryFailed(app: App, api: ApiClient, run: RunSummary) {
  console.log(`Retrying ${run.counts.failed} failed dialogue${run.counts.failed === 1 ? '' : 's'} of run ${run.id}, each from its last stored message.`)
  await follow(app, await api.retryFailedDialogues({ id: run.id }))
}

/** A progress bar over a run until it stops; Ctrl+C leaves it resumable. */
async function follow(app: App, run: RunSummary) {
  const view = {
    format: ' {bar} {value}/{total} dialogues | {failed} failed | {cpm} calls/min | ETA {eta_formatted}{waiting}',
    total: (s: RunSummary) => s.counts.total,
    value: (s: RunSummary) => s.counts.complete + s.counts.failed + s.counts.cancelled,
    fields: (s: RunSummary) => ({
      failed: s.counts.failed,
      cpm: s.rate.callsPerMinute,
      waiting: s.waiting.map((w) => ` | waiting for ${w.endpointName}: ${w.lastError}`).join(''),
    }),
  }
  await followWithBar(app, 'run.progress', run, view, app.runner.waitFor(run.id))
  const final = app.runner.summary(run.id)
  console.log(`Run ${final.status}: ${final.counts.complete} complete, ${final.counts.failed} failed, ${final.counts.flagged} flagged; ${final.usage.calls} calls, ${final.usage.promptTokens + final.usage.completionTokens} tokens${final.usage.cost !== null ? `, cost ${final.usage.cost.toFixed(4)}` : ''}`)
  if (final.counts.failed) {
    console.log(`Run them again from where they stopped with: npm run cli -- retry-failed ${final.id}`)
    process.exitCode = 1
  }
}
