import type { StudyFormErrors, StudyFormState } from './studyFormState'

/** What each section of the new-study form works with. */
export interface StudyFormBinding {
  state: StudyFormState
  errors: StudyFormErrors
  update: (change: (current: StudyFormState) => StudyFormState) => void
}
