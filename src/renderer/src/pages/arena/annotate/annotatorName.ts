const KEY = 'simpsy.arena.annotator'

/** The name this browser last annotated under (remembered so a returning annotator goes straight on). */
export function rememberedAnnotator(): string | null {
  try {
    return window.localStorage.getItem(KEY)?.trim() || null
  } catch {
    return null
  }
}

export function rememberAnnotator(name: string | null): void {
  try {
    if (name) window.localStorage.setItem(KEY, name)
    else window.localStorage.removeItem(KEY)
  } catch {
    // Private windows may refuse storage: the name is then asked again next time.
  }
}
