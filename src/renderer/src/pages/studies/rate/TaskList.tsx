import { useTranslation } from 'react-i18next'
import type { RaterStudyView } from '@shared/study'
import { formatNumber } from '../../../lib/format'
import { selectRowWithArrows } from '../../../lib/keyboard'
import { isFinished } from './rateLogic'

type Task = RaterStudyView['tasks'][number]

/** The rater's dialogues (or pairs) in their order: the blinded code, answers given of due, and a tick when done. */
export function TaskList({
  tasks,
  done,
  total,
  current,
  onOpen,
}: {
  tasks: Task[]
  done: number
  total: number
  current: string | null
  onOpen: (unitId: string) => void
}) {
  const { t } = useTranslation()
  const percent = total > 0 ? Math.round((done / total) * 100) : 0
  return (
    <nav className="rate-tasks" aria-label={t('rate.tasksLabel')} data-testid="rate-tasks">
      <div className="rate-progress">
        <span data-testid="rate-progress" data-done={done} data-total={total}>
          {t('rate.progress', { done: formatNumber(done), total: formatNumber(total) })}
        </span>
        <div
          className="progress-track"
          role="progressbar"
          aria-label={t('rate.progressLabel')}
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={percent}
        >
          <div className="progress-fill" style={{ width: `${percent}%` }} />
        </div>
      </div>
      <ol className="rate-task-list" onKeyDown={selectRowWithArrows('.rate-task')}>
        {tasks.map((task) => {
          const finished = isFinished(task)
          return (
            <li key={task.unitId}>
              <button
                type="button"
                className={`rate-task${finished ? ' rate-task-done' : ''}`}
                aria-current={task.unitId === current ? 'true' : undefined}
                onClick={() => onOpen(task.unitId)}
                title={finished ? t('rate.taskDoneHint') : t('rate.taskOpenHint')}
                data-testid="rate-task-item"
                data-unit-id={task.unitId}
                data-answered={task.answered}
              >
                <span className="rate-task-code">{task.code}</span>
                <span className="rate-task-count">
                  {finished ? (
                    <span aria-label={t('rate.finished')}>✓</span>
                  ) : (
                    t('rate.answeredOf', { answered: task.answered, total: task.total })
                  )}
                </span>
              </button>
            </li>
          )
        })}
      </ol>
    </nav>
  )
}
