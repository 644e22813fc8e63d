import { readFileSync, existsSync } from 'node:fs'
import { join } from 'node:path'
import type { AppInfo, ApiHandlers } from '@shared/api'
import { WorkbenchError } from '@shared/errors'
import { openDatabase, schemaVersion, type Db } from './db/connection'
import { settingsRepo } from './db/settingsRepo'
import { createDispatch, type Dispatch } from './api/dispatch'
import { EventBus } from './events'
import { endpointService } from './llm/endpointService'
import { checkConnection } from './llm/checkConnection'
import { renderRoleCardText } from './prompts/roleCardText'
import { roleCardService } from './rolecards/roleCardService'
import { REPO_RESOURCES_DIR, WORKSPACE_FILE } from './paths'
import type { SecretBox } from './secrets/secretBox'

export interface AppOptions {
  dataDir: string
  mode: AppInfo['mode']
  secrets: SecretBox
  nativeBinding?: string
  resourcesDir?: string
  /** Seed a new workspace with the example role cards (default true). */
  seedExamples?: boolean
  log?: (line: string) => void
}

export interface App {
  db: Db
  events: EventBus
  handlers: ApiHandlers
  dispatch: Dispatch
  info: AppInfo
  close(): void
}

const VERSION: string = JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', 'package.json'), 'utf8')).version

/** The composition root: one database, the services over it, and the handlers of the API contract. */
export function createApp(options: AppOptions): App {
  const workspaceFile = join(options.dataDir, WORKSPACE_FILE)
  const isNew = !existsSync(workspaceFile)
  const db = openDatabase(workspaceFile, { nativeBinding: options.nativeBinding })
  const events = new EventBus()
  const settings = settingsRepo(db)
  const cards = roleCardService(db, events)
  const endpoints = endpointService(db, options.secrets)
  if (isNew && options.seedExamples !== false) seedExampleCards(cards, options.resourcesDir ?? REPO_RESOURCES_DIR)

  const info: AppInfo = {
    name: 'SimPsy Workbench',
    version: VERSION,
    mode: options.mode,
    dataDir: options.dataDir,
    workspaceFile,
    schemaVersion: schemaVersion(db),
    secretStorage: options.secrets.description,
  }

  const handlers: ApiHandlers = {
    appInfo: () => info,
    getPreferences: () => ({ uiLanguage: settings.get('ui.language', null) }),
    setPreferences: (input) => {
      if (input.uiLanguage !== undefined) settings.set('ui.language', input.uiLanguage)
      const preferences = { uiLanguage: settings.get('ui.language', null) }
      events.emit('preferences.changed', preferences)
      return preferences
    },

    listRoleCards: (query) => cards.list(query),
    getRoleCard: ({ id }) => cards.get(id),
    createRoleCard: (card) => cards.create(card),
    updateRoleCard: ({ id, card, expectedUpdatedAt }) => cards.update(id, card, expectedUpdatedAt),
    duplicateRoleCard: ({ id }) => cards.duplicate(id),
    deleteRoleCards: ({ ids }) => ({ deleted: cards.delete(ids) }),
    restoreRoleCards: ({ cards: list }) => ({ restored: cards.restore(list) }),
    renderRoleCard: ({ card }) => ({ text: renderRoleCardText(card) }),
    importRoleCards: (request) => {
      const report = cards.import(request)
      if (report.errors.length) {
        const n = report.errors.length
        throw new WorkbenchError('import_failed', `${report.file}: ${n} problem${n === 1 ? '' : 's'} found; nothing was imported.`, report)
      }
      return report
    },
    exportRoleCards: (request) => cards.export(request),

    listEndpoints: () => endpoints.list(),
    saveEndpoint: (input) => {
      const saved = endpoints.save(input)
      events.emit('endpoints.changed', {})
      return saved
    },
    deleteEndpoint: ({ id }) => {
      const deleted = endpoints.delete(id)
      events.emit('endpoints.changed', {})
      return { deleted }
    },
    testEndpoint: async ({ id, draft }) => {
      if (!id && !draft) throw new WorkbenchError('invalid_input', 'Give the id of a saved endpoint or a draft to test.')
      const saved = id ? endpoints.resolve(id) : null
      const target = draft
        ? { ...draft, apiKey: draft.apiKey ?? saved?.apiKey ?? '', timeoutMs: draft.timeoutMs ?? 60000 }
        : saved!
      return checkConnection(target)
    },
  }

  const dispatch = createDispatch(handlers, (method, error) =>
    options.log?.(`[${method}] ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`),
  )
  return { db, events, handlers, dispatch, info, close: () => db.close() }
}

function seedExampleCards(cards: ReturnType<typeof roleCardService>, resourcesDir: string) {
  const file = join(resourcesDir, 'sample-workspace', 'role-cards.json')
  if (!existsSync(file)) return
  const report = cards.import({
    fileName: 'role-cards.json',
    contentBase64: readFileSync(file).toString('base64'),
    format: 'json',
    onConflict: 'skip',
    dryRun: false,
  })
  if (report.errors.length) throw new Error(`The bundled example role cards are invalid: ${report.errors[0].message}`)
}
