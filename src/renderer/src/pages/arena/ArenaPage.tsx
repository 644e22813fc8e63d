import { useTranslation } from 'react-i18next'

export function ArenaPage() {
  const { t } = useTranslation()
  return <h1>{t('arena.title')}</h1>
}
