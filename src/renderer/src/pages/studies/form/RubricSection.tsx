import { useTranslation } from 'react-i18next'
import type { RubricItem, StudyDefaults } from '@shared/study'
import { FormSection } from '../../../components/FormSection'
import { useToast } from '../../../components/Toasts'
import { pick } from '../bilingual'
import { ItemEditor } from './ItemEditor'
import type { StudyFormBinding } from './formBinding'
import { blankItem, copyItem } from './studyFormState'

const MAX_ITEMS = 60

/** A built-in rubric's items, read-only: key, name, question, scale and anchors. */
export function RubricItemsTable({ items }: { items: RubricItem[] }) {
  const { t } = useTranslation()
  return (
    <ol className="study-rubric-items" data-testid="study-rubric-items">
      {items.map((item) => (
        <li key={item.key}>
          <div className="study-rubric-item-head">
            <span className="mono muted">{item.key}</span>
            <strong>{pick(item.name)}</strong>
            <span className="muted small">
              {t('studies.form.scaleRange', { min: item.scale.min, max: item.scale.max })}
            </span>
          </div>
          <div>{pick(item.question)}</div>
          {item.anchors.length > 0 && (
            <div className="muted small study-anchor-line">
              {item.anchors.map((a) => `${a.from === a.to ? a.from : `${a.from}–${a.to}`} ${pick(a.text)}`).join(' · ')}
            </div>
          )}
        </li>
      ))}
    </ol>
  )
}

/** The rubric: a built-in one (WAI-O-S, CTRS) shown read-only with "Customise", or the owner's own items. */
export function RubricSection({ bind, defaults }: { bind: StudyFormBinding; defaults: StudyDefaults }) {
  const { t } = useTranslation()
  const toast = useToast()
  const { state, errors, update } = bind
  const builtin = defaults.rubrics.find((r) => r.id === state.rubric) ?? null
  const choose = (rubric: StudyFormBinding['state']['rubric']) =>
    update((current) => ({
      ...current,
      rubric,
      customItems: rubric === 'custom' && current.customItems.length === 0 ? [blankItem([])] : current.customItems,
    }))
  const customise = () => {
    if (!builtin) return
    update((current) => ({ ...current, rubric: 'custom', customItems: builtin.items.map(copyItem) }))
    toast({ message: t('studies.form.customised', { name: t(`studies.rubrics.${builtin.id}`) }) })
  }
  const setItems = (change: (items: RubricItem[]) => RubricItem[]) =>
    update((current) => ({ ...current, customItems: change(current.customItems) }))

  return (
    <FormSection
      title={t('studies.form.rubricSection')}
      help={t('studies.form.rubricHelp')}
      testId="study-section-rubric"
    >
      <fieldset className="radio-group study-rubric-choice" data-testid="study-rubric">
        <legend>{t('studies.form.rubric')}</legend>
        {[
          ...defaults.rubrics.map((r) => [r.id, pick(r.name)] as const),
          ['custom', t('studies.form.customRubric')] as const,
        ].map(([id, name]) => (
          <label key={id} className={`radio kind-option${state.rubric === id ? ' kind-option-selected' : ''}`}>
            <input
              type="radio"
              name="study-rubric"
              value={id}
              checked={state.rubric === id}
              onChange={() => choose(id)}
              data-testid={`study-rubric-${id}`}
            />
            <span className="check-label">{name}</span>
          </label>
        ))}
      </fieldset>
      {errors.items && (
        <p className="field-error" role="alert" data-testid="study-items-error">
          {errors.items}
        </p>
      )}
      {builtin && (
        <>
          <div className="study-rubric-note">
            <p className="muted small">{pick(builtin.note)}</p>
            <button
              type="button"
              className="button"
              onClick={customise}
              title={t('studies.form.customiseHint')}
              data-testid="study-rubric-customise"
            >
              {t('studies.form.customise')}
            </button>
          </div>
          <RubricItemsTable items={builtin.items} />
        </>
      )}
      {state.rubric === 'custom' && (
        <>
          {state.customItems.map((item, index) => (
            <ItemEditor
              key={index}
              index={index}
              item={item}
              count={state.customItems.length}
              errors={errors}
              onChange={(next) => setItems((items) => items.map((it, i) => (i === index ? next : it)))}
              onRemove={() => setItems((items) => items.filter((_, i) => i !== index))}
              onMove={(by) =>
                setItems((items) => {
                  const next = [...items]
                  const [moved] = next.splice(index, 1)
                  next.splice(index + by, 0, moved)
                  return next
                })
              }
            />
          ))}
          <div className="button-row">
            <button
              type="button"
              className="button"
              onClick={() => setItems((items) => [...items, blankItem(items)])}
              disabled={state.customItems.length >= MAX_ITEMS}
              data-testid="study-item-add"
            >
              {t('studies.form.addItem')}
            </button>
          </div>
        </>
      )}
    </FormSection>
  )
}
