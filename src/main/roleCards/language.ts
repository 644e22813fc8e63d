import type { Language } from '@shared/roleCard'

const HAN = /\p{Script=Han}/gu
const LATIN_LETTER = /[A-Za-z]/g

/**
 * 'zh' when Chinese characters make up at least a fifth of the letters, else 'en'.
 * One Chinese character carries about as much as a short English word, so a text that is mostly Chinese with
 * some English terms still counts as Chinese, while an English text quoting a Chinese name does not.
 */
export function detectLanguage(text: string): Language {
  const han = text.match(HAN)?.length ?? 0
  if (han === 0) return 'en'
  const latin = text.match(LATIN_LETTER)?.length ?? 0
  return han / (han + latin) >= 0.2 ? 'zh' : 'en'
}

export function containsHan(text: string): boolean {
  return /\p{Script=Han}/u.test(text)
}
