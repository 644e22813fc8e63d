import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { Dataset } from '@shared/dialogue'
import { api } from '../../api/client'
import { DialogFooter } from '../../components/dialog/DialogFooter'
import { useDialogSubmit } from '../../components/dialog/useDialogSubmit'
import { ErrorBanner } from '../../components/ErrorBanner'
import { Field } from '../../components/Field'
import { Modal } from '../../components/Modal'
import { useToast } from '../../components/Toasts'

/** Name and description of a dataset. */
export function DatasetRenameDialog({
  dataset,
  onClose,
  onRenamed,
}: {
  dataset: Dataset
  onClose: () => void
  onRenamed: (dataset: Dataset) => void
}) {
  const { t } = useTranslation()
  const toast = useToast()
  const [name, setName] = useState(dataset.name)
  const [description, setDescription] = useState(dataset.description)
  const { busy, error, submit } = useDialogSubmit()
  const empty = name.trim() === ''
  const unchanged = name === dataset.name && description === dataset.description

  const save = () =>
    submit(async () => {
      const renamed = await api.renameDataset({ id: dataset.id, name: name.trim(), description })
      toast({ kind: 'success', message: t('datasets.renamedToast') })
      onRenamed(renamed)
      onClose()
    })

  return (
    <Modal
      title={t('datasets.renameTitle')}
      onClose={onClose}
      size="medium"
      testId="dataset-rename-dialog"
      footer={
        <DialogFooter
          onCancel={onClose}
          confirmLabel={busy ? t('editor.saving') : t('common.save')}
          onConfirm={() => void save()}
          confirmDisabled={busy || empty || unchanged}
          confirmTitle={empty ? t('datasets.nameEmptyReason') : unchanged ? t('editor.noChangesReason') : undefined}
          confirmTestId="dataset-rename-save"
        />
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
          {(control) => (
            <textarea
              {...control}
              rows={4}
              value={description}
              maxLength={5000}
              onChange={(event) => setDescription(event.target.value)}
              data-testid="dataset-rename-description"
            />
          )}
        </Field>
      </div>
    </Modal>
  )
}
