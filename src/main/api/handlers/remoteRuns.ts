import type { ApiHandlers } from '@shared/api'
import type { remoteRunApi } from '@shared/remoteRunApi'
import type { RemoteRunService } from '../../remoteRuns/remoteRunService'

export function remoteRunHandlers(remote: RemoteRunService): Pick<ApiHandlers, keyof typeof remoteRunApi> {
  return {
    launchRemoteRun: (input) => remote.launch(input),
    listRemoteRuns: () => remote.list(),
    getRemoteRun: ({ id }) => remote.get(id),
    refreshRemoteRun: ({ id }) => remote.refresh(id),
    cancelRemoteRun: ({ id }) => remote.cancel(id),
    pullRemoteRun: ({ id }) => remote.pull(id),
    resumeRemoteRun: ({ id }) => remote.resume(id),
    deleteRemoteRun: ({ id, removeFromServer }) => remote.delete(id, removeFromServer),
  }
}
