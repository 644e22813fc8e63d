import { useTranslation } from 'react-i18next'
import { NameForm } from '../../../components/NameForm'

/** Asks who is annotating: votes are stored under this name, and it is remembered in this browser. */
export function AnnotatorNameForm(props: { initial: string; onName: (name: string) => void; onLeave: () => void }) {
  const { t } = useTranslation()
  return (
    <NameForm
      {...props}
      className="annotation-card annotation-name"
      text={{
        title: t('arena.annotate.welcomeTitle'),
        body: t('arena.annotate.welcomeBody'),
        label: t('arena.annotate.nameLabel'),
        hint: t('arena.annotate.nameHint'),
        required: t('arena.annotate.nameRequired'),
        start: t('arena.annotate.start'),
        leave: t('arena.annotate.leave'),
      }}
      testIds={{
        form: 'annotator-name-form',
        input: 'annotator-name',
        start: 'annotator-start',
        leave: 'annotation-leave',
      }}
    />
  )
}
