import { byId, method, none } from './apiMethod'
import { StartRunSchema, type RunSummary, type SimulationConfig } from './simulation'

/** The simulation-run part of the API contract (spread into `api` in api.ts). */
export const simulationApi = {
  /** The paper's settings, for a new run form (endpoints left for the user to choose). */
  simulationDefaults: method(none).returns<SimulationConfig>(),
  startRun: method(StartRunSchema).returns<RunSummary>(),
  pauseRun: method(byId).returns<RunSummary>(),
  resumeRun: method(byId).returns<RunSummary>(),
  /**
   * Failed dialogues go back in line and continue from their last stored message (a paused or finished run runs again).
   */
  retryFailedDialogues: method(byId).returns<RunSummary>(),
  cancelRun: method(byId).returns<RunSummary>(),
  listRuns: method(none).returns<RunSummary[]>(),
  getRun: method(byId).returns<RunSummary>(),
} as const
