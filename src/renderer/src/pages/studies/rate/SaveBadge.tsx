import { useTranslation } from 'react-i18next'
import { errorMessage } from '../../../lib/errors'
import type { SaveState } from './useAnswerSaver'

/** Whether one answer (or the comment) has reached the server: saving…, saved, or not saved (retrying). */
export function SaveBadge({ state, testId }: { state: SaveState | undefined; testId?: string }) {
  const { t } = useTranslation()
  if (!state) return null
  const text =
    state.status === 'saving'
      ? t('rate.saving')
      : state.status === 'saved'
        ? t('rate.saved')
        : state.retrying
          ? t('rate.notSavedRetrying')
          : t('rate.notSaved')
  return (
    <span
      className={`rate-save rate-save-${state.status}`}
      role={state.status === 'failed' ? 'alert' : undefined}
      title={
        state.status === 'failed'
          ? t(state.retrying ? 'rate.notSavedHint' : 'rate.notSavedRetryHint', { message: errorMessage(state.error) })
          : undefined
      }
      data-testid={testId}
      data-status={state.status}
    >
      {text}
    </span>
  )
}
