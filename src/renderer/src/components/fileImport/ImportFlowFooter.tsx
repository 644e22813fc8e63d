import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { formatNumber } from '../../lib/format'
import type { ImportFlow, ImportReportBase } from './useImportFlow'

export interface ImportFlowFooterProps<Options extends { file: File | null }, Report extends ImportReportBase> {
  flow: ImportFlow<Options, Report>
  /** Prefix of the buttons' test ids: `${idPrefix}-check`, `-back`, `-commit`, `-close`. */
  idPrefix: string
  onClose: () => void
  /** How many items the commit button will import, from the checked report. */
  toCommit: (report: Report) => number
  commitLabel: (count: number, formatted: string) => string
  /** The dialog's own primary action after a failure; without one, "Change options" is primary. */
  failedAction?: (report: Report) => ReactNode
  /** The dialog's own primary action after importing; without one, "Close" is primary. */
  doneAction?: (report: Report) => ReactNode
}

/** The buttons of each step of a `useImportFlow`. */
export function ImportFlowFooter<Options extends { file: File | null }, Report extends ImportReportBase>({
  flow,
  idPrefix,
  onClose,
  toCommit,
  commitLabel,
  failedAction,
  doneAction,
}: ImportFlowFooterProps<Options, Report>) {
  const { t } = useTranslation()
  const { step, options } = flow
  const changeOptions = (primary: boolean) => (
    <button
      type="button"
      className={primary ? 'button button-primary' : 'button'}
      onClick={flow.back}
      data-autofocus={primary || undefined}
      data-testid={`${idPrefix}-back`}
    >
      {t('importDialog.changeOptions')}
    </button>
  )

  // Steps with several buttons render them as plain siblings of one fragment: React then reuses the
  // clicked button's element for the next step's button in its place, so focus stays in the footer.
  switch (step.kind) {
    case 'options':
      return (
        <>
          <button type="button" className="button" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <button
            type="button"
            className="button button-primary"
            disabled={!options.file}
            title={options.file ? t('importDialog.checkHint') : t('importDialog.noFileReason')}
            onClick={() => void flow.check()}
            data-testid={`${idPrefix}-check`}
          >
            {t('importDialog.check')}
          </button>
        </>
      )
    case 'working':
      return (
        <button type="button" className="button" disabled title={t(`importDialog.${step.phase}`)}>
          {t('common.working')}
        </button>
      )
    case 'preview': {
      const count = toCommit(step.report)
      return (
        <>
          {changeOptions(false)}
          <button
            type="button"
            className="button button-primary"
            disabled={count === 0}
            title={count === 0 ? t('importDialog.nothingToImportReason') : undefined}
            onClick={() => void flow.commit()}
            data-autofocus
            data-testid={`${idPrefix}-commit`}
          >
            {commitLabel(count, formatNumber(count))}
          </button>
        </>
      )
    }
    case 'failed':
      return (
        <>
          <button type="button" className="button" onClick={onClose}>
            {t('common.close')}
          </button>
          {changeOptions(!failedAction)}
          {failedAction?.(step.report)}
        </>
      )
    case 'done':
      return (
        <>
          <button
            type="button"
            className={doneAction ? 'button' : 'button button-primary'}
            onClick={onClose}
            data-autofocus={!doneAction || undefined}
            data-testid={`${idPrefix}-close`}
          >
            {t('common.close')}
          </button>
          {doneAction?.(step.report)}
        </>
      )
  }
}
