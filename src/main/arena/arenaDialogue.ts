import { LETTER_REFEREE_MAX_TOKENS, type ArenaCandidate, type ArenaTurnView, type LlmReferee } from '@shared/arena'
import type { EndReason } from '@shared/dialogue'
import type { Language } from '@shared/roleCard'
import type { ArenaDialogueRecord, ArenaMessageRecord, ArenaRecord, ArenaRepo, TurnDecision } from '../db/arenaRepo'
import { judgeOnce, type JudgeCache } from '../evaluation/judgeClient'
import type { EndpointService } from '../llm/endpointService'
import type { LlmGateway } from '../llm/gateway'
import { methodTemplates } from '@shared/counselors'
import { fillTemplate } from '../prompts/defaultTemplates'
import { llmAgent, type Agent, type TurnContext } from '../simulation/agents'
import { createCounselor } from '../simulation/counselors'
import { clientPrompt, pinnedText } from '../simulation/sessionSetup'
import { findClosingPhrase } from '../simulation/replyRules'
import type { ClientPrefetch } from './clientPrefetch'
import { shownOrder, turnSeed } from './matchmaking'
import { letterMessages, parseRefereeChoice, refereeMessages } from './refereePrompt'

export interface ArenaStepDeps {
  repo: ArenaRepo
  gateway: LlmGateway
  endpoints: EndpointService
  /** Every write of the dialogue goes through this: the arena job's fenced write (ownedJobs.ts). */
  write: <T>(fn: () => T) => T
  /** Client lines prepared while an annotator reads (human referees with `prefetch`). */
  prefetch?: ClientPrefetch
}

export type DialogueOutcome = { kind: 'ended'; endReason: EndReason } | { kind: 'awaiting_vote'; turn: number }

function agentsFor(deps: ArenaStepDeps, arena: ArenaRecord, dialogue: ArenaDialogueRecord) {
  const { config, pinned } = arena
  const language = dialogue.language
  const common = { maxResamples: config.refinement.maxResamples, onExhausted: config.refinement.onExhausted }
  const client = llmAgent(deps.gateway, {
    ...common,
    speaker: 'client',
    systemPrompt: clientPrompt(pinnedText(pinned.client, null, language, 'client'), dialogue.roleCard, {
      maxTurns: config.maxTurns,
      minTurns: 0,
      endToken: null,
    }),
    endpoint: deps.endpoints.resolve(config.client.endpointId),
    temperature: config.client.temperature,
    topP: config.client.topP,
    maxTokens: config.client.maxTokens,
    rule: config.refinement.client,
  })
  let meta = dialogue.meta
  const contestants = new Map<string, Agent>(
    dialogue.contestants.map((name) => {
      const c = config.contestants.find((x) => x.name === name)
      if (!c) throw new Error(`Contestant "${name}" is not in the arena's configuration.`)
      const own = pinned.contestants.filter((p) => p.name === name)
      const settings = c.method ?? { kind: 'three-stage' as const, templateId: '' }
      const roles = methodTemplates(settings)
      const agent = createCounselor({
        gateway: deps.gateway,
        resolve: (id) => deps.endpoints.resolve(id),
        settings,
        sampling: c,
        template: (role) => pinnedText(own, roles[role], language, `"${name}" ${role}`),
        // A single-prompt contestant's prompt: its template or its own text.
        systemPrompt:
          settings.kind === 'three-stage'
            ? fillTemplate(pinnedText(own, null, language, `"${name}"`), { max_turns: config.maxTurns })
            : null,
        card: dialogue.roleCard,
        language,
        maxTurns: config.maxTurns,
        refinement: { ...common, rule: config.refinement.counselor },
        state: {
          get: () => meta[name] ?? {},
          set(patch) {
            deps.write(() => deps.repo.mergeDialogueMeta(dialogue.id, { [name]: patch }))
            meta = { ...meta, [name]: { ...meta[name], ...patch } }
          },
        },
      })
      return [name, agent]
    }),
  )
  return { client, contestants }
}

/** Asks the LLM referee (and, with the swap check, again in reverse order). */
export async function llmVerdict(
  deps: Pick<ArenaStepDeps, 'gateway' | 'endpoints'>,
  referee: LlmReferee,
  systemPrompt: string,
  context: {
    history: Pick<ArenaMessageRecord, 'speaker' | 'content'>[]
    language: Language
    candidates: ArenaCandidate[]
    order: number[]
  },
  log: { jobId: string; dialogueId: string; cache?: JudgeCache | null; signal?: AbortSignal },
): Promise<TurnDecision> {
  const endpoint = deps.endpoints.resolve(referee.endpointId)
  const letter = referee.answerMode === 'letter'
  const maxTokens = referee.maxTokens ?? (letter ? LETTER_REFEREE_MAX_TOKENS : null)
  const ask = (order: number[]) =>
    judgeOnce(
      deps.gateway,
      endpoint,
      (letter ? letterMessages : refereeMessages)(
        systemPrompt,
        context.history,
        order.map((i) => context.candidates[i].content),
        context.language,
      ),
      {
        temperature: referee.temperature,
        maxTokens,
        parse: (raw) => parseRefereeChoice(raw, order.length),
        parseRetries: referee.parseRetries,
        cache: log.cache ?? null,
        round: 1,
        purpose: 'referee',
        jobId: log.jobId,
        dialogueId: log.dialogueId,
        signal: log.signal,
      },
    )
  const nameAt = (order: number[], position: number) => context.candidates[order[position]].contestant
  const first = await ask(context.order)
  const choice = first.ok ? nameAt(context.order, first.value) : null
  let swap: TurnDecision['swap'] = null
  if (referee.positionSwap) {
    const reversed = [...context.order].reverse()
    const second = await ask(reversed)
    const swapChoice = second.ok ? nameAt(reversed, second.value) : null
    swap = {
      choice: swapChoice,
      raw: second.raw,
      consistent: choice !== null && swapChoice !== null ? choice === swapChoice : null,
    }
  }
  return {
    choice,
    decidedBy: 'llm',
    refereeStatus: first.ok ? 'ok' : 'failed',
    refereeRaw: first.raw,
    refereeError: first.ok ? null : first.reason,
    refereeAttempts: first.attempts,
    swap,
  }
}

