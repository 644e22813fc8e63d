import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { RoleCard } from '@shared/roleCard'
import { api } from '../../../api/client'
import { errorMessage } from '../../../lib/errors'
import { ClientCardExtras } from '../../roleCards/ClientCardExtras'

/** The role card as the client agent read it (rendered by the server); its raw fields if it cannot be rendered. */
export function RoleCardPanel({ card }: { card: RoleCard | null }) {
  const { t } = useTranslation()
  const [text, setText] = useState<string | null>(null)
  const [error, setError] = useState<string | null>(null)

  useEffect(() => {
    let live = true
    setText(null)
    setError(null)
    if (!card) return
    api.renderRoleCard({ card }).then(
      (result) => live && setText(result.text),
      (failure) => live && setError(errorMessage(failure)),
    )
    return () => {
      live = false
    }
  }, [card])

  if (!card) return <p className="empty-inline">{t('transcript.noRoleCard')}</p>
  return (
    <div className="role-card-panel" data-testid="transcript-role-card">
      <div className="role-card-head">
        <strong>{card.complaint.title || card.name || t('roleCards.untitled')}</strong>
        <span className={`badge badge-lang badge-lang-${card.language}`}>{card.language.toUpperCase()}</span>
        {card.pool && <span className="badge badge-pool">{card.pool}</span>}
      </div>
      {card.tags.length > 0 && (
        <div className="chip-row">
          {card.tags.map((tag) => (
            <span key={tag} className="chip chip-static">
              {tag}
            </span>
          ))}
        </div>
      )}
      {error ? (
        <>
          <p className="banner banner-warning">{t('transcript.cardRenderFailed', { message: error })}</p>
          <pre className="preview-text">{JSON.stringify(card, null, 2)}</pre>
        </>
      ) : (
        <pre className="preview-text" aria-busy={text === null}>
          {text ?? t('editor.previewLoading')}
        </pre>
      )}
      <ClientCardExtras withheld={card.withheld} behaviours={card.resistanceBehaviours} />
    </div>
  )
}
