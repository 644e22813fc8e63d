import type { ClientState } from '@shared/clients/dynamic'
import type { DialogueDetail, Message } from '@shared/dialogue'
import type { Language } from '@shared/roleCard'
import type { SimulationConfig } from '@shared/simulation'
import { TEMPLATE_IDS } from '@shared/templateIds'
import type { RunRecord } from '../../db/runRepo'
import type { SessionRepo } from '../../db/sessionRepo'
import type { EndpointService } from '../../llm/endpointService'
import type { ChatMessage, LlmGateway } from '../../llm/gateway'
import { fillTemplate } from '../../prompts/defaultTemplates'
import { transcript } from '../counselors/transcript'
import { pinnedText, type PinnedText } from '../sessionSetup'

/** What a follow-up session knows of the one before it: the summary, and the blocks the two speakers get. */
export interface SessionContext {
  /** This session's 1-based index in its case. */
  index: number
  previousIndex: number
  summary: string
  /** Added to the client's system prompt. */
  client: string
  /** Added to every counselor method's requests (see withSessionContext). */
  counselor: string
  /** Where a dynamic client left off: the state of its last reply in the session before (null: another method). */
  clientState: ClientState | null
}

const NO_EARLIER = {
  zh: '（这是第一次咨询，没有此前的记录。）',
  en: '(This was the first session; there are no earlier notes.)',
}

/**
 * The counselor's requests with the session context: added to the system message (unless it holds it already: a
 * session's stored prompt), or sent as one before the rest.
 */
export function withSessionContext(messages: ChatMessage[], context: string): ChatMessage[] {
  const [first, ...rest] = messages
  if (first?.role === 'system' && first.content.includes(context)) return messages
  if (first?.role === 'system')
    return [{ ...first, content: first.content ? `${first.content}\n\n${context}` : context }, ...rest]
  return [{ role: 'system', content: context }, ...messages]
}

/** A gateway whose calls carry the session context (a completions prompt gets it in front of the transcript). */
export function sessionGateway(gateway: LlmGateway, context: string): LlmGateway {
  return {
    ...gateway,
    chat: (call) => gateway.chat({ ...call, messages: withSessionContext(call.messages, context) }),
    complete: (call) => gateway.complete({ ...call, prompt: `${context}\n\n${call.prompt}` }),
  }
}

/** The client's system prompt of a session: the method's prompt, then the previous session's block. */
export const clientWithSession = (prompt: string, context: SessionContext | null) =>
  context ? `${prompt}\n\n${context.client}` : prompt

interface FollowUpDeps {
  sessions: SessionRepo
  gateway: LlmGateway
  endpoints: EndpointService
}

/**
 * Follow-up sessions of a run: what a session carries from the one before it, and the summary made after it. Sessions
 * of a case run in order: one starts only once the one before it is completed, and a session with a next one is
 * completed only once its summary is stored, so a run killed at any point resumes where it stopped.
 */
export function followUpSessions(deps: FollowUpDeps) {
  const pinned = (run: RunRecord, id: string, language: Language) =>
    pinnedText((run.templates.sessions ?? []) as PinnedText[], id, language, `session "${id}"`)

  /** The summary of session `index` of the dialogue's case, or null (none stored, or no such session). */
  const summaryOf = (detail: DialogueDetail, index: number): string | null =>
    detail.caseId ? (deps.sessions.session(detail.datasetId, detail.caseId, index)?.summary ?? null) : null

  return {
    /** Of these dialogues, those that can start now. */
    ready: deps.sessions.ready,
    /** What this session carries from the one before; null for a first session or a single dialogue. */
    context(run: RunRecord, detail: DialogueDetail): SessionContext | null {
      const index = detail.sessionIndex
      if (!detail.caseId || !index || index <= 1) return null
      const summary = summaryOf(detail, index - 1)
      if (summary === null) throw new Error(`session ${index - 1} of case ${detail.caseId} has no summary stored`)
      const values = { session_index: index, previous_index: index - 1, summary }
      const previous = deps.sessions.session(detail.datasetId, detail.caseId, index - 1)
      const last = previous ? deps.sessions.lastClientState(previous.id) : null
      return {
        clientState: last ? { trust: last.trust, emotion: last.emotion, stage: last.stage } : null,
        index,
        previousIndex: index - 1,
        summary,
        client: fillTemplate(pinned(run, TEMPLATE_IDS.sessionClient, detail.language), values),
        counselor: fillTemplate(pinned(run, TEMPLATE_IDS.sessionCounselor, detail.language), values),
      }
    },
    /**
     * A single-prompt counselor's system prompt as the session used it: the stored one with the session's block
     * (stored back once, so the dialogue keeps the prompt its counselor worked with, e.g. for the training export).
     */
    counselorPrompt(detail: DialogueDetail, context: SessionContext | null, write: (f: () => void) => void) {
      if (!context || detail.systemPrompt === null || detail.systemPrompt.includes(context.counselor))
        return detail.systemPrompt
      const prompt = `${detail.systemPrompt}\n\n${context.counselor}`
      write(() => deps.sessions.setSystemPrompt(detail.id, prompt))
      return prompt
    },
    /** The next session of the dialogue's case, if it has one. */
    next(config: Pick<SimulationConfig, 'sessionsPerCard'>, detail: DialogueDetail): string | null {
      const index = detail.sessionIndex
      if (!detail.caseId || !index || index >= config.sessionsPerCard) return null
      return deps.sessions.session(detail.datasetId, detail.caseId, index + 1)?.id ?? null
    },
    /**
     * Makes and stores the summary of a session that has a next one (purpose `session.summary` in the call log), with
     * the counselor's endpoint and sampling; a summary already stored (a resumed run) is kept.
     */
    async summarize(
      run: RunRecord,
      detail: DialogueDetail,
      history: Pick<Message, 'speaker' | 'content'>[],
      io: { write: (f: () => void) => void; signal?: AbortSignal },
    ): Promise<void> {
      const index = detail.sessionIndex!
      if (summaryOf(detail, index) !== null) return
      const { language } = detail
      const prompt = fillTemplate(pinned(run, TEMPLATE_IDS.sessionSummary, language), {
        session_index: index,
        previous_summary: summaryOf(detail, index - 1) ?? NO_EARLIER[language],
        transcript: transcript(history, language),
      })
      const sampling = run.config.counselor
      const result = await deps.gateway.chat({
        endpoint: deps.endpoints.resolve(sampling.endpointId),
        messages: [{ role: 'user', content: prompt }],
        temperature: sampling.temperature,
        topP: sampling.topP,
        maxTokens: sampling.maxTokens,
        purpose: 'session.summary',
        jobId: run.id,
        dialogueId: detail.id,
        signal: io.signal,
      })
      const summary = result.content.trim()
      if (!summary) throw new Error(`the summary of session ${index} came back empty`)
      io.write(() => deps.sessions.setSummary(detail.id, summary))
    },
  }
}
export type FollowUpSessions = ReturnType<typeof followUpSessions>
