import type { ApiHandlers } from '@shared/api'
import type { studyApi } from '@shared/studyApi'
import type { LimitedAccess } from '../limitedAccess'
import type { StudyRepo } from '../../db/studyRepo'
import type { StudyService } from '../../studies/studyService'
import type { StudyJudges } from '../../studies/studyJudge'
import { studyDefaults } from '../../studies/rubrics'
import { agreementTable, exportTable, meansTable, ratingsCsv, studyResults } from '../../studies/studyResults'

type StudyHandlers = Pick<ApiHandlers, keyof typeof studyApi>

export interface StudyHandlerDeps {
  repo: StudyRepo
  service: StudyService
  judges: StudyJudges
}

/** A rater's link opens their study's rating view and nothing else; the study and their name come from the link. */
export function raterAccess(service: StudyService): LimitedAccess {
  return (token) => {
    const link = service.linkOf(token)
    if (!link) return null
    const fixed = { studyId: link.studyId, rater: link.rater }
    return { raterStudy: fixed, raterTask: fixed, saveStudyAnswer: fixed, saveStudyComment: fixed, getPreferences: {} }
  }
}

export function studyHandlers({ repo, service, judges }: StudyHandlerDeps): StudyHandlers {
  const withJudges = (view: ReturnType<StudyService['view']>) => ({ ...view, judges: judges.list(view.id) })
  return {
    studyDefaults: () => studyDefaults(),
    createStudy: (input) => service.create(input),
    listStudies: () => service.list(),
    getStudy: ({ id }) => withJudges(service.view(service.record(id))),
    deleteStudy: ({ id }) => service.remove(id),
    listStudyUnits: ({ studyId, offset, limit, answer }) => service.units(studyId, offset, limit, answer),
    addStudyRater: ({ studyId, rater }) => withJudges(service.addRater(studyId, rater)),
    createRaterLink: ({ studyId, rater }) => service.createLink(studyId, rater),
    raterStudy: ({ studyId, rater }) => service.raterStudy(studyId, rater),
    raterTask: ({ studyId, rater, unitId }) => service.raterTask(studyId, rater, unitId),
    saveStudyAnswer: (input) => service.saveAnswer(input),
    saveStudyComment: (input) => service.saveComment(input),
    studyResults: ({ id }) => studyResults(repo, service.record(id)),
    exportStudy: ({ id, what, format }) => {
      const study = service.record(id)
      if (what === 'ratings') return ratingsCsv(repo, study)
      const results = studyResults(repo, study)
      const table = what === 'means' ? meansTable(study, results) : agreementTable(study, results)
      return exportTable(table, format, `study-${study.id.slice(0, 8)}-${what}`)
    },
    startStudyJudge: (input) => judges.start(input),
    cancelStudyJudge: ({ id }) => judges.cancel(id),
  }
}
