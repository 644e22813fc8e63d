import type { Db } from '../../db/connection'
import type { DialogueRepo } from '../../db/dialogueRepo'
import type { EventBus } from '../../events'
import type { EndpointService } from '../../llm/endpointService'
import type { SecretBox } from '../../secrets/secretBox'
import { jobFollower } from './jobFollower'
import { trainingJobRepo } from '../../db/trainingJobRepo'
import { remoteRunRepo } from '../../db/remoteRunRepo'
import { jobService, type JobServiceDeps } from './jobService'
import { sshProfileRepo } from '../../db/sshProfileRepo'
import { profileService } from './profileService'
import { sshPool } from './sshPool'
import type { PathPolicy } from '../../pathPolicy'

export interface TrainingOptions {
  /** How often running jobs are read on their server, in ms (default 5000). */
  pollMs?: number
  /** Between SIGTERM and SIGKILL when a job is cancelled, in ms (default 10000). */
  cancelGraceMs?: number
  /** The SSH agent's socket for profiles that use the agent (default: $SSH_AUTH_SOCK). */
  agentSocket?: string
  /** Read running jobs in the background, resuming those of earlier sessions (default true). */
  follow?: boolean
}

export interface TrainingServiceDeps {
  db: Db
  secrets: SecretBox
  dialogues: DialogueRepo
  /** Arena verdicts as preference pairs, for jobs launched on them. */
  preferences: JobServiceDeps['preferences']
  endpoints: EndpointService
  events: EventBus
  /** Which key files a browser in serve mode may name. */
  paths: PathPolicy
  options?: TrainingOptions
}

/** Remote training: SSH profiles, jobs on their servers, and the follower that keeps the jobs current. */
export function trainingService(deps: TrainingServiceDeps) {
  const options = deps.options ?? {}
  const pollMs = options.pollMs ?? 5000
  const profiles = sshProfileRepo(deps.db, deps.secrets)
  const jobs = trainingJobRepo(deps.db)
  const pool = sshPool({ idleMs: Math.max(30000, pollMs * 3) })
  const agentSocket = options.agentSocket ?? process.env.SSH_AUTH_SOCK
  const ctx = {
    profiles,
    jobs,
    remoteRuns: remoteRunRepo(deps.db),
    pool,
    target: (profileId: string) => profiles.target(profileId, agentSocket),
  }
  const jobsApi = jobService({
    ...ctx,
    dialogues: deps.dialogues,
    preferences: deps.preferences,
    endpoints: deps.endpoints,
    emit: (view) => deps.events.emit('training.job', view),
    endpointsChanged: () => deps.events.emit('endpoints.changed', {}),
    cancelGraceMs: options.cancelGraceMs ?? 10000,
  })
  const follower = jobFollower({ intervalMs: pollMs, running: jobsApi.running, refresh: jobsApi.refresh })
  jobsApi.settleInterruptedUploads(10 * 60 * 1000)
  if (options.follow !== false) follower.start()

  return {
    /** The SSH profiles and the shared connections, for remote runs. */
    ssh: ctx,
    profiles: profileService(ctx, deps.paths),
    jobs: jobsApi,
    /** Stops following (jobs keep running on their servers) and closes the SSH connections. */
    async close() {
      await follower.stop()
      pool.closeAll()
    },
  }
}
export type TrainingService = ReturnType<typeof trainingService>
