import { describe, expect, it, afterEach } from 'vitest'
import Database from 'better-sqlite3'
import { chmodSync, existsSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { openDatabase } from '../../src/main/db/connection'
import { LATEST_SCHEMA_VERSION } from '../../src/main/db/migrations'
import { tempWorkspace, client } from '../support/workspace'

let ws: ReturnType<typeof tempWorkspace>
afterEach(async () => {
  await ws?.cleanup()
})

describe('workspace database', () => {
  it('is created with WAL, foreign keys and every migration applied', () => {
    ws = tempWorkspace()
    const app = ws.open()
    expect(app.db.pragma('journal_mode', { simple: true })).toBe('wal')
    expect(app.db.pragma('foreign_keys', { simple: true })).toBe(1)
    expect(app.info.schemaVersion).toBe(LATEST_SCHEMA_VERSION)
  })

  it('refuses a workspace written by a newer version and leaves the file untouched', () => {
    ws = tempWorkspace()
    const file = join(ws.dataDir, 'future.sqlite')
    const raw = new Database(file)
    raw.exec('CREATE TABLE something_new (x)')
    raw.pragma(`user_version = ${LATEST_SCHEMA_VERSION + 5}`)
    raw.close()
    const before = readFileSync(file)
    expect(() => openDatabase(file)).toThrow(/newer SimPsy Workbench \(schema \d+; this version knows up to \d+\)/)
    expect(readFileSync(file).equals(before)).toBe(true)
    expect(statSync(file).size).toBe(before.length)
  })

  it('keeps research data private: new folders 0700, the database and its -wal/-shm files 0600', async () => {
    ws = tempWorkspace()
    const dataDir = join(ws.dataDir, 'new', 'workspace')
    const app = ws.open({ dataDir })
    await client(app).createRoleCard({ language: 'en', complaint: { title: 'Sleep', body: 'I cannot sleep.' } })
    const mode = (path: string) => statSync(path).mode & 0o777
    expect(mode(join(ws.dataDir, 'new'))).toBe(0o700)
    expect(mode(dataDir)).toBe(0o700)
    const file = join(dataDir, 'workspace.sqlite')
    for (const f of [file, `${file}-wal`, `${file}-shm`]) {
      expect(existsSync(f), f).toBe(true)
      expect(mode(f), f).toBe(0o600)
    }
    await app.close()
    // A workspace made by an earlier version (0644) is tightened when opened.
    chmodSync(file, 0o644)
    ws.open({ dataDir })
    expect(mode(file)).toBe(0o600)
  })

  it('keeps data across reopening', async () => {
    ws = tempWorkspace()
    const first = client(ws.open())
    const card = await first.createRoleCard({ language: 'en', complaint: { title: 'Sleep', body: 'I cannot sleep.' } })
    const reopened = client(ws.open())
    expect((await reopened.getRoleCard({ id: card.id })).complaint.body).toBe('I cannot sleep.')
  })

  it('seeds a new workspace with the bundled example cards, once', async () => {
    ws = tempWorkspace({ seedExamples: true })
    const api = client(ws.open())
    const page = await api.listRoleCards({})
    expect(page.total).toBeGreaterThanOrEqual(12)
    expect(page.items.every((c) => c.example)).toBe(true)
    expect(page.items.filter((c) => c.language === 'zh').length).toBeGreaterThanOrEqual(6)
    expect(page.items.filter((c) => c.language === 'en').length).toBeGreaterThanOrEqual(6)
    await api.deleteRoleCards({ ids: [page.items[0].id] })
    const again = client(ws.open())
    expect((await again.listRoleCards({})).total).toBe(page.total - 1)
  })
})
