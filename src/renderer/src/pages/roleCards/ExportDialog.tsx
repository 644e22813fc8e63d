import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { ROLE_CARD_EXPORT_FORMATS, type RoleCardExportFormat, type RoleCardQuery } from '@shared/roleCard'
import { api } from '../../api/client'
import { DialogFooter } from '../../components/dialog/DialogFooter'
import { useDialogSubmit } from '../../components/dialog/useDialogSubmit'
import { ErrorBanner } from '../../components/ErrorBanner'
import { Modal } from '../../components/Modal'
import { useToast } from '../../components/Toasts'
import { downloadFile } from '../../lib/download'

interface ExportDialogProps {
  selectedIds: string[]
  query: RoleCardQuery
  matchingCount: number
  onClose: () => void
}

type Scope = 'selected' | 'filtered'

export function ExportDialog({ selectedIds, query, matchingCount, onClose }: ExportDialogProps) {
  const { t } = useTranslation()
  const toast = useToast()
  const [format, setFormat] = useState<RoleCardExportFormat>('json')
  const [scope, setScope] = useState<Scope>(selectedIds.length > 1 ? 'selected' : 'filtered')
  const { busy, error, submit } = useDialogSubmit()
  const count = scope === 'selected' ? selectedIds.length : matchingCount

  const run = () =>
    submit(async () => {
      const file = await api.exportRoleCards(scope === 'selected' ? { format, ids: selectedIds } : { format, query })
      downloadFile(file)
      toast({ kind: 'success', message: t('exportDialog.doneToast', { count: file.count, file: file.fileName }) })
      onClose()
    })

  return (
    <Modal
      title={t('exportDialog.title')}
      onClose={onClose}
      size="small"
      testId="export-dialog"
      footer={
        <DialogFooter
          onCancel={onClose}
          confirmLabel={busy ? t('exportDialog.exporting') : t('exportDialog.export')}
          onConfirm={() => void run()}
          confirmDisabled={busy || count === 0}
          confirmTitle={count === 0 ? t('exportDialog.nothingReason') : undefined}
          confirmTestId="export-confirm"
        />
      }
    >
      {error && <ErrorBanner>{error}</ErrorBanner>}
      <fieldset className="radio-group">
        <legend>{t('exportDialog.format')}</legend>
        {ROLE_CARD_EXPORT_FORMATS.map((option, index) => (
          <label key={option} className="radio">
            <input
              type="radio"
              name="export-format"
              value={option}
              checked={format === option}
              onChange={() => setFormat(option)}
              data-autofocus={index === 0 ? true : undefined}
              data-testid={`export-format-${option}`}
            />
            {t(`exportDialog.formats.${option}`)}
          </label>
        ))}
      </fieldset>
      <fieldset className="radio-group">
        <legend>{t('exportDialog.scope')}</legend>
        <label className="radio">
          <input
            type="radio"
            name="export-scope"
            checked={scope === 'selected'}
            disabled={selectedIds.length === 0}
            onChange={() => setScope('selected')}
            data-testid="export-scope-selected"
          />
          <span title={selectedIds.length === 0 ? t('roleCards.noSelectionReason') : undefined}>
            {t('exportDialog.scopeSelected', { count: selectedIds.length })}
          </span>
        </label>
        <label className="radio">
          <input
            type="radio"
            name="export-scope"
            checked={scope === 'filtered'}
            onChange={() => setScope('filtered')}
            data-testid="export-scope-filtered"
          />
          {t('exportDialog.scopeFiltered', { count: matchingCount })}
        </label>
      </fieldset>
    </Modal>
  )
}
