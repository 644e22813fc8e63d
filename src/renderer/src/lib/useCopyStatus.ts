import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { copyText } from './clipboard'
import { errorMessage } from './errors'

/** Copies text to the clipboard and keeps what happened ("Copied", or why not) for a status line beside the button. */
export function useCopyStatus(): { status: string | null; copy: (text: string) => Promise<void>; clear: () => void } {
  const { t } = useTranslation()
  const [status, setStatus] = useState<string | null>(null)
  const copy = async (text: string) => {
    try {
      await copyText(text)
      setStatus(t('common.copied'))
    } catch (error) {
      setStatus(t('importDialog.copyFailed', { message: errorMessage(error) }))
    }
  }
  return { status, copy, clear: () => setStatus(null) }
}
