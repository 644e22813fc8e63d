import { randomUUID } from 'node:crypto'
import pLimit from 'p-limit'
import { WorkbenchError } from '@shared/errors'
import type { StudyJudgeView } from '@shared/study'
import type { Db } from '../db/connection'
import { judgeCacheRepo } from '../db/judgeCacheRepo'
import type { JudgeRecord, StudyRepo } from '../db/studyRepo'
import type { EventBus } from '../events'
import { judgeOnce } from '../evaluation/judgeClient'
import type { LlmGateway } from '../llm/gateway'
import type { EndpointService } from '../llm/endpointService'
import { log } from '../logger'
import { JobLostError, ownedJobs, progressThrottle, type JobTiming } from '../ownedJobs'
import { judgeInstructions, judgeMessages, parseJudgeAnswer } from './judgePrompt'
import { answerKeys, storedValue } from './studyService'

export interface StudyJudgeDeps {
  db: Db
  repo: StudyRepo
  endpoints: EndpointService
  gateway: LlmGateway
  events: EventBus
  owner: string
  calls: { flush(): void }
  jobTiming?: JobTiming
}

/** New answers asked for after an unreadable one, per unit. */
const PARSE_RETRIES = 2

/** The id a judge run's calls are logged under (llm_calls.job_id). */
export const studyJudgeJobId = (id: string) => `study-judge:${id}`

/**
 * An LLM judge answering a study's items (or aspects) on every unit, stored as answers of one more rater (kind 'llm').
 * Each unit's answers are stored before the next progress event, so a cancelled, interrupted or killed run resumes
 * without asking about a stored unit again.
 */
