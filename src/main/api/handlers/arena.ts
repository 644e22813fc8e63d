import { randomBytes } from 'node:crypto'
import type { ApiHandlers } from '@shared/api'
import { ArenaConfigSchema } from '@shared/arena'
import type { arenaApi } from '@shared/arenaApi'
import { WorkbenchError } from '@shared/errors'
import type { annotationDesk } from '../../arena/annotation'
import type { AgreementJobs } from '../../arena/agreementJobs'
import { arenaProvenance, buildArenaReport, matrixTables, reportTable } from '../../arena/arenaReport'
import { buildPreferenceExport } from '../../arena/preferenceExport'
import type { ArenaRunner } from '../../arena/arenaRunner'
import type { ArenaRepo } from '../../db/arenaRepo'
import { hashLinkToken, type LimitedAccess } from '../limitedAccess'
import { renderTable } from '../../evaluation/tables'
import type { EndpointService } from '../../llm/endpointService'
import type { LlmCallRepo } from '../../db/llmCallRepo'
import { TEMPLATE_IDS } from '@shared/templateIds'

type ArenaHandlers = Pick<ApiHandlers, keyof typeof arenaApi>

export interface ArenaHandlerDeps {
  repo: ArenaRepo
  runner: ArenaRunner
  agreements: AgreementJobs
  desk: ReturnType<typeof annotationDesk>
  endpoints: EndpointService
  calls: LlmCallRepo
}

/** An annotator's link opens their arena's annotation page and nothing else; their name comes from the link. */
export function annotatorAccess(repo: ArenaRepo): LimitedAccess {
  return (token) => {
    const link = repo.link(hashLinkToken(token))
    if (!link) return null
    const fixed = { arenaId: link.arenaId, annotator: link.annotator }
    return { nextAnnotation: fixed, submitVote: fixed, getPreferences: {} }
  }
}

export function arenaHandlers(deps: ArenaHandlerDeps): ArenaHandlers {
  const { repo, runner } = deps
  const arena = (id: string) => {
    const found = repo.get(id)
    if (!found) throw new WorkbenchError('not_found', { key: 'arena.notFound', params: { id } })
    return found
  }

  function report(input: Parameters<ArenaHandlers['arenaReport']>[0]) {
    const arenas = input.arenaIds.map(arena)
    const contestants = [...new Set(arenas.flatMap((a) => a.config.contestants.map((c) => c.name)))]
    const decisions =
      input.referee === 'llm' ? repo.llmDecisions(input.arenaIds) : repo.humanDecisions(input.arenaIds, input.annotator)
    const endpoints = new Map(deps.endpoints.list().map((e) => [e.id, `${e.name} (${e.model})`]))
    const provenance = arenaProvenance(arenas, {
      endpoint: (id) => endpoints.get(id) ?? `endpoint ${id} (deleted)`,
      usage: (id) => deps.calls.usageByRun(id),
    })
    return buildArenaReport({ ...input, contestants, decisions, provenance })
  }

  return {
    arenaDefaults: () => {
      const {
        contestants: _c,
        client: _cl,
        referee: _r,
        ...rest
      } = ArenaConfigSchema.parse({
        contestants: [
          { name: 'a', endpointId: 'x', prompt: { kind: 'custom', text: '' } },
          { name: 'b', endpointId: 'x', prompt: { kind: 'custom', text: '' } },
        ],
        client: { endpointId: 'x', templateId: TEMPLATE_IDS.client },
        referee: { kind: 'human' },
      })
      return rest
    },
    startArena: (input) => runner.start(input),
    listArenas: () => runner.list(),
    getArena: ({ id }) => runner.summary(id),
    pauseArena: ({ id }) => runner.stop(id, 'pause'),
    resumeArena: ({ id }) => runner.resume(id),
    cancelArena: ({ id }) => runner.stop(id, 'cancel'),
    deleteArena: ({ id }) => ({ deleted: runner.delete(id) }),
    listArenaDialogues: ({ arenaId, offset, limit }) => {
      arena(arenaId)
      return { total: repo.counts(arenaId).total, items: repo.dialogues(arenaId, offset, limit) }
    },
    getArenaDialogue: ({ id }) => {
      const d = repo.dialogue(id)
      if (!d) throw new WorkbenchError('not_found', { key: 'arena.dialogueNotFound', params: { id } })
      const { roleCard: _card, ...rest } = d
      return { ...rest, messages: repo.messages(id), turns: repo.turns(id) }
    },
    nextAnnotation: ({ arenaId, annotator, waitMs }) => deps.desk.nextWaiting(arenaId, annotator, waitMs),
    submitVote: (input) => deps.desk.vote(input),
    reassignArenaDialogue: (input) => deps.desk.reassign(input),
    listAnnotators: ({ arenaId }) => {
      arena(arenaId)
      return repo.annotators(arenaId)
    },
    createAnnotatorLink: ({ arenaId, annotator }) => {
      const a = arena(arenaId)
      if (a.config.referee.kind !== 'human')
        throw new WorkbenchError('invalid_input', { key: 'arena.noAnnotationPage', params: { name: a.name } })
      const token = randomBytes(24).toString('base64url')
      repo.insertLink(hashLinkToken(token), arenaId, annotator)
      return { token, path: `/?annotator=${token}#/annotate/${arenaId}` }
    },
    arenaReport: (input) => report(input),
    exportArenaPreferences: (input) => buildPreferenceExport(repo, input),
    exportArenaReport: ({ format, ...input }) => {
      const r = report(input)
      const tables = [reportTable(r), ...matrixTables(r)]
      const rendered = tables.map((t) => renderTable(t, format))
      const separator = format === 'csv' ? '\n' : '\n\n'
      return {
        fileName: `arena-${input.referee}-ratings.${rendered[0].extension}`,
        mimeType: rendered[0].mimeType,
        content: rendered.map((x) => x.content).join(separator),
      }
    },
    startArenaAgreement: (input) => deps.agreements.start(input),
    listArenaAgreements: ({ arenaId }) => {
      arena(arenaId)
      return deps.agreements.list(arenaId)
    },
    getArenaAgreement: ({ id }) => deps.agreements.get(id),
    cancelArenaAgreement: ({ id }) => deps.agreements.cancel(id),
    resumeArenaAgreement: ({ id }) => deps.agreements.resume(id),
  }
}
