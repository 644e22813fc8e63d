import { z } from 'zod'
import type { ClientMethodInfo } from './method'

/** Today's client (the paper's): one system prompt, the filled client template, the same for the whole session. */
export const staticClientSettings = z.object({ kind: z.literal('static') })
export type StaticClientSettings = z.output<typeof staticClientSettings>

export const staticClient: ClientMethodInfo<StaticClientSettings> = {
  kind: 'static',
  settings: staticClientSettings,
  templates: () => ({}),
  callsPerTurn: () => 1,
  paper: true,
}
