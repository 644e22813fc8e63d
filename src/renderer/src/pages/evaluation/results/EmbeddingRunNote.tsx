import { useTranslation } from 'react-i18next'
import type { EmbeddingRunInfo } from '@shared/evaluation'
import { formatNumber } from '../../../lib/format'

/** How the vectors were made: backend and model, where it ran (and why not on a GPU), cut texts, a proxy card. */
export function EmbeddingRunNote({ run, maxTokens }: { run: EmbeddingRunInfo; maxTokens: number }) {
  const { t } = useTranslation()
  return (
    <div className="embedding-run-note" data-testid="embedding-run-note">
      <p>
        {t(`results.embeddingRun.${run.backend}`, { model: run.model, device: run.device })}{' '}
        {run.backend === 'local'
          ? t('results.embeddingRun.truncated', {
              count: run.truncated,
              truncated: formatNumber(run.truncated),
              texts: formatNumber(run.texts),
              maxTokens: formatNumber(maxTokens),
            })
          : t('results.embeddingRun.truncationUnknown')}
      </p>
      {run.fallback && (
        <p className="embedding-run-warning" data-testid="embedding-run-fallback">
          {t('results.embeddingRun.fallback', { reason: run.fallback })}
        </p>
      )}
      {run.cardSource === 'first-client-turn' && (
        <p className="embedding-run-warning" data-testid="embedding-run-proxy">
          {t('results.embeddingRun.proxy')}
        </p>
      )}
    </div>
  )
}
