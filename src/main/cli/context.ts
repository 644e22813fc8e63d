import cliProgress from 'cli-progress'
import type { ApiClient, EventMap } from '@shared/api'
import { WorkbenchError } from '@shared/errors'
import type { App } from '../app'

/** How a command reaches the workspace: the API client, and the app behind it (for following its jobs). */
export type OpenWorkspace = () => { api: ApiClient; app: App }

/** Prints a value as indented JSON. */
export function print(value: unknown) {
  console.log(JSON.stringify(value, null, 2))
}

/** An endpoint's id from its name (or id), as the CLI's options take them. */
export async function endpointId(api: ApiClient, name: string): Promise<string> {
  const found = (await api.listEndpoints()).find((e) => e.name === name || e.id === name)
  if (!found) throw new WorkbenchError('not_found', `No endpoint called "${name}" (see: endpoints list).`)
  return found.id
}

type JobProgress = 'run.progress' | 'evaluation.progress' | 'arena.progress' | 'agreement.progress' | 'study.judge'

/**
 * A progress bar over a job this process drives, until `until` settles (the job stopped here).
 * Ctrl+C closes the workspace, which leaves the job to resume at next open, and exits.
 */
export async function followWithBar<K extends JobProgress>(
  app: App,
  event: K,
  first: EventMap[K],
  view: {
    format: string
    total(s: EventMap[K]): number
    value(s: EventMap[K]): number
    fields(s: EventMap[K]): Record<string, unknown>
  },
  until: Promise<void>,
) {
  const bar = new cliProgress.SingleBar({ format: view.format, hideCursor: true }, cliProgress.Presets.shades_classic)
  bar.start(view.total(first), view.value(first), view.fields(first))
  const off = app.events.subscribe((e) => {
    const s = e.payload as EventMap[K]
    if (e.name !== event || s.id !== first.id) return
    bar.setTotal(view.total(s))
    bar.update(view.value(s), view.fields(s))
  })
  const interrupt = () => void app.close().then(() => process.exit(130))
  process.once('SIGINT', interrupt)
  try {
    await until
  } finally {
    off()
    bar.stop()
    process.off('SIGINT', interrupt)
  }
}
