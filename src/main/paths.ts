import { chmodSync, closeSync, existsSync, mkdirSync, openSync, statSync } from 'node:fs'
import { homedir } from 'node:os'
import { join, resolve } from 'node:path'

export const DATA_DIR_ENV = 'SIMPSY_DATA_DIR'
export const WORKSPACE_FILE = 'workspace.sqlite'
/** The workspace's log, inside its data folder. */
export const LOG_FILE = join('logs', 'workbench.log')

/** Where serve mode and the CLI keep the workspace when neither --data-dir nor SIMPSY_DATA_DIR is given. */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env[DATA_DIR_ENV]) return resolve(env[DATA_DIR_ENV])
  if (process.platform === 'win32')
    return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), 'SimPsy Workbench')
  if (process.platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'SimPsy Workbench')
  return join(env.XDG_DATA_HOME ?? join(homedir(), '.local', 'share'), 'simpsy-workbench')
}

/** The repo's resources/ folder (the Electron shell passes its own when packaged). */
export const REPO_RESOURCES_DIR = resolve(import.meta.dirname, '..', '..', 'resources')

/** Research data is for the user alone: folders the workbench creates are 0700. */
export function makePrivateDir(dir: string) {
  mkdirSync(dir, { recursive: true, mode: 0o700 })
}

/**
 * Creates `file` (if missing) as 0600 and takes group and other access off an existing one,
 * with its SQLite companions (-wal, -shm: SQLite creates them with the database's mode).
 */
export function makePrivateFile(file: string) {
  closeSync(openSync(file, 'a', 0o600))
  if (process.platform === 'win32') return
  for (const f of [file, `${file}-wal`, `${file}-shm`]) {
    try {
      if (existsSync(f) && (statSync(f).mode & 0o077) !== 0) chmodSync(f, 0o600)
    } catch {
      // Not ours to change (another user's file): leave it as it is.
    }
  }
}
