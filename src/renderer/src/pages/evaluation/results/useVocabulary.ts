import { useTranslation } from 'react-i18next'
import { api } from '../../../api/client'
import { sharedLoader } from '../../../lib/sharedLoader'

const useVocabularyValue = sharedLoader(() => api.evaluationVocabulary({}))

/** Topic and WAI item labels in the interface language (ids until they have loaded). */
export function useVocabulary() {
  const { i18n } = useTranslation()
  const vocabulary = useVocabularyValue().value
  const lang = i18n.language.startsWith('zh') ? 'zh' : 'en'
  return {
    topicLabel: (id: string) => vocabulary?.topics.find((t) => t.id === id)?.[lang] ?? id,
    itemText: (n: number) => vocabulary?.waiItems.find((w) => w.number === n)?.[lang] ?? null,
  }
}
