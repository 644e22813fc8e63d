import type { ApiHandlers } from '@shared/api'
import type { studyApi } from '@shared/studyApi'
import { WorkbenchError } from '@shared/errors'

type StudyHandlers = Pick<ApiHandlers, keyof typeof studyApi>

/** Placeholder until the study service lands. */
export function studyHandlers(): StudyHandlers {
  const missing = (): never => {
    throw new WorkbenchError('invalid_input', 'Rating studies are not available yet.')
  }
  return {
    studyDefaults: missing,
    createStudy: missing,
    listStudies: () => [],
    getStudy: missing,
    deleteStudy: missing,
    listStudyUnits: missing,
    addStudyRater: missing,
    createRaterLink: missing,
    raterStudy: missing,
    raterTask: missing,
    saveStudyAnswer: missing,
    saveStudyComment: missing,
    studyResults: missing,
    exportStudy: missing,
    startStudyJudge: missing,
    cancelStudyJudge: missing,
  }
}
