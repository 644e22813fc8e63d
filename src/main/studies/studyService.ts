import { randomBytes, randomUUID } from 'node:crypto'
import { WorkbenchError } from '@shared/errors'
import {
  POOLED_KEY,
  type PairChoice,
  type RaterStudyView,
  type RaterTaskView,
  type StudyConfig,
  type StudySourceView,
  type StudySummary,
  type StudyUnitView,
  type StudyView,
} from '@shared/study'
import type { Db } from '../db/connection'
import type { EventBus } from '../events'
import { progressThrottle } from '../ownedJobs'
import type { DialogueRepo } from '../db/dialogueRepo'
import type { NewUnit, StudyRecord, StudyRepo, UnitDialogue, UnitRecord } from '../db/studyRepo'
import { pairDialogues, pairingDialogue } from '../evaluation/compare/pairing'
import { seedKey } from '../evaluation/compare/pairing'
import { seededRanking, uint32Generator } from '../seededRandom'
import { hashLinkToken } from '../api/limitedAccess'
import { assignUnits, balanceNewRater } from './assignment'

export interface StudyServiceDeps {
  db: Db
  repo: StudyRepo
  dialogues: DialogueRepo
  events: EventBus
  /** Whether an LLM judge is running on the study (deleting it then is refused). */
  judging: (studyId: string) => boolean
}

const notFound = (id: string) => new WorkbenchError('not_found', { key: 'studies.notFound', params: { id } })

/** The keys a rater answers per unit: the rubric's items, or the pairwise aspects. */
export const answerKeys = (config: StudyConfig): string[] =>
  config.design === 'rubric' ? config.items.map((i) => i.key) : config.aspects.map((a) => a.key)

/** Pairwise answers are stored in source order: -1 the first source's dialogue is better, 1 the second's, 0 a tie. */
export function storedChoice(choice: PairChoice, swapped: boolean): number {
  if (choice === 'tie') return 0
  const firstShownAsA = !swapped
  return (choice === 'A') === firstShownAsA ? -1 : 1
}
export function shownChoice(value: number, swapped: boolean): PairChoice {
  if (value === 0) return 'tie'
  return value < 0 === !swapped ? 'A' : 'B'
}

const codeOf = (design: StudyConfig['design'], index: number, count: number) =>
  `${design === 'rubric' ? 'D' : 'P'}-${String(index + 1).padStart(Math.max(2, String(count).length), '0')}`

/**
 * Rating studies: drawing, pairing, blinding and assigning the dialogues when a study is made; the raters' tasks and
 * answers; progress. Results and exports are in studyResults.ts, the LLM judge in studyJudge.ts.
 */
