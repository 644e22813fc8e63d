import { randomUUID } from 'node:crypto'
import type { ParsedInput } from '@shared/api'
import type { DatasetImportReport } from '@shared/datasetApi'
import { WorkbenchError } from '@shared/errors'
import { wordMessage } from '@shared/messages'
import type { Dataset, DatasetOperation, DatasetProgress, DialogueQuery } from '@shared/dialogue'
import type { Db } from '../db/connection'
import type { DialogueRepo } from '../db/dialogueRepo'
import { datasetParts } from '../db/datasetParts'
import type { EventBus } from '../events'
import { progressThrottle } from '../ownedJobs'
import type { WorkspaceWorker } from '../workspaceWorker'
import type { Uploads } from './uploads'
import type { Downloads } from './downloads'

/**
 * Datasets: imported corpora, exports of any dataset (a run's output or an import), renaming
 * and deleting. `runIsActive` says whether a run is being driven here (its output may not go).
 */
export function datasetService(deps: {
  db: Db
  dialogues: DialogueRepo
  events: EventBus
  runIsActive: (runId: string) => boolean
  worker: WorkspaceWorker
  owner: string
  /** Files serve mode received as they are. */
  uploaded: Uploads
  /** Files serve mode hands out as they are (exports for the browser). */
  downloaded: Downloads
}) {
  const { db, dialogues, events, runIsActive, worker, owner, uploaded, downloaded } = deps
  const parts = datasetParts(db)
  /** Progress of a long dataset operation (the latest of each), at most one event every 300 ms and the last always. */
  const latest = new Map<string, DatasetProgress>()
  const throttle = progressThrottle((key) => {
    const last = latest.get(key)
    if (last) events.emit('datasets.progress', last)
  })
  const progress = (operation: DatasetOperation, datasetId: string | null) => {
    const key = `${operation}:${datasetId ?? randomUUID()}`
    return (done: number, total: number) => {
      latest.set(key, { operation, datasetId, done, total })
      throttle.emit(key, done >= total)
      if (done >= total) latest.delete(key)
    }
  }
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
      const { items, total } = dialogues.list({ ...query, countLater: false, limit: 100000, offset: 0 })
      if (total === 0) throw new WorkbenchError('invalid_input', { key: 'datasets.selectionEmpty' })
      if (total > items.length)
        throw new WorkbenchError('invalid_input', {
          key: 'datasets.selectionTooLarge',
          params: { total, max: items.length },
        })
      const id = randomUUID()
      // What selected them: the filters, not how the page was to be fetched.
      const { limit: _l, offset: _o, countLater: _c, ...filters } = query
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
    /** Hides the dataset at once, then deletes it off the main thread in short transactions. */
    async delete(id: string) {
      const found = dataset(id)
      if (found.runId && runIsActive(found.runId)) {
        throw new WorkbenchError('conflict', { key: 'datasets.runStillGoing', params: { name: found.name } })
      }
      if (!parts.markDeleting(id, owner)) return false
      events.emit('datasets.changed', {})
      try {
        return await worker.run('deleteDataset', { id }, { progress: progress('delete', id) })
      } finally {
        events.emit('datasets.changed', {})
      }
    },
    /** VACUUM: gives the space deleted datasets left back to the disk (see maintenance.ts). */
    async compact() {
      const result = await worker.run('compactWorkspace', {})
      events.emit('datasets.changed', {})
      return result
    },
    /**
     * All dialogues or none, unless the user chose to skip broken rows; problems with the file as a whole always stop
     * the import. Parsed and stored off the main thread (datasetTasks.ts).
     */
    async import(request: ParsedInput<'importDataset'>): Promise<DatasetImportReport> {
      const { contentBase64, uploadId, ...rest } = request
      const file = uploadId ? { path: uploaded.path(uploadId) } : { content: Buffer.from(contentBase64!, 'base64') }
      const report = await worker.run('importDataset', { ...rest, ...file }, { progress: progress('import', null) })
      // An upload stays for the import after its check (dry run), and after a failure (to try other options).
      if (uploadId && report.datasetId) uploaded.remove(uploadId)
      if (report.datasetId) events.emit('datasets.changed', {})
      return report
    },
    /** Written in the workspace worker; as a download, to a file there (the content never reaches this thread). */
    async export(request: ParsedInput<'exportDataset'>) {
      if (request.delivery === 'inline')
        return worker.run('exportDataset', request, { progress: progress('export', request.id) })
      const { id, file } = downloaded.reserve()
      try {
        const written = await worker.run(
          'exportDataset',
          { ...request, toFile: file },
          { progress: progress('export', request.id) },
        )
        if (written.count === 0) {
          downloaded.remove(id)
          return written
        }
        downloaded.describe(id, { fileName: written.fileName, mimeType: written.mimeType })
        return { ...written, downloadId: id }
      } catch (error) {
        downloaded.remove(id)
        throw error
      }
    },
  }
}
export type DatasetService = ReturnType<typeof datasetService>
