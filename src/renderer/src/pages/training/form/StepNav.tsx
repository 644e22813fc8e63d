import type { KeyboardEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { STEPS, type StepId } from './trainingFormState'

interface StepNavProps {
  step: StepId
  problems: Record<StepId, number>
  onStep: (step: StepId) => void
}

/** The four steps as tabs: any step can be opened at any time; ←/→ move between them; each shows its open problems. */
export function StepNav({ step, problems, onStep }: StepNavProps) {
  const { t } = useTranslation()
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key !== 'ArrowRight' && event.key !== 'ArrowLeft') return
    const index = STEPS.indexOf(step) + (event.key === 'ArrowRight' ? 1 : -1)
    const next = STEPS[Math.max(0, Math.min(STEPS.length - 1, index))]
    event.preventDefault()
    onStep(next)
    requestAnimationFrame(() => event.currentTarget.querySelector<HTMLElement>(`[data-step="${next}"]`)?.focus())
  }
  return (
    <div className="tabs-row training-steps-row">
      <div
        className="tabs training-steps"
        role="tablist"
        aria-label={t('training.form.stepsLabel')}
        onKeyDown={onKeyDown}
      >
        {STEPS.map((id, index) => (
          <button
            key={id}
            type="button"
            role="tab"
            id={`training-tab-${id}`}
            aria-controls="training-step-panel"
            className="tab training-step"
            aria-selected={id === step}
            tabIndex={id === step ? 0 : -1}
            onClick={() => onStep(id)}
            data-step={id}
            data-testid={`training-step-${id}-tab`}
          >
            <span className="training-step-number" aria-hidden="true">
              {index + 1}
            </span>
            {t(`training.form.steps.${id}`)}
            {problems[id] > 0 && (
              <span
                className="badge badge-danger training-step-problems"
                title={t('training.form.stepProblems', { count: problems[id] })}
                data-testid="training-step-problems"
              >
                <span className="visually-hidden">{t('training.form.stepProblems', { count: problems[id] })}</span>
                <span aria-hidden="true">{problems[id]}</span>
              </span>
            )}
          </button>
        ))}
      </div>
      <span className="muted small training-steps-keys">{t('training.form.keysHint')}</span>
    </div>
  )
}