export function studyService(deps: StudyServiceDeps) {
  const { repo, dialogues, events } = deps

  const record = (id: string): StudyRecord => {
    const found = repo.get(id)
    if (!found) throw notFound(id)
    return found
  }

  function summary(study: StudyRecord): StudySummary {
    const keys = answerKeys(study.config).length
    return {
      id: study.id,
      name: study.name,
      design: study.design,
      units: repo.unitCount(study.id),
      raters: repo.raters(study.id).filter((r) => r.kind === 'human').length,
      answered: repo.answeredOf(study.id),
      due: repo.assignmentCount(study.id) * keys,
      createdAt: study.createdAt,
    }
  }

  function view(study: StudyRecord, judges: StudyView['judges'] = []): StudyView {
    const keys = answerKeys(study.config).length
    const assignments = repo.assignments(study.id)
    const last = repo.lastAnswers(study.id)
    const progress = repo
      .raters(study.id)
      .filter((r) => r.kind === 'human')
      .map((r) => {
        const counts = repo.answerCounts(study.id, r.name)
        const units = assignments.get(r.name) ?? []
        return {
          rater: r.name,
          assigned: units.length,
          done: units.filter((u) => (counts.get(u) ?? 0) >= keys).length,
          lastAnswerAt: last.get(r.name)?.last ?? null,
        }
      })
    return { ...summary(study), config: study.config, sources: study.sources, progress, judges }
  }

  const changed = (study: StudyRecord, deleted = false) =>
    events.emit('study.changed', { ...summary(study), ...(deleted ? { deleted } : {}) })
  // Answers come one by one (a keyboard, a script): progress goes out at most every 300 ms per study, not per answer
  // (a summary counts every answer of the study).
  const answered = progressThrottle((id) => {
    const study = deps.db.open ? repo.get(id) : undefined
    if (study) changed(study)
  })

  /** Complete dialogues of a dataset, ranked by the seed over each one's seed record (as analyses' samples are). */
  function ranked(datasetId: string, seed: number) {
    return seededRanking(
      dialogues.cardsOf(datasetId, true),
      seed,
      (d) => (d.roleCard ? seedKey(d.roleCard) : `dialogue\u0000${d.id}`),
      (d) => d.id,
    )
  }

  function unitDialogue(dialogueId: string, sourceIndex: number): { dialogue: UnitDialogue; language: string } {
    const s = dialogues.summary(dialogueId)!
    return {
      dialogue: {
        datasetId: s.datasetId,
        dialogueId,
        sourceIndex,
        title: s.title,
        sourceId: dialogues.sourceIdOf(dialogueId) ?? '',
      },
      language: s.language,
    }
  }
  const transcript = (dialogueId: string) => ({
    messages: dialogues.messages(dialogueId).map((m) => ({ speaker: m.speaker, content: m.content })),
  })

  /** The dialogues (rubric) or pairs (pairwise) a study draws, in source order within each unit. */
  function draw(config: StudyConfig): { units: { id: string; sourceIndex: number }[][]; sources: StudySourceView[] } {
    const datasets = config.sources.map((s) => {
      const dataset = dialogues.getDataset(s.datasetId)
      if (!dataset)
        throw new WorkbenchError('invalid_input', { key: 'studies.datasetNotFound', params: { id: s.datasetId } })
      return dataset
    })
    const view = (i: number, drawn: number): StudySourceView => ({
      ...config.sources[i],
      label: config.sources[i].label || datasets[i].name,
      datasetName: datasets[i].name,
      drawn,
    })
    if (config.design === 'rubric') {
      const units: { id: string; sourceIndex: number }[][] = []
      const sources = config.sources.map((s, i) => {
        const all = ranked(s.datasetId, config.seed)
        if (all.length < s.sampleSize)
          throw new WorkbenchError('invalid_input', {
            key: 'studies.tooFewDialogues',
            params: { index: i, name: datasets[i].name, count: all.length, wanted: s.sampleSize },
          })
        units.push(...all.slice(0, s.sampleSize).map((d) => [{ id: d.id, sourceIndex: i }]))
        return view(i, s.sampleSize)
      })
      return { units, sources }
    }
    const [a, b] = config.sources.map((s) => ranked(s.datasetId, config.seed))
    const wanted = Math.min(config.sources[0].sampleSize, config.sources[1].sampleSize)
    let pairs: { key: string; a: string; b: string }[]
    if (config.pairBy === 'source') {
      const byId = new Map<string, string>()
      for (const d of b) {
        const id = dialogues.sourceIdOf(d.id)
        if (id && !byId.has(id)) byId.set(id, d.id)
      }
      pairs = a.flatMap((d) => {
        const id = dialogues.sourceIdOf(d.id)
        const partner = id ? byId.get(id) : undefined
        if (!id || !partner) return []
        byId.delete(id)
        return [{ key: `source\u0000${id}`, a: d.id, b: partner }]
      })
    } else {
      // Each side's dialogues come ranked, so a card with several samples contributes its first-ranked one.
      pairs = pairDialogues(a.map(pairingDialogue), b.map(pairingDialogue)).pairs.map((p) => ({
        key: `${p.by}\u0000${p.key}`,
        a: p.a[0],
        b: p.b[0],
      }))
    }
    if (pairs.length < wanted)
      throw new WorkbenchError('invalid_input', {
        key: 'studies.tooFewPairs',
        params: { index: 0, a: datasets[0].name, b: datasets[1].name, count: pairs.length, wanted },
      })
    const chosen = seededRanking(pairs, config.seed, (p) => p.key).slice(0, wanted)
    return {
      units: chosen.map((p) => [
        { id: p.a, sourceIndex: 0 },
        { id: p.b, sourceIndex: 1 },
      ]),
      sources: [view(0, wanted), view(1, wanted)],
    }
  }

  function raterOf(study: StudyRecord, rater: string): string {
    const found = repo.rater(study.id, rater)
    if (!found || found.kind !== 'human')
      throw new WorkbenchError('invalid_input', { key: 'studies.notRater', params: { rater, name: study.name } })
    return found.name
  }
  function assignedUnit(study: StudyRecord, rater: string, unitId: string): UnitRecord {
    const unit = repo.unit(study.id, unitId)
    if (!unit) throw new WorkbenchError('not_found', { key: 'studies.unitNotFound', params: { unit: unitId } })
    if (!repo.isAssigned(study.id, rater, unitId))
      throw new WorkbenchError('invalid_input', { key: 'studies.notAssigned', params: { code: unit.code } })
    return unit
  }
  function raterProgress(study: StudyRecord, rater: string) {
    const keys = answerKeys(study.config).length
    const counts = repo.answerCounts(study.id, rater)
    const units = repo.raterUnits(study.id, rater)
    return { units, counts, keys, done: units.filter((u) => (counts.get(u.id) ?? 0) >= keys).length }
  }

  return {
    record,
    view,
    /** Drops progress events still to come (before the database closes). */
    close: () => answered.clear(),
    create(config: StudyConfig): StudyView {
      const { units: drawn, sources } = draw(config)
      // Blinding: units are shown under codes in a seeded order that mixes the sources; sides of a pair are seeded.
      const order = seededRanking(
        drawn.map((ids, i) => ({ ids, i })),
        config.seed,
        (u) => `unit\u0000${u.ids.map((d) => d.id).join('\u0000')}`,
        (u) => String(u.i),
      )
      const sides = uint32Generator(config.seed)
      const units: NewUnit[] = order.map(({ ids }, position) => {
        const parts = ids.map((d) => unitDialogue(d.id, d.sourceIndex))
        return {
          id: randomUUID(),
          position,
          code: codeOf(config.design, position, order.length),
          swapped: config.design === 'pairwise' ? (sides() & 1) === 1 : false,
          dialogues: parts.map((p) => p.dialogue),
          language: parts[0].language,
          transcripts: ids.map((d) => transcript(d.id)),
        }
      })
      const assignments = assignUnits(
        units.map((u) => u.id),
        config.raters,
        config.ratersPerDialogue,
        config.seed,
      )
      const study = { id: randomUUID(), name: config.name, design: config.design, config, sources }
      repo.create(study, units, config.raters, assignments)
      const made = record(study.id)
      changed(made)
      return view(made)
    },
    list: (): StudySummary[] => repo.list().map(summary),
    remove(id: string): { deleted: boolean } {
      const study = repo.get(id)
      if (!study) return { deleted: false }
      if (deps.judging(id)) throw new WorkbenchError('conflict', { key: 'studies.deleteJudging' })
      const deleted = repo.remove(id)
      changed(study, true)
      return { deleted }
    },
    units(
      studyId: string,
      offset: number,
      limit: number,
      answer?: { key: string; value: number },
    ): { total: number; items: StudyUnitView[] } {
      record(studyId)
      const raters = new Map<string, string[]>()
      for (const [rater, ids] of repo.assignments(studyId))
        for (const id of ids) raters.set(id, [...(raters.get(id) ?? []), rater])
      const only = answer && repo.unitsAnswered(studyId, answer.key === POOLED_KEY ? null : answer.key, answer.value)
      const page = only
        ? repo
            .units(studyId)
            .filter((u) => only.has(u.id))
            .slice(offset, offset + limit)
        : repo.units(studyId, offset, limit)
      return {
        total: only ? only.size : repo.unitCount(studyId),
        items: page.map((u) => ({
          id: u.id,
          code: u.code,
          dialogues: u.dialogues.map((d) => ({
            datasetId: d.datasetId,
            dialogueId: d.dialogueId,
            sourceIndex: d.sourceIndex,
            title: d.title,
          })),
          swapped: u.swapped,
          raters: raters.get(u.id) ?? [],
        })),
      }
    },
    addRater(studyId: string, name: string): StudyView {
      const study = record(studyId)
      const existing = repo.rater(studyId, name)
      if (existing)
        throw new WorkbenchError('conflict', { key: 'studies.raterExists', params: { rater: name, name: study.name } })
      const answered = new Set(repo.answers(studyId).map((a) => `${a.rater.toLowerCase()}\u0000${a.unitId}`))
      const moves = balanceNewRater(repo.assignments(studyId), (rater, unitId) =>
        answered.has(`${rater.toLowerCase()}\u0000${unitId}`),
      )
      repo.addRater(studyId, name, 'human')
      repo.reassign(studyId, name, moves)
      changed(study)
      return view(study)
    },
    /** A rater's access link (serve mode): a new token each time; the previous link stops working. */
    createLink(studyId: string, raterName: string): { path: string; token: string } {
      const study = record(studyId)
      const rater = raterOf(study, raterName)
      const token = randomBytes(24).toString('base64url')
      repo.setLinkToken(studyId, rater, hashLinkToken(token))
      return { token, path: `/?annotator=${encodeURIComponent(token)}#/rate/${encodeURIComponent(studyId)}` }
    },
    /** The study and rater a link's token opens, or null. */
    linkOf: (token: string) => repo.link(hashLinkToken(token)),

    raterStudy(studyId: string, raterName: string): RaterStudyView {
      const study = record(studyId)
      const rater = raterOf(study, raterName)
      const { units, counts, keys, done } = raterProgress(study, rater)
      const commented = new Set(
        repo
          .comments(studyId)
          .filter((c) => c.rater.toLowerCase() === rater.toLowerCase())
          .map((c) => c.unitId),
      )
      const c = study.config
      return {
        studyId,
        name: study.name,
        design: study.design,
        rater,
        guidelines: c.guidelines,
        items: c.design === 'rubric' ? c.items : [],
        aspects: c.design === 'pairwise' ? c.aspects : [],
        comments: c.comments,
        tasks: units.map((u) => ({
          unitId: u.id,
          code: u.code,
          answered: counts.get(u.id) ?? 0,
          total: keys,
          commented: commented.has(u.id),
        })),
        done,
        total: units.length,
      }
    },
    raterTask(studyId: string, raterName: string, unitId: string): RaterTaskView {
      const study = record(studyId)
      const rater = raterOf(study, raterName)
      const unit = assignedUnit(study, rater, unitId)
      const transcripts = repo.transcripts(unit.id)
      const shown =
        study.design === 'rubric'
          ? [{ side: null, messages: transcripts[0].messages }]
          : (unit.swapped ? [transcripts[1], transcripts[0]] : transcripts).map((t, i) => ({
              side: i === 0 ? ('A' as const) : ('B' as const),
              messages: t.messages,
            }))
      const answers: RaterTaskView['answers'] = {}
      for (const a of repo.unitAnswers(studyId, unitId, rater))
        answers[a.key] = study.design === 'rubric' ? a.value : shownChoice(a.value, unit.swapped)
      const comment = repo
        .comments(studyId)
        .find((c) => c.unitId === unitId && c.rater.toLowerCase() === rater.toLowerCase())
      return { unitId, code: unit.code, transcripts: shown, answers, comment: comment?.text ?? '' }
    },
    saveAnswer(input: {
      studyId: string
      rater: string
      unitId: string
      key: string
      value: number | PairChoice | null
    }) {
      const study = record(input.studyId)
      const rater = raterOf(study, input.rater)
      const unit = assignedUnit(study, rater, input.unitId)
      const stored = storedValue(study.config, unit, input.key, input.value)
      repo.saveAnswer(study.id, unit.id, rater, input.key, stored)
      const keys = answerKeys(study.config).length
      const { tasks, done } = repo.raterCounts(study.id, rater, keys)
      answered.emit(study.id)
      return { answered: repo.unitAnswerCount(study.id, unit.id, rater), total: keys, done, tasks }
    },
    saveComment(input: { studyId: string; rater: string; unitId: string; text: string }): { saved: true } {
      const study = record(input.studyId)
      if (!study.config.comments) throw new WorkbenchError('invalid_input', { key: 'studies.noComments' })
      const rater = raterOf(study, input.rater)
      const unit = assignedUnit(study, rater, input.unitId)
      repo.saveComment(study.id, unit.id, rater, input.text)
      return { saved: true }
    },
  }
}
export type StudyService = ReturnType<typeof studyService>

/** The stored number of an answer, checked against the study's items or aspects (null clears it). */
export function storedValue(
  config: StudyConfig,
  unit: Pick<UnitRecord, 'swapped'>,
  key: string,
  value: number | PairChoice | null,
): number | null {
  if (config.design === 'rubric') {
    const item = config.items.find((i) => i.key === key)
    if (!item) throw new WorkbenchError('invalid_input', { key: 'studies.unknownItem', params: { key } })
    if (value === null) return null
    if (typeof value !== 'number')
      throw new WorkbenchError('invalid_input', { key: 'studies.notPoint', params: { value: String(value) } })
    if (value < item.scale.min || value > item.scale.max)
      throw new WorkbenchError('invalid_input', {
        key: 'studies.outOfScale',
        params: { value, key, min: item.scale.min, max: item.scale.max },
      })
    return value
  }
  if (!config.aspects.some((a) => a.key === key))
    throw new WorkbenchError('invalid_input', { key: 'studies.unknownItem', params: { key } })
  if (value === null) return null
  if (typeof value === 'number')
    throw new WorkbenchError('invalid_input', { key: 'studies.notChoice', params: { value: String(value) } })
  return storedChoice(value, unit.swapped)
}
