import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { ErrorBanner } from '../../../components/ErrorBanner'
import { errorMessage, hasErrorCode } from '../../../lib/errors'
import { formatNumber } from '../../../lib/format'
import { useAppInfo } from '../../../lib/useAppInfo'
import { AnnotationProgress } from './AnnotationProgress'
import { AnnotatorNameForm } from './AnnotatorNameForm'
import { rememberAnnotator, rememberedAnnotator } from './annotatorName'
import { useAnnotation } from './useAnnotation'
import { VoteBoard } from './VoteBoard'

/** Sent by link users, whose name the server takes from their link instead. */
const NAME_FROM_LINK = 'link'

/**
 * The annotator's page for a human-refereed arena: their name, then one turn
 * after another. Every vote is stored when it is given, so pausing is just
 * leaving; coming back continues where they stopped. Opened through an
 * annotator's access link (browser mode), the name comes with the link and
 * the rest of the workbench is out of reach.
 */
export function AnnotationView({ arenaId, onLeave }: { arenaId: string; onLeave: () => void }) {
  const { t } = useTranslation()
  const { info, error: infoError } = useAppInfo()
  // An access link may call only the annotation methods: anything else is refused as unauthorized.
  const viaLink = hasErrorCode(infoError, 'unauthorized')
  const known = info !== null || infoError != null
  const [annotator, setAnnotator] = useState<string | null>(rememberedAnnotator)
  const [renaming, setRenaming] = useState(false)
  const [paused, setPaused] = useState(false)
  const asking = known && !viaLink && (annotator === null || renaming)
  const name = viaLink ? (annotator ?? NAME_FROM_LINK) : annotator
  const { state, error, submitting, vote, reload } = useAnnotation(arenaId, known && !asking ? name : null, !paused)
  const shownName = state?.annotator ?? name

  const chooseName = (name: string) => {
    rememberAnnotator(name)
    setAnnotator(name)
    setRenaming(false)
  }

  return (
    <div className="annotation-page" data-testid="annotation-view" data-arena-id={arenaId}>
      <header className="page-header">
        <div className="page-title">
          <h1>{t('arena.annotate.title')}</h1>
          {known && !asking && shownName && (state || !viaLink) && (
            <span className="muted" data-testid="annotation-annotator">
              {t('arena.annotate.as', { name: shownName })}{' '}
              {!viaLink && (
                <button
                  type="button"
                  className="link-button"
                  onClick={() => setRenaming(true)}
                  data-testid="annotation-rename"
                >
                  {t('arena.annotate.notYou')}
                </button>
              )}
            </span>
          )}
        </div>
        {known && !asking && (
          <div className="button-row">
            {!paused && !state?.done && (
              <button
                type="button"
                className="button"
                onClick={() => setPaused(true)}
                title={t('arena.annotate.pauseHint')}
                data-testid="annotation-pause"
              >
                {t('arena.annotate.pause')}
              </button>
            )}
            {!viaLink && (
              <button
                type="button"
                className="button"
                onClick={onLeave}
                title={t('arena.annotate.leaveHint')}
                data-testid="annotation-leave"
              >
                {t('arena.annotate.leave')}
              </button>
            )}
          </div>
        )}
      </header>
      <div className="annotation-body">
        {!known ? (
          <p className="muted">{t('app.loading')}</p>
        ) : asking ? (
          <AnnotatorNameForm
            initial={annotator ?? ''}
            onName={chooseName}
            onLeave={renaming ? () => setRenaming(false) : onLeave}
          />
        ) : paused ? (
          <div className="annotation-card empty-state" data-testid="annotation-paused">
            <h3>{t('arena.annotate.pausedTitle')}</h3>
            <p>
              {t('arena.annotate.pausedBody', {
                count: state?.progress.mine ?? 0,
                formatted: formatNumber(state?.progress.mine ?? 0),
              })}
            </p>
            <div className="button-row">
              <button
                type="button"
                className="button button-primary"
                onClick={() => setPaused(false)}
                autoFocus
                data-testid="annotation-continue"
              >
                {t('arena.annotate.continue')}
              </button>
            </div>
          </div>
        ) : (
          <>
            {error != null && (
              <ErrorBanner onRetry={reload} testId="annotation-error">
                {t('arena.annotate.failed', { message: errorMessage(error) })}
              </ErrorBanner>
            )}
            {state && <AnnotationProgress progress={state.progress} />}
            {!state && error == null && <p className="muted">{t('app.loading')}</p>}
            {state?.done && (
              <div className="annotation-card empty-state" data-testid="annotation-done">
                <h3>{t('arena.annotate.doneTitle')}</h3>
                <p>
                  {t('arena.annotate.doneBody', {
                    count: state.progress.mine,
                    formatted: formatNumber(state.progress.mine),
                  })}
                </p>
              </div>
            )}
            {state && !state.done && !state.task && (
              <div
                className="annotation-card empty-state"
                role="status"
                data-testid={state.preparing ? 'annotation-preparing' : 'annotation-waiting'}
              >
                <div className="progress-track progress-indeterminate annotation-spinner" aria-hidden="true">
                  <div className="progress-fill" />
                </div>
                <h3>{state.preparing ? t('arena.annotate.preparing') : t('arena.annotate.waitingTitle')}</h3>
                <p>{state.preparing ? t('arena.annotate.preparingBody') : t('arena.annotate.waitingBody')}</p>
              </div>
            )}
            {state?.task && !state.done && (
              <VoteBoard
                key={`${state.task.dialogueId}:${state.task.turn}`}
                task={state.task}
                submitting={submitting}
                onVote={(choice) => void vote(choice)}
              />
            )}
          </>
        )}
      </div>
    </div>
  )
}
