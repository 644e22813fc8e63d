import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { DialogueDetail } from '@shared/dialogue'
import type { LlmCallView } from '@shared/datasetApi'
import { useNavigate } from '../../../components/Navigation'
import { SummaryList, type SummaryRow } from '../../../components/SummaryList'
import { formatDateTime, formatNumber } from '../../../lib/format'
import { CallsTable } from './CallsTable'
import { RoleCardPanel } from './RoleCardPanel'
import { ScoresPanel, useDialogueScores } from './ScoresPanel'

type Tab = 'card' | 'details' | 'calls' | 'scores'

/**
 * Beside the chat: the role card, the dialogue's facts (with the run it came from), its LLM calls, and its scores in
 * every analysis that scored it.
 */
export function TranscriptSide({
  detail,
  focusCall = null,
}: {
  detail: DialogueDetail & { calls: LlmCallView[] }
  /** A call to show (a trace step's link): opens the Calls tab on it. */
  focusCall?: { id: number } | null
}) {
  const { t } = useTranslation()
  const navigate = useNavigate()
  const [tab, setTab] = useState<Tab>('card')
  const scores = useDialogueScores(detail.id)
  useEffect(() => {
    if (focusCall) setTab('calls')
  }, [focusCall])
  const tabs: [Tab, string][] = [
    ['card', t('transcript.tabCard')],
    ['details', t('transcript.tabDetails')],
    ['calls', t('transcript.tabCallsN', { count: detail.calls.length })],
    ['scores', t('transcript.scores.tab', { count: scores.scores?.analyses.length ?? 0 })],
  ]
  const facts: SummaryRow[] = [
    [t('transcript.dialogueId'), detail.id, 'mono'],
    [t('transcript.sample'), String(detail.sample + 1)],
    [t('transcript.updated'), formatDateTime(detail.updatedAt)],
    [
      t('transcript.totalTokens'),
      t('transcript.tokens', {
        prompt: formatNumber(detail.promptTokens),
        completion: formatNumber(detail.completionTokens),
      }),
    ],
  ]
  const externalId = typeof detail.meta.externalId === 'string' ? detail.meta.externalId : null
  if (externalId) facts.push([t('transcript.externalId'), externalId])

  return (
    <aside className="transcript-side" aria-label={t('transcript.sideLabel')}>
      <div className="tabs" role="tablist">
        {tabs.map(([id, label]) => (
          <button
            key={id}
            type="button"
            role="tab"
            id={`side-tab-${id}`}
            aria-selected={tab === id}
            aria-controls={`side-panel-${id}`}
            className="tab"
            onClick={() => setTab(id)}
            data-testid={`transcript-tab-${id}`}
          >
            {label}
          </button>
        ))}
      </div>
      <div
        className="transcript-side-body"
        role="tabpanel"
        id={`side-panel-${tab}`}
        aria-labelledby={`side-tab-${tab}`}
      >
        {tab === 'card' && <RoleCardPanel card={detail.roleCard} />}
        {tab === 'details' && (
          <div className="transcript-details" data-testid="transcript-details">
            {detail.runId && (
              <button
                type="button"
                className="button button-small"
                onClick={() => navigate('simulations', { runId: detail.runId! })}
                data-testid="transcript-open-run"
              >
                {t('transcript.openRun')}
              </button>
            )}
            <SummaryList rows={facts} />
            <details className="plain-details">
              <summary>{t('transcript.systemPrompt')}</summary>
              <pre className="preview-text">{detail.systemPrompt ?? t('transcript.noSystemPrompt')}</pre>
            </details>
            {Object.keys(detail.meta).length > 0 && (
              <details className="plain-details">
                <summary>{t('transcript.meta')}</summary>
                <pre className="preview-text">{JSON.stringify(detail.meta, null, 2)}</pre>
              </details>
            )}
          </div>
        )}
        {tab === 'calls' && <CallsTable calls={detail.calls} focus={focusCall} />}
        {tab === 'scores' && (
          <ScoresPanel
            scores={scores.scores}
            error={scores.error}
            onRetry={() => void scores.reload()}
            calls={detail.calls}
            onShowCalls={() => setTab('calls')}
          />
        )}
      </div>
    </aside>
  )
}
