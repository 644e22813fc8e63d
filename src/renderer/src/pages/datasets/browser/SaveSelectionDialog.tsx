import { useEffect, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { Dataset, DialogueQuery } from '@shared/dialogue'
import { api } from '../../../api/client'
import { ErrorBanner } from '../../../components/ErrorBanner'
import { Field } from '../../../components/Field'
import { Modal } from '../../../components/Modal'
import { useNavigate } from '../../../components/Navigation'
import { errorMessage } from '../../../lib/errors'
import { formatNumber } from '../../../lib/format'

interface SaveSelectionDialogProps {
  dataset: Dataset
  /** The browser's current query (its filters and sort: the copies keep that order). */
  query: Omit<DialogueQuery, 'limit' | 'offset'>
  count: number | null
  onClose: () => void
  onOpen: (saved: Dataset) => void
  onExport: (saved: Dataset) => void
}

/**
 * Names a new dataset of copies of the dialogues the filters select (Enter saves, Esc cancels), then offers what to
 * do with it: open, export, analyse.
 */
export function SaveSelectionDialog({ dataset, query, count, onClose, onOpen, onExport }: SaveSelectionDialogProps) {
  const { t, i18n } = useTranslation()
  const navigate = useNavigate()
  const [name, setName] = useState(() => t('browser.saveSelectionDefaultName', { name: dataset.name }))
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const [saved, setSaved] = useState<Dataset | null>(null)
  const empty = name.trim() === ''
  // The form gives way to the next steps in the same dialog: the focus moves to the first of them.
  const openRef = useRef<HTMLButtonElement>(null)
  useEffect(() => {
    if (saved) openRef.current?.focus()
  }, [saved])

  const save = async () => {
    if (busy || empty) return
    setBusy(true)
    setError(null)
    try {
      const created = await api.createDatasetFromSelection({
        query,
        name: name.trim(),
        language: i18n.language === 'zh' ? 'zh' : 'en',
      })
      setSaved(created)
    } catch (failure) {
      setError(t('browser.saveSelectionFailed', { message: errorMessage(failure) }))
    } finally {
      setBusy(false)
    }
  }

  if (saved)
    return (
      <Modal
        title={t('browser.saveSelectionTitle')}
        onClose={onClose}
        size="medium"
        testId="save-selection-dialog"
        footer={
          <button type="button" className="button" onClick={onClose} data-testid="save-selection-close">
            {t('common.close')}
          </button>
        }
      >
        <p data-testid="save-selection-done" data-dataset-id={saved.id}>
          {t('browser.saveSelectionDone', {
            count: saved.dialogueCount,
            formatted: formatNumber(saved.dialogueCount),
            name: saved.name,
          })}
        </p>
        <p className="muted">{t('browser.saveSelectionNext')}</p>
        <div className="button-row">
          <button
            type="button"
            className="button button-primary"
            onClick={() => onOpen(saved)}
            ref={openRef}
            data-testid="save-selection-open"
          >
            {t('browser.saveSelectionOpen')}
          </button>
          <button type="button" className="button" onClick={() => onExport(saved)} data-testid="save-selection-export">
            {t('browser.saveSelectionExport')}
          </button>
          <button
            type="button"
            className="button"
            onClick={() => navigate('evaluation')}
            data-testid="save-selection-analyse"
          >
            {t('browser.saveSelectionAnalyse')}
          </button>
        </div>
      </Modal>
    )

  return (
    <Modal
      title={t('browser.saveSelectionTitle')}
      onClose={onClose}
      size="medium"
      testId="save-selection-dialog"
      footer={
        <>
          <button type="button" className="button" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <button
            type="button"
            className="button button-primary"
            onClick={() => void save()}
            disabled={busy || empty}
            title={empty ? t('datasets.nameEmptyReason') : undefined}
            data-testid="save-selection-save"
          >
            {busy ? t('browser.saveSelectionSaving') : t('browser.saveSelectionSave')}
          </button>
        </>
      }
    >
      {error && <ErrorBanner testId="save-selection-error">{error}</ErrorBanner>}
      {count !== null && <p>{t('browser.saveSelectionBody', { count, formatted: formatNumber(count) })}</p>}
      <Field label={t('browser.saveSelectionName')} error={empty ? t('validation.notEmpty') : undefined}>
        {(control) => (
          <input
            {...control}
            type="text"
            value={name}
            maxLength={200}
            onChange={(event) => setName(event.target.value)}
            onKeyDown={(event) => {
              if (event.key !== 'Enter' || event.nativeEvent.isComposing) return
              event.preventDefault()
              void save()
            }}
            data-autofocus
            data-testid="save-selection-name"
          />
        )}
      </Field>
    </Modal>
  )
}
