import type { ApiHandlers } from '@shared/api'
import { SimulationConfigSchema } from '@shared/simulation'
import type { simulationApi } from '@shared/simulationApi'
import { TEMPLATE_IDS } from '@shared/templateIds'
import type { SimulationRunner } from '../../simulation/runner'

export function runHandlers(runner: SimulationRunner): Pick<ApiHandlers, keyof typeof simulationApi> {
  return {
    simulationDefaults: () =>
      SimulationConfigSchema.parse({
        client: { endpointId: '-', templateId: TEMPLATE_IDS.client },
        counselor: { endpointId: '-', templateId: TEMPLATE_IDS.counselor },
      }),
    startRun: (input) => runner.start(input),
    pauseRun: ({ id }) => runner.stop(id, 'pause'),
    resumeRun: ({ id }) => runner.resume(id),
    retryFailedDialogues: ({ id }) => runner.retryFailed(id),
    cancelRun: ({ id }) => runner.stop(id, 'cancel'),
    listRuns: () => runner.list(),
    getRun: ({ id }) => runner.summary(id),
  }
}
