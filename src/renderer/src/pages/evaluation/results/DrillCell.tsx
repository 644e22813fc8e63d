import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { useDrill, type DrillTarget } from './drill'

/** A number in a result table that shows the dialogues behind it when clicked (plain text outside a result view). */
export function DrillCell({ target, children }: { target: DrillTarget; children: ReactNode }) {
  const { t } = useTranslation()
  const drill = useDrill()
  if (!drill) return <>{children}</>
  return (
    <button
      type="button"
      className="link-button"
      onClick={() => drill(target)}
      title={t('results.drillHint')}
      data-testid="drill-cell"
      data-metric={target.metric}
    >
      {children}
    </button>
  )
}
