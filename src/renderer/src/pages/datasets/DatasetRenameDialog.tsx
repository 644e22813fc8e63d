import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { Dataset } from '@shared/dialogue'
import { api } from '../../api/client'
import { ErrorBanner } from '../../components/ErrorBanner'
import { Field } from '../../components/Field'
import { Modal } from '../../components/Modal'
import { useToast } from '../../components/Toasts'
import { errorMessage } from '../../lib/errors'

/** Name and description of a dataset. */
export function DatasetRenameDialog({ dataset, onClose, onRenamed }: { dataset: Dataset; onClose: () => void; onRenamed: (dataset: Dataset) => void }) {
  const { t } = useTranslation()
  const toast = useToast()
  const [name, setName] = useState(dataset.name)
  const [description, setDescription] = useState(dataset.description)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const empty = name.trim() === ''
  const unchanged = name === dataset.name && description === dataset.description

  const save = async () => {
    setBusy(true)
    setError(null)
    try {
      const renamed = await api.renameDataset({ id: dataset.id, name: name.trim(), description })
      toast({ kind: 'success', message: t('datasets.renamedToast') })
      onRenamed(renamed)
      onClose()
    } catch (failure) {
      setError(t('common.unknownError', { message: errorMessage(failure) }))
      setBusy(false)
    }
  }

  return (
    <Modal
      title={t('datasets.renameTitle')}
      onClose={onClose}
      size="medium"
      testId="dataset-rename-dialog"
      footer={
        <>
          <button type="button" className="button" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <button
            type="button"
            className="button button-primary"
            onClick={() => void save()}
            disabled={busy || empty || unchanged}
            title={empty ? t('datasets.nameEmptyReason') : unchanged ? t('editor.noChangesReason') : undefined}
            data-testid="dataset-rename-save"
          >
            {busy ? t('editor.saving') : t('common.save')}
          </button>
        </>
      }
    >
      {error && <ErrorBanner>{error}</ErrorBanner>}
      <div className="import-options">
        <Field label={t('datasets.name')} error={empty ? t('validation.notEmpty') : undefined}>
          {(control) => (
            <input
              {...control}
              type="text"
              value={name}
              maxLength={200}
              onChange={(event) => setName(event.target.value)}
              onKeyDown={(event) => event.key === 'Enter' && !empty && !unchanged && void save()}
              data-autofocus
              data-testid="dataset-rename-name"
            />
          )}
        </Field>
        <Field label={t('datasets.description')} hint={t('datasets.descriptionHint')}>
          {(control) => <textarea {...control} rows={4} value={description} maxLength={5000} onChange={(event) => setDescription(event.target.value)} data-testid="dataset-rename-description" />}
        </Field>
      </div>
    </Modal>
  )
}
