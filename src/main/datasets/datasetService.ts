import { randomUUID } from 'node:crypto'
import type { ParsedInput } from '@shared/api'
import type { DatasetImportReport } from '@shared/datasetApi'
import { WorkbenchError } from '@shared/errors'
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
    if (!found) throw new WorkbenchError('not_found', `No dataset with id ${id}.`)
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
     * analysed like any other. Nothing is created when the query selects no dialogue.
     */
    fromSelection(query: DialogueQuery, name: string): Dataset {
      if (!query.datasetId)
        throw new WorkbenchError('invalid_input', 'query.datasetId: choose the dataset to select from.')
      const from = dataset(query.datasetId)
      const { items, total } = dialogues.list({ ...query, limit: 100000, offset: 0 })
      if (total === 0)
        throw new WorkbenchError('invalid_input', 'query: no dialogue matches this selection; nothing was created.')
      if (total > items.length)
        throw new WorkbenchError(
          'invalid_input',
          `query: ${total} dialogues match; a selection can hold at most ${items.length}.`,
        )
      const id = randomUUID()
      const { limit: _l, offset: _o, ...filters } = query
      db.transaction(() => {
        dialogues.createDataset({
          id,
          name: name.trim() || `${from.name} (selection)`,
          kind: 'import',
          source: `selection of ${from.name}`,
          description: `${total} of ${from.dialogueCount} dialogues of "${from.name}" (${from.id}) selected by ${JSON.stringify(filters)}`,
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
        throw new WorkbenchError(
          'conflict',
          `"${found.name}" is the output of a run that is still going; pause or cancel the run first.`,
        )
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
        const n = parsed.errors.length
        throw new WorkbenchError(
          'import_failed',
          `${request.fileName}: ${n} problem${n === 1 ? '' : 's'} found; nothing was imported.`,
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
            ? { createdAt: now, updatedAt: now, ...d.roleCard, id: d.roleCard.id ?? `${datasetId}:${position}` }
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
