import { existsSync, realpathSync } from 'node:fs'
import { homedir } from 'node:os'
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path'
import type { CallContext } from '@shared/api'
import { WorkbenchError } from '@shared/errors'
import { formatMessage } from '@shared/messages'

/** `~/.ssh/id_ed25519` → the local home folder; other paths unchanged. */
export const expandHome = (path: string) =>
  path === '~' ? homedir() : path.startsWith('~/') ? join(homedir(), path.slice(2)) : path

/** The path with symbolic links resolved as far as it exists (the rest appended as written). */
function realPath(path: string): string {
  let existing = path
  const rest: string[] = []
  while (!existsSync(existing) && dirname(existing) !== existing) {
    rest.unshift(basename(existing))
    existing = dirname(existing)
  }
  try {
    return join(realpathSync(existing), ...rest)
  } catch {
    return path
  }
}

const inside = (root: string, path: string) => {
  const rel = relative(root, path)
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel))
}

/**
 * Which files on this machine a caller may name. Local callers (the desktop app, the CLI) are
 * the machine's user and may name any. A remote caller (a browser in serve mode) may name
 * files only inside `roots`: the data folder and the folders the person who started the server
 * allowed (`--allow-path`). The refusal is the same whether or not the file exists, and comes
 * before anything is read, so it does not tell the browser what is on the machine.
 */
export function pathPolicy(roots: string[]) {
  const absoluteRoots = roots.map((r) => resolve(r))
  return {
    roots: absoluteRoots,
    /** The path to use (for a remote caller: absolute, as checked), or a refusal naming `field`. */
    check(path: string, field: string, call: CallContext): string {
      if (!call.remote) return path
      const absolute = resolve(expandHome(path))
      // Both as written and with links resolved: a link inside the data folder may point anywhere.
      const allowed =
        absoluteRoots.some((root) => inside(root, absolute)) &&
        absoluteRoots.some((root) => inside(realPath(root), realPath(absolute)))
      if (!allowed) {
        // As a validation issue of the field: the renderer words it (and its field) in the interface language.
        const issue = { key: 'files.outsideAllowed', params: { path, roots: absoluteRoots.join(', ') } } as const
        const why = formatMessage(issue.key, issue.params)
        throw new WorkbenchError('invalid_input', formatMessage('validation.at', { path: field, issue: why }), {
          issues: [{ path: field.split('.'), message: why, ...issue }],
        })
      }
      return absolute
    },
  }
}
export type PathPolicy = ReturnType<typeof pathPolicy>
