import type { Command } from 'commander'
import { readFileSync } from 'node:fs'
import { basename } from 'node:path'
import type { ApiClient } from '@shared/api'
import { WorkbenchError } from '@shared/errors'
import type { CardSelectionInput } from '@shared/roleCard'
import type { RunSummary } from '@shared/simulation'
import { addSampleOptions, describeCardSelection, sampleFromFlags } from './cardFlags'
import type { App } from '../app'
import { endpointId, followWithBar, type OpenWorkspace } from './context'
import { checkClientTemplate, clientFromFlags, collect, counselorFromFlags, sessionFromFlags } from './simulateFlags'
import { plural } from '@shared/plural'
import { addRemoteOptions, launchRemote } from './remote'
/** CLI commands for simulation runs; `open` gives the API and the app behind it. */
export function registerRunCommands(program: Command, open: OpenWorkspace) {
  const simulate = program
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
    .option('--source <source>', 'role cards from this source')
    .option('-T, --max-turns <n>', 'turn limit', Number)
    .option('-c, --concurrency <n>', 'dialogues in flight', Number)
    .option('-k, --samples <n>', 'dialogues per card', Number)
    .option(
      '--sessions <n>',
      'sessions per case (default 1, the paper): each card and sample is met this many times, each session carrying the summary of the one before',
      Number,
    )
    .option('--seed <n>', 'seed', Number)
    .option('--method <kind>', 'counselor method: three-stage (default), magnet, cactus or psych8k')
    .option('--no-technique-agent', 'MAGneT ablation: no technique agent (the composer gets the plan and the history)')
    .option('--no-cbt-plan', 'MAGneT ablation: no CBT plan (no plan call; the technique agent reads the history)')
    .option(
      '--agent <agent.setting=value>',
      'set one agent of the method apart: <agent>.<endpoint|temperature|top-p|max-tokens>=<value> (repeatable; endpoint by name)',
      collect,
    )
    .option('--opening <greeting|seed>', "who opens: the client's greeting, or the seed record's two lines")
    .option('--end-token <token>', 'a token the client may end the session with, e.g. [/END]')
    .option('--min-turns <n>', 'counselor turns before a closing phrase or the end token counts')
    .option('--client-template <id>', 'the client prompt template')
    .option(
      '--client-method <kind>',
      "client method: static (default, the paper's) or dynamic (state, withheld facts, resistance)",
    )
    .option(
      '--client-state <judge|rule>',
      'dynamic client: update its state by a judge call per turn (default) or the readable rule',
    )
    .option(
      '--preset <name>',
      'seed-session: the CACTUS/MAGneT session settings (seed opening, [/END] after 20 turns, 21 turns)',
    )
  addRemoteOptions(addSampleOptions(simulate)).action(async (o) => {
    const { api, app } = open()
    const defaults = await api.simulationDefaults()
    // Every flag is checked before anything is written (the cards file is imported after).
    const counselorBase = { ...defaults.counselor, endpointId: await endpointId(api, o.counselor) }
    const counselor = await counselorFromFlags(api, counselorBase, o)
    const { clientTemplateId, ...session } = sessionFromFlags(o)
    const client = clientFromFlags({ ...defaults.client, endpointId: await endpointId(api, o.client) }, o)
    if (clientTemplateId) await checkClientTemplate(api, (client.templateId = clientTemplateId))
    const sample = sampleFromFlags(o)
    let cards: CardSelectionInput = {
      query: { text: o.text ?? '', language: o.language, pool: o.pool, tag: o.tag, source: o.source },
      ...(sample && { sample }),
    }
    if (o.cards) {
      if (sample) throw new WorkbenchError('invalid_input', '--sample-size/--sample-fraction: not with --cards.')
      const tag = `import:${basename(o.cards)}:${Date.now()}`
      await api.importRoleCards({
        fileName: basename(o.cards),
        contentBase64: readFileSync(o.cards).toString('base64'),
        tags: [tag],
      })
      cards = { ids: (await api.listRoleCards({ tag })).items.map((c) => c.id) }
    }
    const input = {
      name: o.name,
      cards,
      config: {
        ...defaults,
        ...session,
        client,
        counselor,
        ...(o.maxTurns !== undefined && { maxTurns: o.maxTurns }),
        ...(o.concurrency !== undefined && { concurrency: o.concurrency }),
        ...(o.samples !== undefined && { samplesPerCard: o.samples }),
        ...(o.sessions !== undefined && { sessionsPerCard: o.sessions }),
        ...(o.seed !== undefined && { seed: o.seed }),
      },
    }
    if (o.on) return void (await launchRemote(api, o, { name: input.name, run: input }))
    const run = await api.startRun(input)
    console.log(`Cards: ${describeCardSelection(run.cards)}`)
    console.log(
      `Run ${run.id} (${plural(run.counts.total, 'dialogue', 'dialogues')}). Interrupt with Ctrl+C; continue later with: npm run cli -- resume ${run.id}`,
    )
    await follow(app, run)
  })

  program
    .command('resume [runId]')
    .description(
      'continue an interrupted or paused run (the newest unfinished one if no id is given); a finished run with failed dialogues retries them',
    )
    .action(async (runId?: string) => {
      const { api, app } = open()
      const id = runId ?? (await api.listRuns()).find((r) => r.status === 'running' || r.status === 'paused')?.id
      if (!id) throw new WorkbenchError('not_found', 'No unfinished run to resume.')
      const run = await api.getRun({ id })
      if ((run.status === 'completed' || run.status === 'failed') && run.counts.failed > 0)
        return retryFailed(app, api, run)
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
        console.log(
          `${r.id}\t${r.status}\t${r.counts.completed}/${r.counts.total} completed\t${describeCardSelection(r.cards)}\t${r.name}`,
        )
      }
    })
}

async function retryFailed(app: App, api: ApiClient, run: RunSummary) {
  console.log(
    `Retrying ${run.counts.failed} failed dialogue${run.counts.failed === 1 ? '' : 's'} of run ${run.id}, each from its last stored message.`,
  )
  await follow(app, await api.retryFailedDialogues({ id: run.id }))
}

/** A progress bar over a run until it stops; Ctrl+C leaves it resumable. */
async function follow(app: App, run: RunSummary) {
  const view = {
    format: ' {bar} {value}/{total} dialogues | {failed} failed | {cpm} calls/min | ETA {eta_formatted}{waiting}',
    total: (s: RunSummary) => s.counts.total,
    value: (s: RunSummary) => s.counts.completed + s.counts.failed + s.counts.cancelled,
    fields: (s: RunSummary) => ({
      failed: s.counts.failed,
      cpm: s.rate.callsPerMinute,
      waiting: s.waiting.map((w) => ` | waiting for ${w.endpointName}: ${w.lastError}`).join(''),
    }),
  }
  await followWithBar(app, 'run.progress', run, view, app.runner.waitFor(run.id))
  const final = app.runner.summary(run.id)
  console.log(
    `Run ${final.status}: ${final.counts.completed} completed, ${final.counts.failed} failed, ${final.counts.flagged} flagged; ${plural(final.usage.calls, 'call', 'calls')}, ${plural(final.usage.promptTokens + final.usage.completionTokens, 'token', 'tokens')}${final.usage.cost !== null ? `, cost ${final.usage.cost.toFixed(4)}` : ''}`,
  )
  if (final.counts.failed) {
    console.log(`Run them again from where they stopped with: npm run cli -- retry-failed ${final.id}`)
    process.exitCode = 1
  }
}
