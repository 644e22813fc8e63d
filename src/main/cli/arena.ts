import type { Command } from 'commander'
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import type { ApiClient } from '@shared/api'
import type { ArenaSummary, ContestantSchema, VoteChoice } from '@shared/arena'
import { WorkbenchError } from '@shared/errors'
import type { z } from 'zod'
import type { App } from '../app'
import { addSampleOptions, describeCardSelection, sampleFromFlags } from './cardFlags'
import { endpointId, followWithBar, type OpenWorkspace } from './context'
import { TEMPLATE_IDS } from '@shared/templateIds'
import { COUNSELOR_KINDS, counselorConfigFor, methodSettings, type CounselorKind } from '@shared/counselors'
import {
  INTERACTIVE_AGENTS_PRESET,
  RELEASED_ADAPTER_IDS,
  withAdapter,
  type ReleasedAdapterId,
} from '@shared/arenaPresets'
import { plural } from '@shared/plural'

const collect = (value: string, previous: string[] = []) => [...previous, value]

/**
 * NAME=ENDPOINT (the built-in three-stage counselor), NAME=ENDPOINT@prompt.txt (that file as the system prompt),
 * NAME=ENDPOINT#METHOD (a counselor method with its default settings, e.g. MAGneT=local#magnet), or
 * NAME=ENDPOINT#ADAPTER (called the way the Interactive Agents release called that model, e.g. SoulChat=soul#soulchat).
 */
