import { useTranslation } from 'react-i18next'

export function TrainingPage() {
  const { t } = useTranslation()
  return <h1>{t('training.title')}</h1>
}
