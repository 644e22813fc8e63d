import { useTranslation } from 'react-i18next'
import type { RaterStudyView } from '@shared/study'
import { Modal } from '../../../components/Modal'
import { formatNumber } from '../../../lib/format'
import { inLanguage } from './rateLogic'

/** The study's guidelines in the interface language (the other one when this one is empty). */
export function GuidelinesText({ study }: { study: RaterStudyView }) {
  const { t, i18n } = useTranslation()
  const text = inLanguage(study.guidelines, i18n.language)
  return (
    <div className="rate-guidelines-text selectable" data-testid="rate-guidelines-text">
      {text || <span className="muted">{t('rate.noGuidelines')}</span>}
    </div>
  )
}

/** The keys, as a list (guidelines dialog and intro). */
function KeysList({ study }: { study: RaterStudyView }) {
  const { t } = useTranslation()
  const rows =
    study.design === 'rubric'
      ? (['keyDigits', 'keyStep', 'keyMove', 'keyEnter', 'keyClear', 'keyGuidelines'] as const)
      : (['keyChoices', 'keyMove', 'keyEnter', 'keyClear', 'keyGuidelines'] as const)
  return (
    <ul className="rate-keys-list">
      {rows.map((row) => (
        <li key={row}>{t(`rate.${row}`)}</li>
      ))}
    </ul>
  )
}

/** The guidelines at any time (the Guidelines button, G or ?). */
export function GuidelinesDialog({ study, onClose }: { study: RaterStudyView; onClose: () => void }) {
  const { t } = useTranslation()
  return (
    <Modal
      title={t('rate.guidelinesTitle')}
      onClose={onClose}
      size="large"
      testId="rate-guidelines"
      footer={
        <button type="button" className="button button-primary" onClick={onClose} data-autofocus>
          {t('rate.backToRating')}
        </button>
      }
    >
      <GuidelinesText study={study} />
      <h3 className="rate-keys-title">{t('rate.keysTitle')}</h3>
      <KeysList study={study} />
    </Modal>
  )
}

/** Before the first answer: what the study asks, the guidelines, and Start. */
export function IntroCard({ study, onStart }: { study: RaterStudyView; onStart: () => void }) {
  const { t } = useTranslation()
  const per = study.design === 'rubric' ? study.items.length : study.aspects.length
  return (
    <div className="rate-card rate-intro" data-testid="rate-intro">
      <h2>{t('rate.introTitle')}</h2>
      <p className="muted">
        {t(study.design === 'rubric' ? 'rate.introRubric' : 'rate.introPairwise', {
          count: study.total,
          formatted: formatNumber(study.total),
          per,
        })}
      </p>
      <h3>{t('rate.guidelinesTitle')}</h3>
      <GuidelinesText study={study} />
      <h3 className="rate-keys-title">{t('rate.keysTitle')}</h3>
      <KeysList study={study} />
      <div className="button-row">
        <button type="button" className="button button-primary" onClick={onStart} autoFocus data-testid="rate-start">
          {t('rate.start')}
        </button>
      </div>
    </div>
  )
}

/** Every dialogue answered. */
export function DoneCard({
  study,
  unsaved,
  onReview,
}: {
  study: RaterStudyView
  unsaved: number
  onReview: () => void
}) {
  const { t } = useTranslation()
  return (
    <div className="rate-card rate-done" role="status" data-testid="rate-done">
      <h2>{t('rate.doneTitle')}</h2>
      <p>{t('rate.doneBody', { count: study.tasks.length, formatted: formatNumber(study.tasks.length) })}</p>
      {unsaved > 0 && (
        <p className="banner banner-warning" data-testid="rate-done-unsaved">
          {t('rate.doneUnsaved', { count: unsaved })}
        </p>
      )}
      <div className="button-row">
        <button type="button" className="button" onClick={onReview} data-testid="rate-review">
          {t('rate.review')}
        </button>
      </div>
    </div>
  )
}
