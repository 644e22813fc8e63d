import { useTranslation } from 'react-i18next'
import type { AnnotationState } from '@shared/arena'
import { formatNumber } from '../../../lib/format'

/** The annotator's votes, everyone's votes, and the dialogues finished of all. */
export function AnnotationProgress({ progress }: { progress: AnnotationState['progress'] }) {
  const { t } = useTranslation()
  const percent = progress.dialoguesTotal > 0 ? Math.round((progress.dialoguesDone / progress.dialoguesTotal) * 100) : 0
  return (
    <div
      className="annotation-progress"
      data-testid="annotation-progress"
      data-mine={progress.mine}
      data-total={progress.total}
      data-dialogues-done={progress.dialoguesDone}
    >
      <dl className="annotation-counts">
        <div>
          <dt>{t('arena.annotate.myVotes')}</dt>
          <dd data-testid="annotation-mine">{formatNumber(progress.mine)}</dd>
        </div>
        <div>
          <dt>{t('arena.annotate.allVotes')}</dt>
          <dd>{formatNumber(progress.total)}</dd>
        </div>
        <div>
          <dt>{t('arena.annotate.dialoguesDone')}</dt>
          <dd>
            {t('arena.annotate.ofTotal', {
              done: formatNumber(progress.dialoguesDone),
              total: formatNumber(progress.dialoguesTotal),
            })}
          </dd>
        </div>
      </dl>
      <div
        className="progress-track"
        role="progressbar"
        aria-label={t('arena.annotate.dialoguesDone')}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
      >
        <div className="progress-fill" style={{ width: `${percent}%` }} />
      </div>
    </div>
  )
}
