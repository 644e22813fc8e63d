import { randomUUID } from 'node:crypto'
import type { ParsedInput } from '@shared/api'
import { WorkbenchError } from '@shared/errors'
import {
  RoleCardInputSchema,
  type EditRoleCardsResult,
  type ImportReport,
  type RoleCard,
  type RoleCardData,
  type RoleCardInput,
} from '@shared/roleCard'
import { nowIso, type Db } from '../db/connection'
import { roleCardRepo } from '../db/roleCardRepo'
import type { EventBus } from '../events'
import { parseRoleCardFile } from './parse'
import { serializeRoleCards } from './serialize'

type ImportRequest = ParsedInput<'importRoleCards'>
type ExportRequest = ParsedInput<'exportRoleCards'>
type EditRequest = ParsedInput<'editRoleCards'>

export function roleCardService(db: Db, events: EventBus) {
  const repo = roleCardRepo(db)
  const mustGet = (id: string) => {
    const card = repo.get(id)
    if (!card) throw new WorkbenchError('not_found', { key: 'cards.notFound', params: { id } })
    return card
  }
  const changed = (reason: 'create' | 'update' | 'delete' | 'import' | 'restore') =>
    events.emit('roleCards.changed', { reason })

  const service = {
    repo,
    list: repo.list,
    get: mustGet,

    create(input: RoleCardInput): RoleCard {
      const data = RoleCardInputSchema.parse(input)
      const id = data.id ?? randomUUID()
      if (repo.exists(id)) throw new WorkbenchError('conflict', { key: 'cards.idTaken', params: { id } })
      const now = nowIso()
      const card: RoleCard = { ...data, id, createdAt: now, updatedAt: now }
      repo.insert(card)
      changed('create')
      return card
    },

    update(id: string, input: RoleCardInput, expectedUpdatedAt?: string): RoleCard {
      const current = mustGet(id)
      if (expectedUpdatedAt && expectedUpdatedAt !== current.updatedAt) {
        throw new WorkbenchError(
          'conflict',
          { key: 'cards.changedElsewhere' },
          {
            current,
          },
        )
      }
      const data = RoleCardInputSchema.parse({ ...input, id })
      const card: RoleCard = { ...data, id, createdAt: current.createdAt, updatedAt: laterThan(current.updatedAt) }
      repo.update(card)
      changed('update')
      return card
    },

    duplicate(id: string): RoleCard {
      const { id: _id, createdAt: _c, updatedAt: _u, ...rest } = mustGet(id)
      const suffix = rest.language === 'zh' ? '（副本）' : ' (copy)'
      return service.create({
        ...rest,
        example: false,
        complaint: { ...rest.complaint, title: rest.complaint.title + suffix },
      })
    },

    /**
     * Adds and removes tags and sets the pool on the chosen cards in one transaction: an unknown id, or a card that
     * would end up invalid (more than 50 tags), changes nothing. Cards the edit leaves as they were keep their time.
     */
    edit(edit: EditRequest): EditRoleCardsResult {
      const ids = edit.ids && [...new Set(edit.ids)]
      const cards = ids ? repo.find({}, ids) : repo.find(edit.query ?? {})
      if (ids && cards.length !== ids.length) {
        const missing = ids.filter((id) => !cards.some((c) => c.id === id))
        throw new WorkbenchError('invalid_input', `ids: no role card with id ${missing.slice(0, 5).join(', ')}`)
      }
      const remove = new Set(edit.removeTags)
      const updated: RoleCard[] = []
      for (const card of cards) {
        const tags = [...new Set([...card.tags.filter((tag) => !remove.has(tag)), ...edit.addTags])]
        const pool = edit.pool ?? card.pool
        if (pool === card.pool && tags.join('\u0000') === card.tags.join('\u0000')) continue
        const checked = RoleCardInputSchema.safeParse({ ...card, tags, pool })
        if (!checked.success) {
          const issue = checked.error.issues[0]
          const field = issue.path[0] === 'tags' ? 'addTags' : issue.path.join('.')
          throw new WorkbenchError(
            'invalid_input',
            `${field}: card ${card.id} would be invalid (${issue.path.join('.')}: ${issue.message}); nothing was changed.`,
          )
        }
        updated.push({ ...card, tags, pool, updatedAt: laterThan(card.updatedAt) })
      }
      if (updated.length > 0) {
        db.transaction(() => {
          for (const card of updated) repo.update(card)
        }).immediate()
        changed('update')
      }
      return { matched: cards.length, changed: updated.length }
    },

    delete(ids: string[]): RoleCard[] {
      const deleted = db
        .transaction(() =>
          ids.map((id) => {
            const card = mustGet(id)
            repo.delete(id)
            return card
          }),
        )
        .immediate()
      changed('delete')
      return deleted
    },

    restore(cards: RoleCard[]): number {
      db.transaction(() => {
        for (const card of cards) {
          if (repo.exists(card.id))
            throw new WorkbenchError('conflict', { key: 'cards.restoreIdTaken', params: { id: card.id } })
          repo.insert(card)
        }
      }).immediate()
      changed('restore')
      return cards.length
    },

    /** All rows or none: any error in the file, or an id clash under onConflict 'error', writes nothing. */
    import(request: ImportRequest): ImportReport {
      const bytes = Buffer.from(request.contentBase64, 'base64')
      const parsed = parseRoleCardFile(request.fileName, bytes, request.format)
      const report: ImportReport = {
        file: request.fileName,
        format: parsed.format,
        rows: parsed.rows,
        imported: 0,
        skipped: 0,
        replaced: 0,
        errors: [...parsed.errors],
        nothingWritten: true,
      }
      const plan: { card: RoleCard; replace: boolean }[] = []
      const now = nowIso()
      for (const { row, card: data, createdAt, updatedAt } of parsed.cards) {
        const withDefaults: RoleCardData = {
          ...data,
          pool: data.pool || request.pool || '',
          tags: [...new Set([...data.tags, ...(request.tags ?? [])])],
        }
        const id = data.id ?? randomUUID()
        const exists = data.id !== undefined && repo.exists(id)
        if (exists && request.onConflict === 'error') {
          report.errors.push({
            file: request.fileName,
            row,
            field: 'id',
            message: `a role card with id ${id} is already in the workspace (choose "skip" or "replace" to import anyway)`,
          })
          continue
        }
        if (exists && request.onConflict === 'skip') {
          report.skipped++
          continue
        }
        plan.push({
          card: { ...withDefaults, id, createdAt: createdAt ?? now, updatedAt: updatedAt ?? now },
          replace: exists,
        })
      }
      report.replaced = plan.filter((p) => p.replace).length
      report.imported = plan.length - report.replaced
      if (report.errors.length || request.dryRun) return report

      db.transaction(() => {
        for (const { card, replace } of plan) (replace ? repo.update : repo.insert)(card)
      }).immediate()
      report.nothingWritten = false
      changed('import')
      return report
    },

    export(request: ExportRequest) {
      const cards = repo.find(request.query ?? {}, request.ids)
      const file = serializeRoleCards(cards, request.format)
      const stamp = new Date().toISOString().slice(0, 10)
      return {
        fileName: `role-cards-${stamp}.${file.extension}`,
        mimeType: file.mimeType,
        content: file.content,
        count: cards.length,
      }
    },
  }
  return service
}
export type RoleCardService = ReturnType<typeof roleCardService>

/** Timestamps order edits even when two saves land in the same millisecond. */
function laterThan(previous: string): string {
  const now = new Date()
  const prev = new Date(previous)
  return (now > prev ? now : new Date(prev.getTime() + 1)).toISOString()
}
