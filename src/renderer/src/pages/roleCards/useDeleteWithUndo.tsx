import { useState, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import type { RoleCard } from '@shared/roleCard'
import { api } from '../../api/client'
import { ConfirmDialog } from '../../components/ConfirmDialog'
import { useToast } from '../../components/Toasts'
import { errorMessage } from '../../lib/errors'

interface DeleteCallbacks {
  onDeleted: (ids: string[]) => void
  onRestored: (cards: RoleCard[]) => void
}

/** Confirm → delete → "Deleted N cards — Undo" toast that restores exactly what was deleted. */
export function useDeleteWithUndo({ onDeleted, onRestored }: DeleteCallbacks): {
  requestDelete: (ids: string[]) => void
  dialog: ReactNode
} {
  const { t } = useTranslation()
  const toast = useToast()
  const [pending, setPending] = useState<string[] | null>(null)
  const [busy, setBusy] = useState(false)

  const restore = async (cards: RoleCard[]) => {
    try {
      const { restored } = await api.restoreRoleCards({ cards })
      toast({ kind: 'success', message: t('roleCards.restoredToast', { count: restored }) })
      onRestored(cards)
    } catch (error) {
      toast({ kind: 'error', message: t('roleCards.restoreFailed', { message: errorMessage(error) }) })
    }
  }

  const confirm = async () => {
    if (!pending) return
    setBusy(true)
    try {
      const { deleted } = await api.deleteRoleCards({ ids: pending })
      setPending(null)
      onDeleted(deleted.map((card) => card.id))
      toast({
        message: t('roleCards.deletedToast', { count: deleted.length }),
        action: deleted.length ? { label: t('common.undo'), run: () => void restore(deleted) } : undefined,
      })
    } catch (error) {
      setPending(null)
      toast({ kind: 'error', message: t('roleCards.deleteFailed', { message: errorMessage(error) }) })
    } finally {
      setBusy(false)
    }
  }

  const dialog = pending ? (
    <ConfirmDialog
      title={t('roleCards.confirmDeleteTitle', { count: pending.length })}
      body={t('roleCards.confirmDeleteBody')}
      confirmLabel={t('common.delete')}
      danger
      busy={busy}
      onConfirm={() => void confirm()}
      onCancel={() => setPending(null)}
      testId="delete-dialog"
    />
  ) : null

  return { requestDelete: (ids) => ids.length > 0 && setPending(ids), dialog }
}
