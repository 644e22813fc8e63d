import { useEffect, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { ErrorBanner } from '../../../components/ErrorBanner'
import { errorMessage } from '../../../lib/errors'
import { isModKey, isTypingTarget, useWindowKeyDown } from '../../../lib/keyboard'
import { DoneCard, GuidelinesDialog, IntroCard } from './Guidelines'
import { RateHeader } from './RateHeader'
import { isFinished, nextUnfinished } from './rateLogic'
import { RatingPanel, shownAnswer, type NextStep } from './RatingPanel'
import { SaveSummary } from './SaveSummary'
import { TaskList } from './TaskList'
import { Transcripts } from './Transcripts'
import { useAnswerSaver } from './useAnswerSaver'
import { useRaterStudy, useRaterTask } from './useRaterStudy'

type View = { kind: 'intro' } | { kind: 'task'; unitId: string } | { kind: 'done' }

interface RateSessionProps {
  studyId: string
  rater: string
  viaLink: boolean
  onRename: () => void
  onClose: () => void
}

/**
 * One rater in one study: the guidelines first (until the first answer), then dialogue after dialogue from the first
 * unfinished one, each answer saved as it is given; the task list opens any of them again.
 */
export function RateSession({ studyId, rater, viaLink, onRename, onClose }: RateSessionProps) {
  const { t } = useTranslation()
  const { study, error, loading, reload, applyProgress, applyComment } = useRaterStudy(studyId, rater)
  const saver = useAnswerSaver(studyId, rater, applyProgress, applyComment)
  const [view, setView] = useState<View | null>(null)
  const [guidelines, setGuidelines] = useState(false)
  const unitId = view?.kind === 'task' ? view.unitId : null
  const { task, error: taskError, reload: reloadTask } = useRaterTask(studyId, rater, unitId)
  const mainRef = useRef<HTMLDivElement>(null)
  // Another dialogue starts at its top (narrow screens scroll the whole column).
  useEffect(() => {
    mainRef.current?.scrollTo?.({ top: 0 })
  }, [unitId])

  // Where a (returning) rater lands: the guidelines before any answer, else the first unfinished dialogue.
  useEffect(() => {
    if (!study || view) return
    const first = nextUnfinished(study.tasks, null)
    const started = study.tasks.some((task) => task.answered > 0 || task.commented)
    if (study.tasks.length > 0)
      setView(first === null ? { kind: 'done' } : started ? { kind: 'task', unitId: first } : { kind: 'intro' })
  }, [study, view])

  useWindowKeyDown((event) => {
    if (event.defaultPrevented || event.altKey || isModKey(event) || isTypingTarget(event.target)) return
    if (!study || document.querySelector('dialog[open]')) return
    if (event.key === 'g' || event.key === 'G' || event.key === '?') {
      event.preventDefault()
      setGuidelines(true)
    }
  })

  const design = study?.design ?? 'rubric'
  const keys = study ? (design === 'rubric' ? study.items : study.aspects).map((item) => item.key) : []
  // This dialogue's count follows the answers on screen (also those still being saved).
  const tasks = (study?.tasks ?? []).map((entry) =>
    task && entry.unitId === task.unitId
      ? { ...entry, total: keys.length, answered: keys.filter((key) => shownAnswer(saver, task, key) !== null).length }
      : entry,
  )
  const done = tasks.filter(isFinished).length
  const nextId = nextUnfinished(tasks, unitId)
  const next: NextStep =
    nextId === null ? { kind: 'finish' } : nextId === unitId ? { kind: 'remaining' } : { kind: 'task', unitId: nextId }
  const open = (id: string) => setView({ kind: 'task', unitId: id })
  const goOn = () => {
    if (next.kind === 'task') open(next.unitId)
    else if (next.kind === 'finish') setView({ kind: 'done' })
  }

  const canRename = !viaLink && saver.unsaved === 0
  return (
    <div className={`rate-page rate-design-${design}`} data-testid="rate-view" data-study-id={studyId}>
      <RateHeader
        title={study?.name ?? t('rate.title')}
        rater={study?.rater ?? (viaLink ? null : rater)}
        onRename={canRename && study ? onRename : undefined}
      >
        <SaveSummary saver={saver} />
        {study && (
          <button
            type="button"
            className="button"
            onClick={() => setGuidelines(true)}
            title={t('rate.guidelinesHint')}
            aria-keyshortcuts="G"
            data-testid="rate-guidelines-button"
          >
            {t('rate.guidelines')}
          </button>
        )}
        {!viaLink && (
          <button
            type="button"
            className="button"
            onClick={onClose}
            title={t('rate.leaveHint')}
            data-testid="rate-leave"
          >
            {t('rate.leave')}
          </button>
        )}
      </RateHeader>
      {!study ? (
        <div className="rate-scroll">
          {error != null ? (
            <div className="rate-card" role="alert" data-testid="rate-error">
              <h2>{t('rate.loadFailedTitle')}</h2>
              <p>{errorMessage(error)}</p>
              <p className="muted">{viaLink ? t('rate.loadFailedLink') : t('rate.loadFailedDesktop')}</p>
              <div className="button-row">
                {!viaLink && (
                  <button
                    type="button"
                    className="button button-primary"
                    onClick={onRename}
                    autoFocus
                    data-testid="rate-other-name"
                  >
                    {t('rate.otherName')}
                  </button>
                )}
                <button
                  type="button"
                  className={viaLink ? 'button button-primary' : 'button'}
                  onClick={reload}
                  disabled={loading}
                  data-testid="rate-reload"
                >
                  {loading ? t('rate.loading') : t('common.retry')}
                </button>
              </div>
            </div>
          ) : (
            <p className="muted rate-loading">{t('app.loading')}</p>
          )}
        </div>
      ) : study.tasks.length === 0 ? (
        <div className="rate-scroll">
          <div className="rate-card" data-testid="rate-empty">
            <h2>{t('rate.emptyTitle')}</h2>
            <p className="muted">{t('rate.emptyBody', { name: study.rater })}</p>
            <div className="button-row">
              <button type="button" className="button" onClick={reload}>
                {t('rate.checkAgain')}
              </button>
            </div>
          </div>
        </div>
      ) : (
        <div className="rate-layout">
          <TaskList tasks={tasks} done={done} total={tasks.length} current={unitId} onOpen={open} />
          <div className="rate-main" ref={mainRef}>
            {error != null && (
              <ErrorBanner onRetry={reload}>{t('rate.refreshFailed', { message: errorMessage(error) })}</ErrorBanner>
            )}
            {view?.kind === 'intro' && (
              <div className="rate-scroll">
                <IntroCard study={study} onStart={() => open(nextUnfinished(tasks, null) ?? tasks[0].unitId)} />
              </div>
            )}
            {view?.kind === 'done' && (
              <div className="rate-scroll">
                <DoneCard study={study} unsaved={saver.unsaved} onReview={() => open(tasks[0].unitId)} />
              </div>
            )}
            {view?.kind === 'task' && taskError != null && (
              <div className="rate-scroll">
                <ErrorBanner onRetry={reloadTask} testId="rate-task-error">
                  {t('rate.taskFailed', { message: errorMessage(taskError) })}
                </ErrorBanner>
              </div>
            )}
            {view?.kind === 'task' && !task && taskError == null && (
              <p className="muted rate-loading">{t('app.loading')}</p>
            )}
            {view?.kind === 'task' && task && (
              <div className="rate-work" data-testid="rate-task" data-unit-id={task.unitId} data-code={task.code}>
                <Transcripts task={task} />
                <RatingPanel key={task.unitId} study={study} task={task} saver={saver} next={next} onNext={goOn} />
              </div>
            )}
          </div>
        </div>
      )}
      {guidelines && study && <GuidelinesDialog study={study} onClose={() => setGuidelines(false)} />}
    </div>
  )
}
