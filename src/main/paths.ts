import { homedir } from 'node:os'
import { join, resolve } from 'node:path'

export const DATA_DIR_ENV = 'SIMPSY_DATA_DIR'
export const WORKSPACE_FILE = 'workspace.sqlite'

/** Where serve mode and the CLI keep the workspace when neither --data-dir nor SIMPSY_DATA_DIR is given. */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env[DATA_DIR_ENV]) return resolve(env[DATA_DIR_ENV])
  if (process.platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), 'SimPsy Workbench')
  if (process.platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'SimPsy Workbench')
  return join(env.XDG_DATA_HOME ?? join(homedir(), '.local', 'share'), 'simpsy-workbench')
}

/** The repo's resources/ folder (the Electron shell passes its own when packaged). */
export const REPO_RESOURCES_DIR = resolve(import.meta.dirname, '..', '..', 'resources')
