/**
 * Quoting for the POSIX shell (bash) on the training server. Single quotes keep every
 * character literal except the single quote itself, which is written as '\'' (close the
 * quote, an escaped quote, reopen). Small enough not to warrant a dependency.
 */
export function quote(value: string | number): string {
  return `'${String(value).replaceAll("'", `'\\''`)}'`
}

/**
 * A remote path: quoted, except that a leading `~` or `~/` becomes "$HOME" so the shell
 * still finds the home folder (quoting would otherwise make `~` a literal folder name).
 */
export function quotePath(path: string): string {
  if (path === '~') return '"$HOME"'
  if (path.startsWith('~/')) return `"$HOME"/${quote(path.slice(2))}`
  return quote(path)
}

/** `bash -c '<script>'`: runs the same way whatever the login shell of the account is. */
export const bashScript = (script: string) => `bash -c ${quote(script)}`

/** Joins POSIX path parts (the server's separator, whatever the workbench runs on). */
export function remoteJoin(dir: string, ...parts: string[]): string {
  return [dir.replace(/\/+$/, '') || '/', ...parts.map((p) => p.replace(/^\/+|\/+$/g, ''))]
    .join('/')
    .replace(/^\/\//, '/')
}

export const isAbsoluteRemote = (path: string) => path.startsWith('/')
