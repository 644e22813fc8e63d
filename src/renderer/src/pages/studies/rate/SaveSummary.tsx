import { useTranslation } from 'react-i18next'
import type { AnswerSaver } from './useAnswerSaver'

/** Whether every answer of this session has reached the server; failed ones can be sent again at once. */
export function SaveSummary({ saver }: { saver: AnswerSaver }) {
  const { t } = useTranslation()
  const status = saver.failed > 0 ? 'failed' : saver.unsaved > 0 ? 'saving' : 'saved'
  const touched = Object.keys(saver.states).length > 0
  if (!touched) return null
  return (
    <span className={`rate-save-summary rate-save-${status}`} data-testid="rate-save-status" data-status={status}>
      <span role={status === 'failed' ? 'alert' : 'status'}>
        {status === 'failed'
          ? t('rate.notSavedCount', { count: saver.failed })
          : status === 'saving'
            ? t('rate.saving')
            : t('rate.allSaved')}
      </span>
      {status === 'failed' && (
        <button type="button" className="button button-small" onClick={saver.retryFailed} data-testid="rate-retry">
          {t('rate.retryNow')}
        </button>
      )}
    </span>
  )
}
