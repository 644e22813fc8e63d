import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { EvaluationVocabulary } from '@shared/evaluation'
import { api } from '../../../api/client'

let cached: Promise<EvaluationVocabulary> | null = null

/** Topic and WAI item labels in the interface language (ids until they have loaded). */
export function useVocabulary() {
  const { i18n } = useTranslation()
  const [vocabulary, setVocabulary] = useState<EvaluationVocabulary | null>(null)
  useEffect(() => {
    cached ??= api.evaluationVocabulary({})
    void cached.then(setVocabulary, () => (cached = null))
  }, [])
  const lang = i18n.language.startsWith('zh') ? 'zh' : 'en'
  return {
    topicLabel: (id: string) => vocabulary?.topics.find((t) => t.id === id)?.[lang] ?? id,
    itemText: (n: number) => vocabulary?.waiItems.find((w) => w.number === n)?.[lang] ?? null,
  }
}
