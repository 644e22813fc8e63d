import { MAGNET_SPECIALISTS, type MagnetSpecialist } from '@shared/counselors/magnet'
import type { Language } from '@shared/roleCard'
import { matchKey } from '../cbtPlan'

/** The five specialists as the prompts name them (the composer's draft labels, the technique agent's answer). */
export const SPECIALIST_NAMES: Record<Language, Record<MagnetSpecialist, string>> = {
  en: {
    reflection: 'Reflection',
    questioning: 'Questioning',
    solutions: 'Solutions',
    normalization: 'Normalization',
    psychoeducation: 'Psycho-education',
  },
  zh: {
    reflection: '反映',
    questioning: '提问',
    solutions: '提供解决方案',
    normalization: '正常化',
    psychoeducation: '心理教育',
  },
}

/** Other ways an answer names them (either language, spelling variants), matched like the names. */
const ALIASES: Record<MagnetSpecialist, string[]> = {
  reflection: ['reflect', '反映', '情感反映'],
  questioning: ['question', '提问', '询问', '问题探索'],
  solutions: ['solution', '解决方案', '解决办法'],
  normalization: ['normaliz', 'normalis', '正常化', '常态化'],
  psychoeducation: ['psychoeducation', 'education', '心理教育', '心理健康教育', '心理知识'],
}

const CHOICE_LINE = /^\s*[*#>\-\s]*(?:chosen\s*|selected\s*)?(?:techniques?|方式|技术|所选技术|所选方式)[*\s]*[:：]/im

/**
 * Which specialists the technique agent chose: the names on its "Techniques:" line (else anywhere in the answer), in
 * the specialists' order; empty when it names none.
 */
export function parseSpecialists(answer: string): MagnetSpecialist[] {
  const line = CHOICE_LINE.exec(answer)
  const named = (text: string) => {
    const key = matchKey(text)
    return MAGNET_SPECIALISTS.filter((s) =>
      [SPECIALIST_NAMES.en[s], SPECIALIST_NAMES.zh[s], ...ALIASES[s]].some((name) => key.includes(matchKey(name))),
    )
  }
  const onLine = line ? named(answer.slice(line.index).split('\n')[0]) : []
  return onLine.length > 0 ? onLine : named(answer)
}

/** The release's clean-up of a draft: the text after the last "Counselor:" (咨询师：), no line breaks, no quotes. */
export function cleanDraft(text: string): string {
  const labels = [...text.matchAll(/(?:counsell?or|咨询师)\s*[:：]/gi)]
  const last = labels[labels.length - 1]
  const after = last ? text.slice(last.index + last[0].length) : text
  return after
    .replace(/["“”「」]/g, '')
    .replace(/\s*\n\s*/g, ' ')
    .trim()
}