async function contestant(api: ApiClient, spec: string): Promise<z.input<typeof ContestantSchema>> {
  const match = /^([^=]+)=([^@#]+)(?:@([^#]+))?(?:#(.+))?$/.exec(spec)
  if (!match)
    throw new WorkbenchError(
      'invalid_input',
      `--contestant "${spec}": write NAME=ENDPOINT, NAME=ENDPOINT@prompt-file or NAME=ENDPOINT#method`,
    )
  const [, name, endpoint, promptFile, kind] = match
  const adapter = (RELEASED_ADAPTER_IDS as string[]).includes(kind ?? '') ? (kind as ReleasedAdapterId) : null
  if (kind !== undefined && !adapter && !(COUNSELOR_KINDS as string[]).includes(kind))
    throw new WorkbenchError(
      'invalid_input',
      `--contestant "${spec}": unknown method "${kind}" (a method: ${COUNSELOR_KINDS.join(', ')}; ` +
        `a released adapter: ${RELEASED_ADAPTER_IDS.join(', ')})`,
    )
  const prompt = promptFile
    ? { kind: 'custom' as const, text: readFileSync(promptFile, 'utf8') }
    : { kind: 'template' as const, templateId: TEMPLATE_IDS.counselor }
  const endpointRef = await endpointId(api, endpoint.trim())
  if (adapter) {
    const base = { name: name.trim(), endpointId: endpointRef, prompt, temperature: null, topP: null, maxTokens: null }
    return withAdapter(base, adapter)
  }
  const method =
    kind && kind !== 'three-stage'
      ? methodSettings(counselorConfigFor(kind as CounselorKind, { endpointId: endpointRef }))
      : undefined
  return { name: name.trim(), endpointId: endpointRef, prompt, ...(method && { method }) }
}

/** CLI commands for the counselor arena. */
export function registerArenaCommands(program: Command, open: OpenWorkspace) {
  const arena = program
    .command('arena')
    .description(
      'counselor arena: k counselors answer the same client, a referee picks one; Elo and Bradley-Terry ratings',
    )

  const start = arena
    .command('start')
    .description('start an arena (Algorithm 2) over role cards (default: pool "test")')
    .requiredOption(
      '--contestant <NAME=ENDPOINT[@prompt-file|#method]>',
      'a contestant (repeat for each; at least two)',
      collect,
    )
    .requiredOption('--client <endpoint>', 'endpoint of the simulated client')
    .requiredOption('--referee <endpoint|human>', 'an endpoint for an LLM referee, or "human" for annotators')
    .option('--variant <ethics|skills>', 'LLM referee prompt', 'ethics')
    .option('--swap', 'position-swap check: judge each turn again in reverse order')
    .option('--name <name>', 'arena name', `arena ${new Date().toISOString().slice(0, 16)}`)
    .option('-k <n>', 'candidates per turn (2 or 3)', Number)
    .option(
      '--preset <name>',
      `${INTERACTIVE_AGENTS_PRESET.id}: k = 3, the first contestant in every dialogue, answer-only referee ` +
        '(temperature 1.0, 10 tokens), client max 100 tokens (options given here win)',
    )
    .option('--client-max-tokens <n>', "the simulated client's max tokens per reply (the preset: 100)", Number)
    .option('--focal <name>', 'a contestant in every dialogue, with every k-1 of the others (the model under test)')
    .option('-n, --per-combination <n>', 'dialogues for every combination of k contestants', Number)
    .option('--pool <pool>', 'role-card pool', 'test')
    .option('-T, --max-turns <n>', 'turn limit', Number)
    .option('-c, --concurrency <n>', 'dialogues in flight', Number)
    .option('--seed <n>', 'seed', Number)
  addSampleOptions(start).action(async (o) => {
    const { api, app } = open()
    const sample = sampleFromFlags(o)
    const contestants = await Promise.all((o.contestant as string[]).map((spec) => contestant(api, spec)))
    if (o.preset !== undefined && o.preset !== INTERACTIVE_AGENTS_PRESET.id)
      throw new WorkbenchError(
        'invalid_input',
        `--preset "${o.preset}": the one preset is ${INTERACTIVE_AGENTS_PRESET.id}`,
      )
    const preset = o.preset === undefined ? null : INTERACTIVE_AGENTS_PRESET
    const referee =
      o.referee === 'human'
        ? { kind: 'human' as const }
        : {
            kind: 'llm' as const,
            endpointId: await endpointId(api, o.referee),
            variant: o.variant,
            positionSwap: Boolean(o.swap),
            ...(preset && preset.referee),
          }
    const clientMaxTokens: number | undefined = o.clientMaxTokens ?? preset?.clientMaxTokens
    const client = {
      endpointId: await endpointId(api, o.client),
      templateId: TEMPLATE_IDS.client,
      ...(clientMaxTokens !== undefined && { maxTokens: clientMaxTokens }),
    }
    const started = await api.startArena({
      name: o.name,
      cards: { query: { pool: o.pool }, ...(sample && { sample }) },
      config: {
        ...(await api.arenaDefaults()),
        contestants,
        client,
        referee,
        ...(preset && { k: preset.k, focal: contestants[0].name }),
        ...(o.k !== undefined && { k: o.k }),
        ...(o.focal !== undefined && { focal: o.focal }),
        ...(o.perCombination !== undefined && { dialoguesPerCombination: o.perCombination }),
        ...(o.maxTurns !== undefined && { maxTurns: o.maxTurns }),
        ...(o.concurrency !== undefined && { concurrency: o.concurrency }),
        ...(o.seed !== undefined && { seed: o.seed }),
      },
    })
    console.log(`Cards: ${describeCardSelection(started.cards)}`)
    console.log(
      `Arena ${started.id}: ${plural(started.dialogues.total, 'dialogue', 'dialogues')}. Interrupt with Ctrl+C; continue with: npm run cli -- arena resume ${started.id}`,
    )
    await follow(app, started)
  })

  arena
    .command('resume [arenaId]')
    .description('continue an interrupted or paused arena (the newest unfinished one if no id is given)')
    .action(async (arenaId?: string) => {
      const { api, app } = open()
      const id = arenaId ?? (await api.listArenas()).find((a) => a.status === 'running' || a.status === 'paused')?.id
      if (!id) throw new WorkbenchError('not_found', 'No unfinished arena to resume.')
      await follow(app, await api.resumeArena({ id }))
    })

  arena
    .command('export-preferences <dir> <arenaIds...>')
    .description(
      "write the arenas' decided turns as DPO preference pairs (LLaMA-Factory): <dir>/data/preferences.json, dataset_info.json and <dir>/train.yaml (stage: dpo)",
    )
    .option('--human', "human votes instead of the LLM referee's decisions")
    .option('--annotator <name>', "one annotator's votes (with --human)")
    .option('--system-prompt <file>', 'the counselor system prompt the trained model will get')
    .option('--model <preset>', 'qwen2-7b-instruct | deepseek-llm-7b-chat', 'qwen2-7b-instruct')
    .option('--dataset-name <name>', 'dataset name in dataset_info.json', 'simpsy_dpo')
    .action(async (dir: string, arenaIds: string[], o) => {
      const { files, summary } = await open().api.exportArenaPreferences({
        arenaIds,
        referee: o.human ? 'human' : 'llm',
        annotator: o.annotator ?? null,
        systemPrompt: o.systemPrompt ? readFileSync(o.systemPrompt, 'utf8') : null,
        model: o.model,
        datasetName: o.datasetName,
      })
      mkdirSync(join(dir, 'data'), { recursive: true })
      for (const f of files) writeFileSync(join(dir, f.fileName === 'train.yaml' ? '' : 'data', f.fileName), f.content)
      console.log(
        `${plural(summary.pairs, 'preference pair', 'preference pairs')} from ${plural(summary.turns, 'decided turn', 'decided turns')} in ${plural(summary.dialogues, 'dialogue', 'dialogues')} (skipped: ${plural(summary.skipped.tie, 'tie', 'ties')}, ${summary.skipped.both_bad} both bad). Wrote ${join(dir, 'data')} and ${join(dir, 'train.yaml')}.`,
      )
    })

  arena.command('list').action(async () => {
    for (const a of await open().api.listArenas()) {
      console.log(
        `${a.id}\t${a.status}\t${a.dialogues.completed}/${a.dialogues.total} dialogues\t${a.referee}\t${a.contestants.join(', ')}\t${a.name}`,
      )
    }
  })

  arena
    .command('report <arenaIds...>')
    .description('ratings table (Elo, Bradley-Terry with 95% CI), battle counts and win rates')
    .option('--human', 'from the human votes instead of the LLM referee')
    .option('--annotator <name>', 'only this annotator (with --human)')
    .option('-f, --format <csv|markdown|latex>', 'table format', 'markdown')
    .option('-K <k>', 'Elo K factor', Number)
    .option('-o, --out <file>', 'write to a file instead of the terminal')
    .action(async (arenaIds: string[], o) => {
      const file = await open().api.exportArenaReport({
        arenaIds,
        referee: o.human ? 'human' : 'llm',
        annotator: o.annotator ?? null,
        format: o.format,
        ...(o.K !== undefined && { settings: { k: o.K } }),
      })
      if (o.out) {
        writeFileSync(o.out, file.content)
        console.log(`Wrote ${o.out}`)
      } else console.log(file.content)
    })

  arena
    .command('annotate <arenaId>')
    .description(
      'vote as a human referee in the terminal (1, 2, 3 … picks a reply; t tie, b both bad when allowed; q stops)',
    )
    .requiredOption('--annotator <name>', 'your name (your votes are stored under it)')
    .action(async (arenaId: string, o) => {
      const { api, app } = open()
      // Lines are read through the iterator, which buffers them: answers piped in ahead of their prompts are not lost.
      const rl = createInterface({ input: process.stdin })
      const lines = rl[Symbol.asyncIterator]()
      const ask = async (prompt: string) => {
        process.stdout.write(prompt)
        const line = await lines.next()
        return line.done ? 'q' : String(line.value)
      }
      try {
        for (;;) {
          let state = await api.nextAnnotation({ arenaId, annotator: o.annotator })
          while (state.preparing && !state.task) {
            await app.arena.waitFor(arenaId)
            await new Promise((r) => setTimeout(r, 200))
            state = await api.nextAnnotation({ arenaId, annotator: o.annotator })
          }
          if (!state.task) {
            console.log(state.done ? 'Nothing left to annotate. Thank you!' : 'No turn is ready.')
            return
          }
          const { task, progress } = state
          console.log(
            `\n— dialogue ${progress.dialoguesDone}/${progress.dialoguesTotal} done · your votes ${progress.mine} · turn ${task.turn} —`,
          )
          for (const m of task.history) console.log(`${m.speaker === 'client' ? 'Client' : 'Counselor'}: ${m.content}`)
          task.candidates.forEach((c, i) => console.log(`\n  [${i + 1}] ${c.content}`))
          const extras = `${task.allowTie ? ', t = tie' : ''}${task.allowBothBad ? ', b = both bad' : ''}`
          let choice: VoteChoice | null = null
          while (choice === null) {
            const answer = (await ask(`\nBetter reply (1-${task.candidates.length}${extras}, q = stop): `))
              .trim()
              .toLowerCase()
            if (answer === 'q') return
            const n = Number(answer)
            if (Number.isInteger(n) && n >= 1 && n <= task.candidates.length) choice = n - 1
            else if (answer === 't' && task.allowTie) choice = 'tie'
            else if (answer === 'b' && task.allowBothBad) choice = 'both_bad'
          }
          await api.submitVote({
            arenaId,
            annotator: o.annotator,
            dialogueId: task.dialogueId,
            turn: task.turn,
            choice,
          })
        }
      } finally {
        rl.close()
      }
    })

  arena
    .command('agreement <arenaId>')
    .description(
      "put the human-voted turns to an LLM referee: accuracy and Cohen's kappa (Ctrl+C stops; the same command continues an unfinished check without asking about judged turns again)",
    )
    .requiredOption('--referee <endpoint>', 'LLM referee endpoint')
    .option('--variant <ethics|skills>', 'referee prompt', 'ethics')
    .option('--new', 'start a new check even when an unfinished one with this referee exists')
    .action(async (arenaId: string, o) => {
      const { api, app } = open()
      const referee = { endpointId: await endpointId(api, o.referee), variant: o.variant }
      const unfinished = o.new
        ? undefined
        : (await api.listArenaAgreements({ arenaId })).find(
            (c) =>
              c.status !== 'completed' &&
              c.referee.endpointId === referee.endpointId &&
              c.referee.variant === referee.variant,
          )
      const check = unfinished
        ? await api.resumeArenaAgreement({ id: unfinished.id })
        : await api.startArenaAgreement({ arenaId, referee })
      console.log(
        unfinished
          ? `Continuing agreement check ${check.id} (${check.progress.done} of ${check.progress.total} turns judged).`
          : `Agreement check ${check.id}: ${check.progress.total} voted turns. Interrupt with Ctrl+C; the same command continues it.`,
      )
      await followWithBar(
        app,
        'agreement.progress',
        check,
        {
          format: ' {bar} {value}/{total} turns judged | {failures} referee failures',
          total: (c) => c.progress.total,
          value: (c) => c.progress.done,
          fields: (c) => ({ failures: c.progress.failures }),
        },
        app.agreements.waitFor(check.id),
      )
      const final = await api.getArenaAgreement({ id: check.id })
      const r = final.result
      if (final.status !== 'completed' || !r) {
        console.log(`Agreement check ${final.status}${final.error ? `: ${final.error}` : ''}.`)
        if (final.status === 'failed') process.exitCode = 1
        return
      }
      const pct = (x: number | null) => (x === null ? 'n/a' : `${(100 * x).toFixed(1)}%`)
      console.log(
        `${r.compared} of ${r.turns} voted turns compared (${r.failures} referee failures): accuracy ${pct(r.accuracy)}, kappa ${r.kappa?.toFixed(3) ?? 'n/a'}`,
      )
      for (const a of r.perAnnotator)
        console.log(
          `  ${a.annotator}: ${plural(a.compared, 'turn', 'turns')}, accuracy ${pct(a.accuracy)}, kappa ${a.kappa?.toFixed(3) ?? 'n/a'}`,
        )
    })
}

/** A progress bar over an arena until no dialogue can move without a vote; Ctrl+C leaves it resumable. */
async function follow(app: App, arena: ArenaSummary) {
  await followWithBar(
    app,
    'arena.progress',
    arena,
    {
      format:
        ' {bar} {value}/{total} dialogues | {turns} turns | {failures} referee failures | {waiting} waiting for votes',
      total: (s) => s.dialogues.total,
      value: (s) => s.dialogues.completed + s.dialogues.failed + s.dialogues.cancelled,
      fields: (s) => ({ turns: s.turns, failures: s.refereeFailures, waiting: s.dialogues.awaitingVote }),
    },
    app.arena.waitFor(arena.id),
  )
  const final = app.arena.summary(arena.id)
  console.log(
    `Arena ${final.status}: ${final.dialogues.completed} completed, ${final.dialogues.failed} failed, ${final.dialogues.awaitingVote} waiting for votes; ${plural(final.turns, 'turn', 'turns')}, ${plural(final.refereeFailures, 'referee failure', 'referee failures')}`,
  )
  if (final.status === 'running' && final.dialogues.awaitingVote)
    console.log(`Annotate with: npm run cli -- arena annotate ${final.id} --annotator <your name>`)
  if (final.dialogues.failed) process.exitCode = 1
}
