import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { EndpointView } from '@shared/endpoint'
import { api } from '../../api/client'
import { useConfirmedAction } from '../../components/ConfirmDialog'
import { ErrorBanner } from '../../components/ErrorBanner'
import { Modal } from '../../components/Modal'
import { useToast } from '../../components/Toasts'
import { errorMessage } from '../../lib/errors'
import { useAppInfo } from '../../lib/useAppInfo'
import { useEndpoints } from '../../lib/useEndpoints'
import { EndpointForm } from './EndpointForm'
import { EndpointRow } from './EndpointRow'
import { draftFromView, newDraft, type EndpointDraft } from './endpointDraft'
import { useEndpointHealth } from './useEndpointHealth'

export function EndpointsSection() {
  const { t } = useTranslation()
  const toast = useToast()
  const { info } = useAppInfo()
  const { endpoints, error: loadError, reload: load } = useEndpoints()
  const [editing, setEditing] = useState<EndpointDraft | null>(null)
  const health = useEndpointHealth()
  const deletion = useConfirmedAction<EndpointView>({
    dialog: (endpoint) => ({
      title: t('endpoints.confirmDeleteTitle', { name: endpoint.name }),
      body: t('endpoints.confirmDeleteBody'),
      confirmLabel: t('endpoints.delete'),
      testId: 'endpoint-delete-dialog',
    }),
    run: async (endpoint) => {
      await api.deleteEndpoint({ id: endpoint.id })
      toast({ kind: 'success', message: t('endpoints.deletedToast') })
      void load()
    },
    failedMessage: (message) => t('common.unknownError', { message }),
  })

  return (
    <section className="settings-section" aria-labelledby="settings-endpoints" data-testid="settings-endpoints">
      <div className="section-header">
        <div>
          <h2 id="settings-endpoints">{t('settings.endpointsSection')}</h2>
          <p className="muted">{t('settings.endpointsHelp')}</p>
        </div>
        <button
          type="button"
          className="button button-primary"
          onClick={() => setEditing(newDraft())}
          data-testid="endpoint-add"
        >
          {t('endpoints.add')}
        </button>
      </div>
      {loadError != null && (
        <ErrorBanner onRetry={() => void load()}>
          {t('endpoints.loadFailed', { message: errorMessage(loadError) })}
        </ErrorBanner>
      )}
      {endpoints && endpoints.length === 0 && <p className="empty-inline">{t('endpoints.empty')}</p>}
      {endpoints && endpoints.length > 0 && (
        <ul className="endpoint-list" aria-label={t('endpoints.listLabel')}>
          {endpoints.map((endpoint) => (
            <EndpointRow
              key={endpoint.id}
              endpoint={endpoint}
              live={health.get(endpoint.id)}
              onEdit={() => setEditing(draftFromView(endpoint))}
              onDelete={() => deletion.ask(endpoint)}
            />
          ))}
        </ul>
      )}
      {editing && (
        <Modal
          title={editing.id ? t('endpoints.editTitle') : t('endpoints.newTitle')}
          onClose={() => setEditing(null)}
          size="large"
          testId="endpoint-dialog"
        >
          <EndpointForm
            initial={editing}
            secretStorage={info?.secretStorage}
            onCancel={() => setEditing(null)}
            onSaved={() => {
              setEditing(null)
              toast({ kind: 'success', message: t('endpoints.savedToast') })
              void load()
            }}
          />
        </Modal>
      )}
      {deletion.dialog}
    </section>
  )
}
