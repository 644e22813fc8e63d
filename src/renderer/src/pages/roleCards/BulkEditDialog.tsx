import { useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { api } from '../../api/client'
import { useDialogSubmit } from '../../components/dialog/useDialogSubmit'
import { ErrorBanner } from '../../components/ErrorBanner'
import { Field } from '../../components/Field'
import { Modal } from '../../components/Modal'
import { useToast } from '../../components/Toasts'
import { formatNumber } from '../../lib/format'

interface BulkEditDialogProps {
  ids: string[]
  pools: string[]
  tags: string[]
  onClose: () => void
  onEdited: () => void
}

/** "a, b，c" → ["a", "b", "c"] (ASCII or full-width commas, as in the card editor's tag field). */
const tagList = (text: string) => [
  ...new Set(
    text
      .split(/[,，]/)
      .map((tag) => tag.trim())
      .filter(Boolean),
  ),
]

/** Tags added and removed and the pool set on the selected cards at once (Enter applies, Escape cancels). */
export function BulkEditDialog({ ids, pools, tags, onClose, onEdited }: BulkEditDialogProps) {
  const { t } = useTranslation()
  const toast = useToast()
  const [add, setAdd] = useState('')
  const [remove, setRemove] = useState('')
  const [setPool, setSetPool] = useState(false)
  const [pool, setPoolValue] = useState('')
  const { busy, error, submit } = useDialogSubmit()
  const addTags = tagList(add)
  const removeTags = tagList(remove)
  const nothing = addTags.length === 0 && removeTags.length === 0 && !setPool
  const count = ids.length

  const apply = (event?: FormEvent) => {
    event?.preventDefault()
    if (nothing || busy) return
    void submit(async () => {
      const result = await api.editRoleCards({ ids, addTags, removeTags, ...(setPool && { pool: pool.trim() }) })
      toast({
        kind: 'success',
        message: t('bulkEdit.doneToast', { count: result.changed, formatted: formatNumber(result.changed) }),
      })
      onEdited()
      onClose()
    })
  }

  const changes = [
    addTags.length > 0 && t('bulkEdit.summaryAdd', { tags: addTags.join(', ') }),
    removeTags.length > 0 && t('bulkEdit.summaryRemove', { tags: removeTags.join(', ') }),
    setPool && (pool.trim() ? t('bulkEdit.summaryPool', { pool: pool.trim() }) : t('bulkEdit.summaryClearPool')),
  ].filter(Boolean)

  return (
    <Modal
      title={t('bulkEdit.title', { count, formatted: formatNumber(count) })}
      onClose={onClose}
      size="small"
      testId="bulk-edit-dialog"
      footer={
        <>
          <button type="button" className="button" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <button
            type="submit"
            form="bulk-edit-form"
            className="button button-primary"
            disabled={nothing || busy}
            title={nothing ? t('bulkEdit.nothingReason') : undefined}
            data-testid="bulk-edit-apply"
          >
            {busy ? t('common.working') : t('bulkEdit.apply', { count, formatted: formatNumber(count) })}
          </button>
        </>
      }
    >
      {error && <ErrorBanner>{error}</ErrorBanner>}
      <form id="bulk-edit-form" className="bulk-edit-form" onSubmit={apply}>
        <Field label={t('bulkEdit.addTags')} hint={t('bulkEdit.tagsHint')}>
          {(control) => (
            <input
              {...control}
              type="text"
              value={add}
              list="bulk-edit-tags"
              onChange={(event) => setAdd(event.target.value)}
              data-autofocus
              data-testid="bulk-edit-add"
            />
          )}
        </Field>
        <Field label={t('bulkEdit.removeTags')} hint={t('bulkEdit.tagsHint')}>
          {(control) => (
            <input
              {...control}
              type="text"
              value={remove}
              list="bulk-edit-tags"
              onChange={(event) => setRemove(event.target.value)}
              data-testid="bulk-edit-remove"
            />
          )}
        </Field>
        <datalist id="bulk-edit-tags">
          {tags.map((tag) => (
            <option key={tag} value={tag} />
          ))}
        </datalist>
        <label className="check-field">
          <input
            type="checkbox"
            checked={setPool}
            onChange={(event) => setSetPool(event.target.checked)}
            data-testid="bulk-edit-set-pool"
          />
          {t('bulkEdit.setPool')}
        </label>
        {setPool && (
          <Field label={t('bulkEdit.pool')} hint={t('bulkEdit.poolHint')}>
            {(control) => (
              <input
                {...control}
                type="text"
                value={pool}
                list="bulk-edit-pools"
                onChange={(event) => setPoolValue(event.target.value)}
                data-testid="bulk-edit-pool"
              />
            )}
          </Field>
        )}
        <datalist id="bulk-edit-pools">
          {pools.map((value) => (
            <option key={value} value={value} />
          ))}
        </datalist>
        <p className="muted small" role="status" data-testid="bulk-edit-summary">
          {nothing
            ? t('bulkEdit.nothingReason')
            : t('bulkEdit.confirmText', {
                count,
                formatted: formatNumber(count),
                changes: changes.join(t('bulkEdit.changesSeparator')),
              })}
        </p>
      </form>
    </Modal>
  )
}
