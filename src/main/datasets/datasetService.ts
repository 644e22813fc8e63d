import { randomUUID } from 'node:crypto'
import type { ParsedInput } from '@shared/api'
import type { DatasetImportReport } from '@shared/datasetApi'
import { WorkbenchError } from '@shared/errors'
import { wordMessage } from '@shared/messages'
import type { Dataset, DialogueQuery } from '@shared/dialogue'
import type { RoleCard } from '@shared/roleCard'
import { nowIso, type Db } from '../db/connection'
import type { DialogueRepo } from '../db/dialogueRepo'
import { checkpoint, compactWorkspace } from '../db/maintenance'
import type { EventBus } from '../events'
import { parseDatasetFile } from './parseDataset'
import { serializeDataset } from './serializeDataset'

/**
 * Datasets: imported corpora, exports of any dataset (a run's output or an import), renaming
 * and deleting. `runIsActive` says whether a run is being driven here (its output may not go).
 */
export function datasetService(
  db: Db,
  dialogues: DialogueRepo,
  events: EventBus,
  runIsActive: (runId: string) => boolean,
) {
  const dataset = (id: string) => {
    const found = dialogues.getDataset(id)
    if (!found) throw new WorkbenchError('not_found', { key: 'datasets.notFound', params: { id } })
    return found
  }
  return {
    list: () => dialogues.listDatasets(),
    rename(id: string, name: string, description?: string) {
      dataset(id)
      dialogues.renameDataset(id, name, description)
      events.emit('datasets.changed', {})
      return dataset(id)
    },
    /**
     * A new dataset of the dialogues a browser query selects (e.g. WAI bond < 4), copied, so it can be exported or
     * analysed like any other. Nothing is created when the query selects no dialogue. The name (when none is given),
     * source and description are worded in `language`, the requester's interface language.
     */
    fromSelection(query: DialogueQuery, name: string, language: 'en' | 'zh' = 'en'): Dataset {
      if (!query.datasetId) throw new WorkbenchError('invalid_input', { key: 'datasets.chooseSource' })
      const from = dataset(query.datasetId)
      const { items, total } = dialogues.list({ ...query, limit: 100000, offset: 0 })
      if (total === 0) throw new WorkbenchError('invalid_input', { key: 'datasets.selectionEmpty' })
      if (total > items.length)
        throw new WorkbenchError('invalid_input', {
          key: 'datasets.selectionTooLarge',
          params: { total, max: items.length },
        })
      const id = randomUUID()
      const { limit: _l, offset: _o, ...filters } = query
      db.transaction(() => {
        dialogues.createDataset({
          id,
          name: name.trim() || wordMessage(language, 'datasets.selectionName', { name: from.name }),
          kind: 'import',
          source: wordMessage(language, 'datasets.selectionSource', { name: from.name }),
          description: wordMessage(language, 'datasets.selectionDescription', {
            selected: total,
            count: from.dialogueCount,
            name: from.name,
            id: from.id,
            filters: JSON.stringify(filters),
          }),
        })
        dialogues.copyDialogues(
          items.map((d) => d.id),
          id,
        )
      })()
      dialogues.syncSearchIndex()
      events.emit('datasets.changed', {})
      return dataset(id)
    },
    delete(id: string) {
      const found = dataset(id)
      if (found.runId && runIsActive(found.runId)) {
        throw new WorkbenchError('conflict', { key: 'datasets.runStillGoing', params: { name: found.name } })
      }
      const deleted = dialogues.deleteDataset(id)
      // A large delete leaves its pages in the log: copy them back and empty it.
      checkpoint(db)
      events.emit('datasets.changed', {})
      return deleted
    },
    /** VACUUM: gives the space deleted datasets left back to the disk (see maintenance.ts). */
    compact() {
      const result = compactWorkspace(db)
      events.emit('datasets.changed', {})
      return result
    },
    /**
     * All dialogues or none, unless the user chose to skip broken rows; problems with
     * the file as a whole always stop the import. A source's client profile becomes
     * the dialogue's role card.
     */
    import(request: ParsedInput<'importDataset'>): DatasetImportReport {
      const parsed = parseDatasetFile(request.fileName, Buffer.from(request.contentBase64, 'base64'), request.format)
      const report: DatasetImportReport = {
        file: request.fileName,
        format: parsed.format,
        rows: parsed.rows,
        imported: parsed.dialogues.length,
        withRoleCards: parsed.dialogues.filter((d) => d.roleCard).length,
        skipped: 0,
        errors: parsed.errors,
        datasetId: null,
      }
      const skippable =
        request.skipInvalidRows && parsed.errors.every((e) => e.row !== null) && parsed.dialogues.length > 0
      if (skippable) report.skipped = new Set(parsed.errors.map((e) => e.row)).size
      if (parsed.errors.length && !skippable) {
        throw new WorkbenchError(
          'import_failed',
          { key: 'files.importProblems', params: { file: request.fileName, count: parsed.errors.length } },
          report,
        )
      }
      if (request.dryRun) return report
      const datasetId = randomUUID()
      const now = nowIso()
      db.transaction(() => {
        dialogues.createDataset({
          id: datasetId,
          name: request.name || request.fileName,
          kind: 'import',
          source: `${parsed.format}: ${request.fileName}`,
          description: '',
        })
        parsed.dialogues.forEach((d, position) => {
          const id = randomUUID()
          const roleCard: RoleCard | null = d.roleCard
            ? {
                createdAt: now,
                updatedAt: now,
                ...d.roleCard,
                // The sessions of a case share their card.
                id: d.roleCard.id ?? `${datasetId}:${d.caseId ? `case:${d.caseId}` : position}`,
              }
            : null
          dialogues.insertDialogue({
            id,
            datasetId,
            runId: null,
            position,
            roleCard,
            sample: 0,
            language: d.language,
            status: d.status ?? 'completed',
            endReason: d.endReason ?? { kind: 'imported' },
            systemPrompt: d.systemPrompt,
            meta: { ...d.meta, externalId: d.externalId, row: d.row },
            caseId: d.caseId,
            sessionIndex: d.sessionIndex,
            sessionSummary: d.sessionSummary,
          })
          dialogues.appendMessages(d.messages.map((message, index) => ({ dialogueId: id, index, message })))
        })
      }).immediate()
      // The importing process indexes what it stored (in batches, one transaction each), so no later search or
      // process opening the workspace pays for it; then the log goes back into the file.
      dialogues.syncSearchIndex()
      checkpoint(db)
      events.emit('datasets.changed', {})
      return { ...report, datasetId }
    },

    export(request: ParsedInput<'exportDataset'>) {
      const found = dataset(request.id)
      const list = [...dialogues.iterateDetails(request.id)].filter(
        (d) => !request.completeOnly || d.status === 'completed',
      )
      const file = serializeDataset(list, request.format, { systemPrompt: request.systemPrompt })
      const binary = typeof file.content !== 'string'
      const safeName = found.name.replace(/[^\p{L}\p{N}._-]+/gu, '-').slice(0, 80) || 'dataset'
      return {
        fileName: `${safeName}.${file.extension}`,
        mimeType: file.mimeType,
        content: binary ? Buffer.from(file.content as Uint8Array).toString('base64') : (file.content as string),
        encoding: binary ? ('base64' as const) : ('utf8' as const),
        count: list.length,
      }
    },
  }
}
export type DatasetService = ReturnType<typeof datasetService>