/**
 * The reply that continues the dialogue: the referee's choice; after a failed
 * referee, a tie or "both bad", the first candidate shown (the shown order is a
 * seeded shuffle, so this is a random pick). Such turns stay out of the ratings.
 */
export function continuingCandidate(turn: ArenaTurnView): ArenaCandidate {
  return turn.candidates.find((c) => c.contestant === turn.choice) ?? turn.candidates[turn.shownOrder[0]]
}

/**
 * While the annotator reads turn `turn`, the client's next line after each candidate that does not end the dialogue
 * (a closing phrase, or the last turn).
 */
function prefetchClientLines(
  prefetch: ClientPrefetch,
  client: Agent,
  context: TurnContext,
  config: ArenaRecord['config'],
  turn: ArenaTurnView,
) {
  if (turn.turn >= config.maxTurns) return
  const history = [...context.history]
  for (const candidate of turn.candidates) {
    if (findClosingPhrase(candidate.content, config.termination[context.language], context.language)) continue
    prefetch.start(context.dialogueId, turn.turn, candidate.contestant, () =>
      client.reply({ ...context, history: [...history, { speaker: 'counselor', content: candidate.content }] }),
    )
  }
}

/**
 * Algorithm 2 for one dialogue, from whatever is stored: the client speaks; the
 * dialogue's k contestants answer the same history; the referee picks one; the
 * chosen reply becomes the counselor turn. Stops at a closing phrase in the
 * chosen reply, at the turn limit, or when a human vote is needed.
 */
export async function advanceArenaDialogue(
  deps: ArenaStepDeps,
  arena: ArenaRecord,
  dialogueId: string,
  signal?: AbortSignal,
): Promise<DialogueOutcome> {
  const { repo, write } = deps
  const dialogue = repo.dialogue(dialogueId)
  if (!dialogue) throw new Error(`No arena dialogue ${dialogueId}.`)
  const { config } = arena
  const language = dialogue.language
  const { client, contestants } = agentsFor(deps, arena, dialogue)
  const history = repo.messages(dialogueId)
  const append = (m: Omit<ArenaMessageRecord, 'index'> & { meta?: object }) => {
    const record = { ...m, index: history.length }
    write(() => repo.appendMessage(dialogueId, record))
    history.push(record)
  }
  const context = { history, language, jobId: arena.id, dialogueId, signal }

  if (history.length === 0) append({ speaker: 'client', content: config.greeting[language], contestant: null })
  for (;;) {
    signal?.throwIfAborted()
    const last = history[history.length - 1]
    const counselorTurns = history.filter((m) => m.speaker === 'counselor').length
    if (last.speaker === 'counselor') {
      const keyword = findClosingPhrase(last.content, config.termination[language], language)
      if (keyword) return { kind: 'ended', endReason: { kind: 'keyword', keyword, turn: counselorTurns } }
      if (counselorTurns >= config.maxTurns)
        return { kind: 'ended', endReason: { kind: 'max_turns', turn: counselorTurns } }
      // A line prepared after the chosen reply while the annotator read; if it failed, the client is asked now.
      const prepared = deps.prefetch?.take(dialogueId, counselorTurns, last.contestant ?? '')
      const reply = prepared ? await prepared.catch(() => client.reply(context)) : await client.reply(context)
      append({
        speaker: 'client',
        content: reply.content,
        contestant: null,
        meta: { flagged: reply.flagged, model: reply.model },
      })
      continue
    }

    const turnNo = counselorTurns + 1
    let turn = repo.turn(dialogueId, turnNo)
    if (!turn) {
      const candidates = await Promise.all(
        dialogue.contestants.map(async (name): Promise<ArenaCandidate> => {
          const r = await contestants.get(name)!.reply(context)
          return {
            contestant: name,
            content: r.content,
            latencyMs: r.latencyMs,
            promptTokens: r.promptTokens,
            completionTokens: r.completionTokens,
            flagged: r.flagged,
            ...(r.trace ? { trace: r.trace } : {}),
          }
        }),
      )
      const order = shownOrder(candidates.length, turnSeed(config.seed, dialogueId, turnNo))
      turn = write(() => repo.insertTurn(dialogueId, turnNo, candidates, order))
    }
    if (turn.refereeStatus === 'pending') {
      const referee = config.referee
      if (referee.kind === 'human') {
        if (referee.prefetch && deps.prefetch) prefetchClientLines(deps.prefetch, client, context, config, turn)
        return { kind: 'awaiting_vote', turn: turnNo }
      }
      const decision = await llmVerdict(
        deps,
        referee,
        pinnedText(arena.pinned.referee ?? [], null, language, 'referee'),
        { history, language, candidates: turn.candidates, order: turn.shownOrder },
        { jobId: arena.id, dialogueId, signal },
      )
      write(() => repo.decideTurn(dialogueId, turnNo, decision))
      turn = { ...turn, ...decision }
    }
    const chosen = continuingCandidate(turn)
    append({
      speaker: 'counselor',
      content: chosen.content,
      contestant: chosen.contestant,
      meta: { decided: turn.choice !== null },
    })
  }
}
