import type { z } from 'zod'
import type { EndpointView } from '@shared/endpoint'
import type { StartEvaluationSchema } from '@shared/evaluation'
import type { StartRunSchema } from '@shared/simulation'
import type { RemoteRunKind } from '@shared/remoteRun'

/**
 * A remote run's folder on the server, as the desktop writes it and the workbench's command line there reads it
 * (`simpsy --data-dir <folder>/workspace remote-job <folder>`).
 */
export const REMOTE_FILES = {
  /** What to run (RemoteJobFile). */
  job: 'job.json',
  /** The endpoints' keys (RemoteJobSecrets), mode 600; removed by the command line once read. */
  secrets: 'secrets.json',
  /** Role cards, templates and (an evaluation's) datasets, as a workspace bundle. */
  input: 'input.sqlite',
  /** The server's own workspace for this run. */
  workspace: 'workspace',
  /** RemoteProgress, replaced whole (written aside and renamed) as the run moves on. */
  progress: 'progress.json',
  /** The run or evaluation and what it made, as a workspace bundle (written when it stops). */
  result: 'result.sqlite',
  run: 'run.sh',
  log: 'run.log',
  exitCode: 'exit_code',
  pid: 'pid',
} as const

/** An endpoint as the server gets it: its settings, with the URL the server reaches it at; no key. */
export type RemoteEndpoint = Omit<EndpointView, 'hasKey' | 'updatedAt' | 'replicas'> & {
  replicas: { baseURL: string; maxConcurrency: number }[]
}

export interface RemoteJobFile {
  format: 1
  id: string
  kind: RemoteRunKind
  name: string
  endpoints: RemoteEndpoint[]
  run?: z.input<typeof StartRunSchema>
  evaluation?: z.input<typeof StartEvaluationSchema>
  /** The desktop that launched it (version, schema), for the log. */
  launchedBy: { version: string; schema: number }
}

/** Keys by endpoint id: the endpoint's, and each replica's by base URL. */
export type RemoteJobSecrets = Record<string, { apiKey: string; replicas: Record<string, string> }>

/** Exit codes of the command line's remote job, for the desktop's messages. */
export const REMOTE_JOB_EXIT = { failed: 1, badJob: 2, stopped: 143 } as const
