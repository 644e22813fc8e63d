import { useTranslation } from 'react-i18next'
import { NameForm } from '../../../components/NameForm'

/** Who is rating (desktop, opened without a name): answers are stored under this name, a rater of the study. */
export function RaterNameForm(props: { initial: string; onName: (name: string) => void; onLeave: () => void }) {
  const { t } = useTranslation()
  return (
    <NameForm
      {...props}
      className="rate-card rate-name"
      text={{
        title: t('rate.nameTitle'),
        body: t('rate.nameBody'),
        label: t('rate.nameLabel'),
        hint: t('rate.nameHint'),
        required: t('rate.nameRequired'),
        start: t('rate.nameStart'),
        leave: t('rate.leave'),
      }}
      testIds={{ form: 'rate-name-form', input: 'rate-name', start: 'rate-name-start', leave: 'rate-leave' }}
    />
  )
}
