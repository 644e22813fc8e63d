import { randomUUID } from 'node:crypto'
import { readFileSync, writeFileSync } from 'node:fs'
import type { ParsedInput } from '@shared/api'
import type { DatasetImportReport } from '@shared/datasetApi'
import { WorkbenchError } from '@shared/errors'
import type { RoleCard } from '@shared/roleCard'
import { nowIso, type Db } from '../db/connection'
import { datasetParts, WRITE_SLICE_MS } from '../db/datasetParts'
import { dialogueRepo } from '../db/dialogueRepo'
import { checkpoint } from '../db/maintenance'
import { ownerIsGone } from '../processOwner'
import { parseDatasetFile } from './parseDataset'
import { serializeDataset } from './serializeDataset'

export type Progress = (done: number, total: number) => void

/** An import as the workspace worker gets it: the file's bytes (not base64), or where an upload is. */
export type ImportRequest = Omit<ParsedInput<'importDataset'>, 'contentBase64' | 'uploadId'> &
  ({ content: Uint8Array } | { path: string })

/**
 * The heavy half of the dataset service, run by the workspace worker (src/main/workspaceWorker) on its own
 * connection: parsing and storing an import, exporting, deleting. Writes go in short transactions under a hidden
 * dataset (db/datasetParts.ts), so the process's other writers wait about WRITE_SLICE_MS at most.
 */
export function datasetTasks(db: Db, owner: string) {
  const dialogues = dialogueRepo(db)
  const parts = datasetParts(db)

  /** Stores the dialogues of a parsed file as a new dataset, all or none; progress per batch. */
  const store = (request: ImportRequest, parsed: ReturnType<typeof parseDatasetFile>, progress: Progress): string => {
    const datasetId = randomUUID()
    const now = nowIso()
    parts.createImporting(
      {
        id: datasetId,
        name: request.name || request.fileName,
        kind: 'import',
        source: `${parsed.format}: ${request.fileName}`,
        description: '',
      },
      owner,
    )
    const total = parsed.dialogues.length
    try {
      let position = 0
      let batch = 50
      while (position < total) {
        const started = performance.now()
        const end = Math.min(total, position + batch)
        db.transaction(() => {
          for (; position < end; position++) {
            const d = parsed.dialogues[position]
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
          }
        }).immediate()
        progress(position, total)
        const ms = Math.max(1, performance.now() - started)
        batch = Math.round(Math.min(5000, Math.max(5, (batch * WRITE_SLICE_MS) / ms)))
      }
      // The importing process indexes what it stored (in batches, one transaction each), so no later search or
      // process opening the workspace pays for it; then the log goes back into the file.
      dialogues.syncSearchIndex()
      parts.reveal(datasetId)
    } catch (error) {
      parts.deleteInParts(datasetId)
      throw error
    }
    checkpoint(db)
    return datasetId
  }

  return {
    /**
     * All dialogues or none, unless the user chose to skip broken rows; problems with the file as a whole always stop
     * the import. A source's client profile becomes the dialogue's role card.
     */
    import(request: ImportRequest, progress: Progress = () => {}): DatasetImportReport {
      const bytes = 'path' in request ? readFileSync(request.path) : Buffer.from(request.content)
      const parsed = parseDatasetFile(request.fileName, bytes, request.format)
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
      return { ...report, datasetId: store(request, parsed, progress) }
    },

    /** Deletes a dataset the service already hid (`markDeleting`), in short transactions; then checkpoints. */
    delete(id: string, progress: Progress = () => {}): boolean {
      const total = parts.dialoguesLeft(id)
      const deleted = parts.deleteInParts(id, (n) => progress(n, total))
      // A large delete leaves its pages in the log: copy them back and empty it.
      checkpoint(db)
      return deleted
    },

    /** Finishes what a stopped process left half-written: its hidden imports and deletes go. Returns how many. */
    cleanUp(): number {
      let n = 0
      for (const p of parts.pending()) {
        if (p.owner !== owner && !ownerIsGone(p.owner)) continue
        parts.deleteInParts(p.id)
        n++
      }
      if (n) checkpoint(db)
      return n
    },

    /** `toFile`: the content is written there (a download) and not returned. */
    export(request: ParsedInput<'exportDataset'> & { toFile?: string }, progress: Progress = () => {}) {
      const found = dialogues.getDataset(request.id)
      if (!found) throw new WorkbenchError('not_found', { key: 'datasets.notFound', params: { id: request.id } })
      const list = []
      let read = 0
      for (const d of dialogues.iterateDetails(request.id)) {
        if (!request.completeOnly || d.status === 'completed') list.push(d)
        if (++read % 1000 === 0) progress(read, found.dialogueCount)
      }
      progress(read, read)
      const file = serializeDataset(list, request.format, { systemPrompt: request.systemPrompt })
      const binary = typeof file.content !== 'string'
      const safeName = found.name.replace(/[^\p{L}\p{N}._-]+/gu, '-').slice(0, 80) || 'dataset'
      if (request.toFile) {
        writeFileSync(request.toFile, binary ? (file.content as Uint8Array) : (file.content as string), { mode: 0o600 })
        return {
          fileName: `${safeName}.${file.extension}`,
          mimeType: file.mimeType,
          content: '',
          encoding: binary ? ('base64' as const) : ('utf8' as const),
          count: list.length,
        }
      }
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
