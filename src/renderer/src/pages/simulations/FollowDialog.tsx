import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { DialogueDetail, Message } from '@shared/dialogue'
import { api } from '../../api/client'
import { ErrorBanner } from '../../components/ErrorBanner'
import { Modal } from '../../components/Modal'
import { useNavigate } from '../../components/Navigation'
import { StatusBadge } from '../../components/StatusBadge'
import { endReasonText } from '../../lib/dialogueText'
import { errorMessage } from '../../lib/errors'
import { useWorkbenchEvent } from '../../lib/useWorkbenchEvent'
import { TranscriptMessages } from '../datasets/transcript/TranscriptMessages'

/** One dialogue full size, growing as its messages arrive; scrolls along while the reader stays at the bottom. */
export function FollowDialog({
  dialogueId,
  datasetId,
  onClose,
}: {
  dialogueId: string
  datasetId: string
  onClose: () => void
}) {
  const { t } = useTranslation()
  const navigate = useNavigate()
  const [detail, setDetail] = useState<DialogueDetail | null>(null)
  const [messages, setMessages] = useState<Message[]>([])
  const [error, setError] = useState<unknown>(null)

  useEffect(() => {
    let live = true
    api.getDialogue({ id: dialogueId }).then(
      (result) => {
        if (!live) return
        setDetail(result)
        setMessages((streamed) => {
          const known = new Set(result.messages.map((m) => m.index))
          return [...result.messages, ...streamed.filter((m) => !known.has(m.index))]
        })
      },
      (failure) => live && setError(failure),
    )
    return () => {
      live = false
    }
  }, [dialogueId])

  useWorkbenchEvent('dialogue.message', (event) => {
    if (event.dialogueId !== dialogueId) return
    setMessages((list) => (list.some((m) => m.index === event.message.index) ? list : [...list, event.message]))
  })
  useWorkbenchEvent('dialogue.status', (event) => {
    if (event.dialogueId === dialogueId)
      setDetail((current) => (current ? { ...current, status: event.status, endReason: event.endReason } : current))
  })

  const title = detail?.title || t('live.untitled')
  return (
    <Modal
      title={t('live.followTitle', { title })}
      onClose={onClose}
      size="wide"
      testId="follow-dialog"
      footer={
        <>
          <span className="follow-status">
            {detail && <StatusBadge status={detail.status} testId="follow-status" />}
            {detail && detail.status !== 'running' && detail.endReason && (
              <span className="muted small">{endReasonText(detail.endReason)}</span>
            )}
          </span>
          <span className="spacer" />
          <button
            type="button"
            className="button"
            onClick={() => navigate('datasets', { datasetId, dialogueId })}
            data-testid="follow-open-dataset"
          >
            {t('live.openInDataset')}
          </button>
          <button type="button" className="button button-primary" onClick={onClose} data-autofocus>
            {t('common.close')}
          </button>
        </>
      }
    >
      {error != null && <ErrorBanner>{t('live.loadFailed', { message: errorMessage(error) })}</ErrorBanner>}
      <div className="follow-body">
        <TranscriptMessages messages={messages} follow resetKey={dialogueId} empty={t('live.waiting')} />
      </div>
    </Modal>
  )
}
