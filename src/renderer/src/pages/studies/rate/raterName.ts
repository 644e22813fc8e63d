const key = (studyId: string) => `simpsy.study.rater.${studyId}`

/** The name this browser last rated a study under (so a returning rater goes straight on). */
export function rememberedRater(studyId: string): string | null {
  try {
    return window.localStorage.getItem(key(studyId))?.trim() || null
  } catch {
    return null
  }
}

export function rememberRater(studyId: string, name: string | null): void {
  try {
    if (name) window.localStorage.setItem(key(studyId), name)
    else window.localStorage.removeItem(key(studyId))
  } catch {
    // Private windows may refuse storage: the name is then asked again next time.
  }
}
