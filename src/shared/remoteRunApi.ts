import { z } from 'zod'
import { byId, method, none } from './apiMethod'
import { LaunchRemoteRunSchema, type RemoteRunView } from './remoteRun'

/** Runs next to the GPUs (spread into `api` in api.ts): launched over SSH, followed, pulled back. */
export const remoteRunApi = {
  /**
   * Checks the server (its workbench command and version), uploads what the run needs (role cards, templates, the
   * datasets an evaluation reads, endpoint settings; keys in a file only the account can read, removed once read) and
   * starts the workbench's command line there, detached.
   */
  launchRemoteRun: method(LaunchRemoteRunSchema).returns<RemoteRunView>(),
  listRemoteRuns: method(none).returns<RemoteRunView[]>(),
  getRemoteRun: method(byId).returns<RemoteRunView>(),
  /** Reads the run's progress on the server now (the workbench also follows running ones on its own). */
  refreshRemoteRun: method(byId).returns<RemoteRunView>(),
  /** Stops the run there; what it finished can still be pulled. */
  cancelRemoteRun: method(byId).returns<RemoteRunView>(),
  /**
   * Brings the result into this workspace: a simulation's run with its dataset, dialogues and call log, or an
   * evaluation with its scores; again after a resumed run replaces what came before.
   */
  pullRemoteRun: method(byId).returns<RemoteRunView>(),
  /** Starts the command line there again on the same workspace: an interrupted run goes on where it stopped. */
  resumeRemoteRun: method(byId).returns<RemoteRunView>(),
  /** Forgets the remote run here (its folder on the server stays unless `removeFromServer`). */
  deleteRemoteRun: method(z.object({ id: z.string().min(1), removeFromServer: z.boolean().default(false) })).returns<{
    deleted: boolean
  }>(),
} as const
