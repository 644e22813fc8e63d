import { randomUUID } from 'node:crypto'
import pLimit from 'p-limit'
import type { AgreementReport, ArenaAgreementView, LlmReferee } from '@shared/arena'
import { WorkbenchError } from '@shared/errors'
import { LANGUAGES } from '@shared/roleCard'
import { refereeTemplateId } from '@shared/templateIds'
import type { AgreementRecord, AgreementRepo, AgreementTurnResult } from '../db/agreementRepo'
import type { ArenaRepo } from '../db/arenaRepo'
import { judgeCacheRepo } from '../db/judgeCacheRepo'
import { log } from '../logger'
import { JobLostError, ownedJobs, progressThrottle } from '../ownedJobs'
import { agreementStats } from './agreement'
import { llmVerdict } from './arenaDialogue'
import type { ArenaRunnerDeps } from './arenaRunner'

/** What the arena runner needs, less the cards, plus the checks' own rows and the arenas' (read-only here). */
export type AgreementJobsDeps = Omit<ArenaRunnerDeps, 'repo' | 'cards'> & { repo: AgreementRepo; arenas: ArenaRepo }

type Vote = ReturnType<ArenaRepo['votedTurns']>[number]
const turnKey = (t: { dialogueId: string; turn: number }) => `${t.dialogueId}:${t.turn}`

/** The id a check's referee calls are logged under (llm_calls.job_id). */
export const agreementJobId = (id: string) => `agreement:${id}`

/**
 * Accuracy and Cohen's kappa of the referee's answers against the votes, overall and per annotator. A vote counts as a
 * turn; one whose turn got no readable answer is a failure and is not compared.
 */
export function agreementReport(
  record: Pick<AgreementRecord, 'arenaId' | 'refereeEndpoint' | 'referee'>,
  votes: Pick<Vote, 'dialogueId' | 'turn' | 'annotator' | 'choice'>[],
  results: Pick<AgreementTurnResult, 'dialogueId' | 'turn' | 'choice' | 'status'>[],
): AgreementReport {
  const answers = new Map(results.map((r) => [turnKey(r), r]))
  const compared: { annotator: string; human: string; llm: string }[] = []
  let failures = 0
  for (const v of votes) {
    const answer = answers.get(turnKey(v))
    if (answer?.status === 'ok' && answer.choice !== null)
      compared.push({ annotator: v.annotator, human: v.choice, llm: answer.choice })
    else failures++
  }
  const overall = agreementStats(compared)
  const annotators = [...new Set(compared.map((r) => r.annotator))].sort()
  return {
    arenaId: record.arenaId,
    refereeEndpoint: record.refereeEndpoint,
    variant: record.referee.variant,
    turns: votes.length,
    compared: overall.compared,
    agreed: overall.agreed,
    accuracy: overall.accuracy,
    kappa: overall.kappa,
    failures,
    perAnnotator: annotators.map((annotator) => {
      const s = agreementStats(compared.filter((r) => r.annotator === annotator))
      return { annotator, compared: s.compared, accuracy: s.accuracy, kappa: s.kappa }
    }),
  }
}

/**
 * Judge–human agreement checks as jobs (like evaluations): each human-voted turn of an arena is put to an LLM referee
 * and its answer stored before the next progress event, so a cancelled, interrupted or killed check resumes without
 * asking about a stored turn again (an answer lost to a kill before it was stored comes from the judge cache).
 */
