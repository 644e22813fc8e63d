import { useTranslation } from 'react-i18next'
import type { RubricItem } from '@shared/study'
import { Field } from '../../../components/Field'
import { NumberInput } from '../../../components/NumberInput'
import { BilingualFields } from './BilingualFields'
import type { StudyFormErrors } from './studyFormState'
import { anchorEveryLevel } from './studyFormState'

interface ItemEditorProps {
  index: number
  item: RubricItem
  count: number
  errors: StudyFormErrors
  onChange: (item: RubricItem) => void
  onRemove: () => void
  onMove: (by: -1 | 1) => void
}

/** One custom rubric item: key, name and question (en/zh), the scale, and what its levels mean. */
export function ItemEditor({ index, item, count, errors, onChange, onRemove, onMove }: ItemEditorProps) {
  const { t } = useTranslation()
  const at = (field: string) => errors[`items.${index}.${field}`]
  const levels = item.scale.max - item.scale.min + 1
  return (
    <fieldset className="study-item-editor" data-testid={`study-item-${index}`}>
      <legend>{t('studies.form.itemNumber', { n: index + 1 })}</legend>
      <div className="study-item-top">
        <Field label={t('studies.form.itemKey')} error={at('key')} hint={t('studies.form.itemKeyHint')}>
          {(control) => (
            <input
              {...control}
              type="text"
              className="mono"
              value={item.key}
              maxLength={40}
              onChange={(event) => onChange({ ...item, key: event.target.value })}
              data-testid={`study-item-key-${index}`}
            />
          )}
        </Field>
        <Field label={t('studies.form.scaleMin')} error={at('scale.min') ?? at('scale')}>
          {(control) => (
            <NumberInput
              {...control}
              value={item.scale.min}
              onChange={(value) => onChange({ ...item, scale: { ...item.scale, min: value ?? Number.NaN } })}
              data-testid={`study-item-min-${index}`}
            />
          )}
        </Field>
        <Field label={t('studies.form.scaleMax')} error={at('scale.max')}>
          {(control) => (
            <NumberInput
              {...control}
              value={item.scale.max}
              onChange={(value) => onChange({ ...item, scale: { ...item.scale, max: value ?? Number.NaN } })}
              data-testid={`study-item-max-${index}`}
            />
          )}
        </Field>
        <div className="button-row study-item-actions">
          <button
            type="button"
            className="button button-small"
            onClick={() => onMove(-1)}
            disabled={index === 0}
            aria-label={t('studies.form.moveUp', { n: index + 1 })}
          >
            ↑
          </button>
          <button
            type="button"
            className="button button-small"
            onClick={() => onMove(1)}
            disabled={index === count - 1}
            aria-label={t('studies.form.moveDown', { n: index + 1 })}
          >
            ↓
          </button>
          <button
            type="button"
            className="button button-small"
            onClick={onRemove}
            aria-label={t('studies.form.removeItem', { n: index + 1 })}
            data-testid={`study-item-remove-${index}`}
          >
            {t('studies.form.remove')}
          </button>
        </div>
      </div>
      <BilingualFields
        label={t('studies.form.itemName')}
        value={item.name}
        error={at('name')}
        onChange={(name) => onChange({ ...item, name })}
        testId={`study-item-name-${index}`}
      />
      <BilingualFields
        label={t('studies.form.itemQuestion')}
        value={item.question}
        error={at('question')}
        multiline
        rows={2}
        onChange={(question) => onChange({ ...item, question })}
        testId={`study-item-question-${index}`}
      />
      <div className="study-anchors">
        <div className="section-title-row">
          <span className="field-label">{t('studies.form.anchors')}</span>
          <span className="muted small">{t('studies.form.anchorsHelp')}</span>
          <span className="spacer" />
          <button
            type="button"
            className="button button-small"
            onClick={() => onChange(anchorEveryLevel(item))}
            disabled={!Number.isFinite(levels) || levels < 2 || levels > 11}
            data-testid={`study-item-anchor-levels-${index}`}
          >
            {t('studies.form.anchorEveryLevel', { count: Number.isFinite(levels) ? levels : 0 })}
          </button>
          <button
            type="button"
            className="button button-small"
            onClick={() =>
              onChange({
                ...item,
                anchors: [...item.anchors, { from: item.scale.max, to: item.scale.max, text: { en: '', zh: '' } }],
              })
            }
            disabled={item.anchors.length >= 11}
            data-testid={`study-item-anchor-add-${index}`}
          >
            {t('studies.form.addAnchor')}
          </button>
        </div>
        {item.anchors.map((anchor, j) => {
          const setAnchor = (change: Partial<typeof anchor>) =>
            onChange({ ...item, anchors: item.anchors.map((a, k) => (k === j ? { ...a, ...change } : a)) })
          return (
            <div key={j} className="study-anchor-row">
              <Field label={t('studies.form.anchorFrom')} error={at(`anchors.${j}`)} hideLabel={j > 0}>
                {(control) => (
                  <NumberInput
                    {...control}
                    value={anchor.from}
                    onChange={(value) => setAnchor({ from: value ?? Number.NaN })}
                  />
                )}
              </Field>
              <Field label={t('studies.form.anchorTo')} hideLabel={j > 0}>
                {(control) => (
                  <NumberInput
                    {...control}
                    value={anchor.to}
                    onChange={(value) => setAnchor({ to: value ?? Number.NaN })}
                  />
                )}
              </Field>
              <BilingualFields
                label={t('studies.form.anchorText')}
                value={anchor.text}
                error={at(`anchors.${j}.text`)}
                onChange={(text) => setAnchor({ text })}
                multiline
                rows={2}
                hideLabel={j > 0}
                testId={`study-item-anchor-${index}-${j}`}
              />
              <button
                type="button"
                className={`button button-small study-row-remove${j > 0 ? ' study-row-remove-flush' : ''}`}
                onClick={() => onChange({ ...item, anchors: item.anchors.filter((_, k) => k !== j) })}
                aria-label={t('studies.form.removeAnchor', { n: j + 1 })}
              >
                {t('studies.form.remove')}
              </button>
            </div>
          )
        })}
      </div>
    </fieldset>
  )
}
