import type { ApiHandlers } from '@shared/api'
import type { arenaApi } from '@shared/arenaApi'
import { WorkbenchError } from '@shared/errors'

type ArenaHandlers = Pick<ApiHandlers, keyof typeof arenaApi>

const pending = () => {
  throw new WorkbenchError('internal', 'The arena is being built.')
}

export function arenaHandlers(): ArenaHandlers {
  return {
    arenaDefaults: pending,
    startArena: pending,
    listArenas: () => [],
    getArena: pending,
    pauseArena: pending,
    resumeArena: pending,
    cancelArena: pending,
    deleteArena: pending,
    listArenaDialogues: pending,
    getArenaDialogue: pending,
    nextAnnotation: pending,
    submitVote: pending,
    listAnnotators: pending,
    createAnnotatorLink: pending,
    arenaReport: pending,
    exportArenaReport: pending,
    arenaAgreement: pending,
  }
}