export function agreementJobs(deps: AgreementJobsDeps) {
  const { repo, arenas, events } = deps
  const jobs = ownedJobs<{ total: number }>({
    noun: 'agreement check',
    rows: repo,
    owner: deps.owner,
    timing: deps.jobTiming,
    beforeWrite: deps.calls.flush,
  })

  /** Each voted turn once (several annotators may have voted on it), in vote order. */
  const votedTurns = (arenaId: string) => {
    const seen = new Map<string, Vote>()
    for (const v of arenas.votedTurns(arenaId)) if (!seen.has(turnKey(v))) seen.set(turnKey(v), v)
    return [...seen.values()]
  }

  function view(record: AgreementRecord): ArenaAgreementView {
    const stored = repo.progress(record.id)
    const total = jobs.get(record.id)?.total ?? record.result?.turns ?? votedTurns(record.arenaId).length
    return {
      id: record.id,
      arenaId: record.arenaId,
      status: record.status,
      referee: record.referee,
      refereeEndpoint: record.refereeEndpoint,
      progress: { done: stored.done, total, failures: stored.failures },
      result: record.result,
      error: record.error,
      createdAt: record.createdAt,
      finishedAt: record.finishedAt,
    }
  }
  const get = (id: string) => {
    const found = repo.get(id)
    if (!found) throw new WorkbenchError('not_found', `No agreement check with id ${id}.`)
    return found
  }
  const progress = progressThrottle((id) => {
    const record = deps.db.open ? repo.get(id) : undefined
    if (record) events.emit('agreement.progress', view(record))
  })

  function drive(id: string): Promise<void> {
    const existing = jobs.get(id)
    if (existing) return existing.done
    const record = get(id)
    const endpoint = deps.endpoints.resolve(record.referee.endpointId)
    const referee: LlmReferee = { ...record.referee, positionSwap: false }
    const cache = judgeCacheRepo(deps.db)
    const prompt = (language: string) => {
      const pinned = record.pinned.find((p) => p.language === language)
      if (!pinned) throw new Error(`The check has no referee prompt in "${language}".`)
      return pinned.text
    }
    const job = jobs.start(record, {
      busy: 'This agreement check is running in another workbench process.',
      state: { total: votedTurns(record.arenaId).length },
      async work(job) {
        const limit = pLimit(Math.max(1, endpoint.maxConcurrency ?? 8))
        const ask = async (v: Vote) => {
          job.signal.throwIfAborted()
          const turn = arenas.turn(v.dialogueId, v.turn)
          if (!turn) throw new Error(`Arena dialogue ${v.dialogueId} has no turn ${v.turn}.`)
          const history = arenas.messages(v.dialogueId).slice(0, 2 * v.turn - 1)
          const verdict = await llmVerdict(
            deps,
            referee,
            prompt(v.language),
            { history, language: v.language, candidates: turn.candidates, order: turn.shownOrder },
            { jobId: agreementJobId(id), dialogueId: v.dialogueId, cache, signal: job.signal },
          )
          job.write(() =>
            repo.record(id, {
              dialogueId: v.dialogueId,
              turn: v.turn,
              choice: verdict.choice,
              status: verdict.refereeStatus,
              raw: verdict.refereeRaw,
              error: verdict.refereeError,
              attempts: verdict.refereeAttempts,
            }),
          )
          progress.emit(id)
        }
        try {
          // Votes cast while the check runs are judged too: it ends when every voted turn has an answer.
          for (;;) {
            const turns = votedTurns(record.arenaId)
            job.total = turns.length
            const done = new Set(repo.results(id).map(turnKey))
            const left = turns.filter((t) => !done.has(turnKey(t)))
            if (left.length === 0) break
            progress.emit(id)
            // Every call settles before anything else is written (a cancelled one ends at the signal).
            const outcomes = await Promise.allSettled(left.map((v) => limit(() => ask(v))))
            job.signal.throwIfAborted()
            const failure = outcomes.find((o) => o.status === 'rejected')
            if (failure) throw failure.reason
          }
          const result = agreementReport(record, arenas.votedTurns(record.arenaId), repo.results(id))
          job.write(() => repo.finish(id, 'completed', result, null))
        } catch (error) {
          if (!job.signal.aborted) throw error
          if (job.stopping === 'cancel') job.write(() => repo.finish(id, 'cancelled', null, null))
          // shutdown: stays 'running' and resumes at next open; lost: another process drives it now
        }
      },
      failed: (error) => repo.finish(id, 'failed', null, error instanceof Error ? error.message : String(error)),
      ended: () => progress.emit(id, true),
    })
    progress.emit(id, true)
    return job.done
  }
  const inBackground = (id: string) =>
    void drive(id).catch((error) => {
      if (!(error instanceof JobLostError)) log.error(`agreement check ${id}`, error)
    })

  return {
    /** Starts a check of an arena's human votes against an LLM referee; returns at once. */
    start(input: { arenaId: string; referee: LlmReferee }): ArenaAgreementView {
      const arena = arenas.get(input.arenaId)
      if (!arena) throw new WorkbenchError('not_found', { key: 'arena.notFound', params: { id: input.arenaId } })
      if (arena.config.referee.kind !== 'human')
        throw new WorkbenchError('invalid_input', { key: 'arena.noHumanVotes', params: { name: arena.name } })
      const endpoint = deps.endpoints.resolve(input.referee.endpointId)
      const templateId = refereeTemplateId(input.referee.variant)
      const id = randomUUID()
      repo.insert({
        id,
        arenaId: arena.id,
        referee: { ...input.referee, positionSwap: false },
        pinned: LANGUAGES.map((language) => ({ language, text: deps.templates.latest(templateId, language).text })),
        refereeEndpoint: `${endpoint.name}: ${endpoint.model}`,
      })
      inBackground(id)
      return view(get(id))
    },
    /** Continues a cancelled, failed or interrupted check; the turns it judged are not asked again. */
    resume(id: string): ArenaAgreementView {
      const record = get(id)
      if (record.status === 'completed') throw new WorkbenchError('conflict', 'This agreement check is complete.')
      if (!jobs.has(id)) {
        if (record.status !== 'running') repo.restart(id)
        inBackground(id)
      }
      return view(get(id))
    },
    async cancel(id: string): Promise<ArenaAgreementView> {
      const record = get(id)
      if (!(await jobs.stop(id, 'cancel')) && record.status === 'running') repo.finish(id, 'cancelled', null, null)
      progress.emit(id, true)
      return view(get(id))
    },
    get: (id: string) => view(get(id)),
    /** An arena's checks, newest first. */
    list: (arenaId: string) => repo.ofArena(arenaId).map(view),
    waitFor: jobs.waitFor,
    /** Checks a crashed or killed process left running. */
    resumeInterrupted: () =>
      jobs.resume(
        repo.running().map((r) => r.id),
        (id) => inBackground(id),
      ),
    async shutdown() {
      await jobs.shutdown()
      progress.clear()
    },
  }
}
export type AgreementJobs = ReturnType<typeof agreementJobs>
