import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { PromptTemplateView } from '@shared/promptApi'
import type { Language } from '@shared/roleCard'
import { api } from '../../api/client'
import { ErrorBanner } from '../../components/ErrorBanner'
import { Modal } from '../../components/Modal'
import { errorMessage } from '../../lib/errors'
import { formatDateTime } from '../../lib/format'
import { useLoaded } from '../../lib/useLoaded'

interface TemplateHistoryProps {
  id: string
  language: Language
  /** Changes after a save, to reload the list. */
  currentVersion: number
  onLoad: (version: PromptTemplateView) => void
}

/** Every saved version, newest first; an old one can be read and loaded back into the editor. */
export function TemplateHistory({ id, language, currentVersion, onLoad }: TemplateHistoryProps) {
  const { t } = useTranslation()
  const { value: versions, error } = useLoaded(
    () => api.templateHistory({ id, language }),
    [id, language, currentVersion],
  )
  const [viewing, setViewing] = useState<PromptTemplateView | null>(null)

  return (
    <section className="template-history" aria-labelledby="history-title" data-testid="prompt-history">
      <h3 id="history-title">{t('prompts.history')}</h3>
      {error != null && <ErrorBanner>{t('prompts.historyFailed', { message: errorMessage(error) })}</ErrorBanner>}
      {versions && (
        <ul className="history-list">
          {versions.map((version) => (
            <li
              key={version.version}
              className="history-row"
              data-testid="prompt-history-row"
              data-version={version.version}
            >
              <strong>{t('prompts.versionN', { version: version.version })}</strong>
              {version.version === currentVersion && (
                <span className="badge badge-success">{t('prompts.current')}</span>
              )}
              <span className="muted small">{formatDateTime(version.createdAt)}</span>
              <span className="history-note">
                {version.note === 'built-in default'
                  ? t('prompts.builtInNote')
                  : version.note || <span className="muted">{t('prompts.noNote')}</span>}
              </span>
              <button
                type="button"
                className="button button-small"
                onClick={() => setViewing(version)}
                data-testid="prompt-version-view"
              >
                {t('prompts.view')}
              </button>
            </li>
          ))}
        </ul>
      )}
      {viewing && (
        <Modal
          title={t('prompts.versionTitle', {
            version: viewing.version,
            language: t(`editor.cardLanguages.${viewing.language}`),
          })}
          onClose={() => setViewing(null)}
          size="large"
          testId="prompt-version-dialog"
          footer={
            <>
              <button type="button" className="button" onClick={() => setViewing(null)}>
                {t('common.close')}
              </button>
              <button
                type="button"
                className="button button-primary"
                onClick={() => {
                  onLoad(viewing)
                  setViewing(null)
                }}
                disabled={viewing.version === currentVersion}
                title={viewing.version === currentVersion ? t('prompts.alreadyCurrent') : t('prompts.loadHint')}
                data-autofocus
                data-testid="prompt-version-load"
              >
                {t('prompts.loadIntoEditor')}
              </button>
            </>
          }
        >
          <p className="muted small">
            {formatDateTime(viewing.createdAt)}
            {viewing.note ? ` · ${viewing.note === 'built-in default' ? t('prompts.builtInNote') : viewing.note}` : ''}
          </p>
          <pre className="preview-text" data-testid="prompt-version-text">
            {viewing.text}
          </pre>
        </Modal>
      )}
    </section>
  )
}
