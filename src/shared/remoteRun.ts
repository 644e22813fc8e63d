import { z } from 'zod'
import type { TrainingJobStatus } from './training'
import { exactlyOne } from './exactlyOne'
import { StartEvaluationSchema } from './evaluation'
import { StartRunSchema } from './simulation'

/**
 * Runs next to the GPUs: a simulation or an evaluation the workbench's own command line runs detached on an SSH
 * profile's server (beside its vLLM servers), in a workspace of its own there. The desktop follows it (progress, ETA,
 * errors) and pulls the result back with where it ran (see remoteRunApi.ts for the methods).
 */

export const REMOTE_RUN_KINDS = ['simulation', 'evaluation'] as const
export type RemoteRunKind = (typeof REMOTE_RUN_KINDS)[number]

export const LaunchRemoteRunSchema = z
  .object({
    name: z.string().trim().min(1, 'give the remote run a name').max(200),
    profileId: z.string().min(1, 'choose an SSH server'),
    /** A simulation: the same input as startRun. */
    run: StartRunSchema.optional(),
    /** An evaluation: the same input as startEvaluation (its datasets are uploaded with it). */
    evaluation: StartEvaluationSchema.optional(),
    /**
     * How the server reaches an endpoint, by endpoint id, where its address there differs from this machine's (a vLLM
     * server on the GPU machine's own localhost, a tunnel here). Endpoints not named keep their base URL.
     */
    serverURLs: z
      .record(z.string(), z.string().trim().url('enter the URL the server reaches the endpoint at'))
      .default({}),
    /** Pull the result back as soon as the run ends there (default). */
    autoPull: z.boolean().default(true),
  })
  .superRefine((input, ctx) => {
    exactlyOne(
      ctx,
      input.run,
      input.evaluation,
      input.run ? 'evaluation' : 'run',
      'give either a simulation (run) or an evaluation to launch',
    )
  })
export type LaunchRemoteRunInput = z.input<typeof LaunchRemoteRunSchema>

/** A remote run goes through the same states as a training job on a server (TRAINING_JOB_STATUSES). */
export type RemoteRunStatus = TrainingJobStatus

/** What the command line on the server last reported (progress.json there). */
export interface RemoteProgress {
  /** preparing (merging the uploaded data), running, bundling (writing the result), ended. */
  phase: 'preparing' | 'running' | 'bundling' | 'ended'
  /** The run or evaluation id in the server's workspace (the same id once pulled). */
  jobId: string | null
  done: number
  failed: number
  total: number
  /** Seconds left at the recent rate; null before there is a rate. */
  etaSeconds: number | null
  /** The job's status there (a run's or an evaluation's). */
  status: string | null
  /** The last error the job reported (an endpoint waited on, a failed dialogue). */
  lastError: string | null
  updatedAt: string
}

/** Where a pulled dataset (or evaluation) ran: kept with it and shown beside it. */
export interface RemoteProvenance {
  remoteRunId: string
  profileName: string
  /** user@host:port */
  target: string
  remoteDir: string
  /** The workbench version that ran it there. */
  remoteVersion: string | null
  startedAt: string | null
  finishedAt: string | null
  pulledAt: string
}

export interface RemoteRunView {
  id: string
  name: string
  kind: RemoteRunKind
  profileId: string
  profileName: string
  /** user@host:port */
  target: string
  status: RemoteRunStatus
  remoteDir: string
  remoteVersion: string | null
  pgid: number | null
  exitCode: number | null
  failureReason: string | null
  progress: RemoteProgress | null
  logTail: string
  autoPull: boolean
  /** Endpoint names with the URL the server used, as launched. */
  endpoints: { id: string; name: string; url: string }[]
  /** After a pull: the run or evaluation here, its dataset (a simulation's), when. */
  pulled: { id: string; datasetId: string | null; at: string } | null
  /** Why the last pull failed (null after one that worked, or before any). */
  pullError: string | null
  createdAt: string
  startedAt: string | null
  finishedAt: string | null
  checkedAt: string | null
}

/** A pull's progress (the result file coming down, then merged), as `remoteRun.pull` events. */
export interface RemotePullProgress {
  id: string
  phase: 'bundling' | 'downloading' | 'merging' | 'done'
  bytes: number
  totalBytes: number
}

/**
 * Every endpoint id a run's or an analysis's settings name (its agents', its judge's…), wherever they keep one: the
 * endpoints a remote run must take to the server.
 */
export function endpointIdsIn(value: unknown, found = new Set<string>()): string[] {
  if (Array.isArray(value)) for (const v of value) endpointIdsIn(v, found)
  else if (value && typeof value === 'object')
    for (const [key, v] of Object.entries(value)) {
      if (/endpointId$/i.test(key) && typeof v === 'string' && v) found.add(v)
      else endpointIdsIn(v, found)
    }
  return [...found]
}
