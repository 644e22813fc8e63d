import { useTranslation } from 'react-i18next'

/** Who picks the replies: an LLM referee or people. */
export function RefereeBadge({ kind }: { kind: 'llm' | 'human' }) {
  const { t } = useTranslation()
  return (
    <span
      className={`badge ${kind === 'human' ? 'badge-pool' : 'badge-neutral'}`}
      data-testid="arena-referee-kind"
      data-kind={kind}
    >
      {t(`arena.refereeKinds.${kind}`)}
    </span>
  )
}
