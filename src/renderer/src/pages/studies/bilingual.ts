import i18next from 'i18next'
import type { Bilingual } from '@shared/study'

/** A text of a study in the interface language, or in the other one when it was written only there. */
export function pick(text: Bilingual, language = i18next.language): string {
  return language.startsWith('zh') ? text.zh || text.en : text.en || text.zh
}

/** What goes between two sentences: a space in English, nothing after a Chinese full stop. */
export const sentenceGap = (language = i18next.language) => (language.startsWith('zh') ? '' : ' ')