export function studyJudges(deps: StudyJudgeDeps) {
  const { repo, events } = deps
  const jobs = ownedJobs<{ failed: number }>({
    noun: 'study judge',
    rows: repo.judgeOwnership,
    owner: deps.owner,
    timing: deps.jobTiming,
    beforeWrite: deps.calls.flush,
  })

  const get = (id: string): JudgeRecord => {
    const found = repo.judge(id)
    if (!found) throw new WorkbenchError('not_found', { key: 'studies.judgeNotFound', params: { id } })
    return found
  }
  /** Units with every key answered by the judge's rater. */
  function doneUnits(record: JudgeRecord): Set<string> {
    const study = repo.get(record.studyId)
    if (!study) return new Set()
    const keys = answerKeys(study.config).length
    const counts = repo.answerCounts(record.studyId, record.rater)
    return new Set([...counts].filter(([, n]) => n >= keys).map(([unit]) => unit))
  }
  function view(record: JudgeRecord): StudyJudgeView {
    return {
      id: record.id,
      studyId: record.studyId,
      endpoint: record.endpoint,
      temperature: record.temperature,
      status: record.status,
      done: doneUnits(record).size,
      failed: jobs.get(record.id)?.failed ?? record.failed,
      total: repo.unitCount(record.studyId),
      error: record.error,
      createdAt: record.createdAt,
      finishedAt: record.finishedAt,
    }
  }
  const progress = progressThrottle((id) => {
    const record = deps.db.open ? repo.judge(id) : undefined
    if (record) events.emit('study.judge', view(record))
  })

  function drive(id: string): Promise<void> {
    const existing = jobs.get(id)
    if (existing) return existing.done
    const record = get(id)
    const study = repo.get(record.studyId)
    if (!study) throw new WorkbenchError('not_found', { key: 'studies.notFound', params: { id: record.studyId } })
    const endpoint = deps.endpoints.resolve(record.endpointId)
    const cache = judgeCacheRepo(deps.db)
    const job = jobs.start(
      { id, owner: record.owner },
      {
        busy: 'This LLM judge is running in another workbench process.',
        state: { failed: 0 },
        async work(job) {
          const limit = pLimit(Math.max(1, endpoint.maxConcurrency ?? 8))
          const done = doneUnits(record)
          const units = repo.units(study.id).filter((u) => !done.has(u.id))
          const ask = async (unit: (typeof units)[number]) => {
            job.signal.throwIfAborted()
            const lang = unit.language === 'zh' ? 'zh' : 'en'
            const transcripts = repo.transcripts(unit.id)
            const shown = study.design === 'pairwise' && unit.swapped ? [transcripts[1], transcripts[0]] : transcripts
            const outcome = await judgeOnce(deps.gateway, endpoint, judgeMessages(record.pinned[lang], shown, lang), {
              temperature: record.temperature,
              parse: (raw) => parseJudgeAnswer(study.config, raw),
              parseRetries: PARSE_RETRIES,
              cache,
              round: 1,
              purpose: 'judge:study',
              jobId: studyJudgeJobId(id),
              dialogueId: unit.dialogues[0].dialogueId,
              signal: job.signal,
            })
            if (!outcome.ok) {
              if (outcome.kind === 'transport') throw new Error(outcome.reason)
              job.failed++
              job.write(() => repo.setJudgeFailed(id, job.failed))
            } else {
              const answers = Object.entries(outcome.value)
              job.write(() => {
                for (const [key, value] of answers)
                  repo.saveAnswer(study.id, unit.id, record.rater, key, storedValue(study.config, unit, key, value))
              })
            }
            progress.emit(id)
          }
          try {
            const outcomes = await Promise.allSettled(units.map((u) => limit(() => ask(u))))
            job.signal.throwIfAborted()
            const failure = outcomes.find((o) => o.status === 'rejected')
            if (failure) throw failure.reason
            job.write(() => repo.finishJudge(id, 'completed', null))
          } catch (error) {
            if (!job.signal.aborted) throw error
            if (job.stopping === 'cancel') job.write(() => repo.finishJudge(id, 'cancelled', null))
          }
        },
        failed: (error) => repo.finishJudge(id, 'failed', error instanceof Error ? error.message : String(error)),
        ended: () => progress.emit(id, true),
      },
    )
    progress.emit(id, true)
    return job.done
  }
  const inBackground = (id: string) =>
    void drive(id).catch((error) => {
      if (!(error instanceof JobLostError)) log.error(`study judge ${id}`, error)
    })

  return {
    /** Starts a judge run on a study (returns at once); only one runs per study. */
    start(input: { studyId: string; endpointId: string; temperature: number }): StudyJudgeView {
      const study = repo.get(input.studyId)
      if (!study) throw new WorkbenchError('not_found', { key: 'studies.notFound', params: { id: input.studyId } })
      if (repo.judges(study.id).some((j) => j.status === 'running'))
        throw new WorkbenchError('conflict', { key: 'studies.judgeRunning' })
      const endpoint = deps.endpoints.resolve(input.endpointId)
      const id = randomUUID()
      const rater = `LLM judge ${id.slice(0, 8)}`
      repo.addRater(study.id, rater, 'llm')
      repo.insertJudge({
        id,
        studyId: study.id,
        rater,
        endpointId: endpoint.id,
        endpoint: `${endpoint.name} (${endpoint.model})`,
        temperature: input.temperature,
        pinned: { en: judgeInstructions(study.config, 'en'), zh: judgeInstructions(study.config, 'zh') },
      })
      inBackground(id)
      return view(get(id))
    },
    async cancel(id: string): Promise<StudyJudgeView> {
      const record = get(id)
      if (!(await jobs.stop(id, 'cancel')) && record.status === 'running') repo.finishJudge(id, 'cancelled', null)
      progress.emit(id, true)
      return view(get(id))
    },
    get: (id: string) => view(get(id)),
    list: (studyId: string) => repo.judges(studyId).map(view),
    /** Whether a judge runs on the study now (in this process or, by its row, in another). */
    judging: (studyId: string) => repo.judges(studyId).some((j) => j.status === 'running'),
    waitFor: jobs.waitFor,
    /** Judge runs a crashed or killed process left running. */
    resumeInterrupted: () =>
      jobs.resume(
        repo.runningJudges().map((r) => r.id),
        (id) => inBackground(id),
      ),
    async shutdown() {
      await jobs.shutdown()
      progress.clear()
    },
  }
}
export type StudyJudges = ReturnType<typeof studyJudges>
