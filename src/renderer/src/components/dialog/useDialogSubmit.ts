import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { errorMessage } from '../../lib/errors'

/**
 * The busy flag and error message of a dialog's one action. While the action runs the
 * dialog stays busy: on success it is expected to close; a failure shows its message.
 */
export function useDialogSubmit() {
  const { t } = useTranslation()
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)

  const fail = (message: string) => {
    setError(message)
    setBusy(false)
  }

  const submit = async (action: () => Promise<void>) => {
    setBusy(true)
    setError(null)
    try {
      await action()
    } catch (failure) {
      fail(t('common.unknownError', { message: errorMessage(failure) }))
    }
  }

  return { busy, error, submit, fail }
}
