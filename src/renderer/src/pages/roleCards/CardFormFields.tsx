import { useTranslation } from 'react-i18next'
import { BIG_FIVE, LANGUAGES, type Language } from '@shared/roleCard'
import { Field } from '../../components/Field'
import { hasAttitude, hasSeed, SEED_FIELDS, type CardForm } from './cardForm'
import { TagInput } from './TagInput'
import { TraitFields } from './TraitFields'
import { ClientCardFields } from './ClientCardFields'

export interface Suggestions {
  tags: string[]
  pools: string[]
  sources: string[]
}

interface CardFormFieldsProps {
  form: CardForm
  errors: Record<string, string>
  suggestions: Suggestions
  onChange: (change: (form: CardForm) => CardForm) => void
}

type TextKey = 'name' | 'gender' | 'education' | 'occupation' | 'maritalStatus' | 'pool' | 'source'

export function CardFormFields({ form, errors, suggestions, onChange }: CardFormFieldsProps) {
  const { t } = useTranslation()
  const set = <K extends keyof CardForm>(key: K, value: CardForm[K]) =>
    onChange((current) => ({ ...current, [key]: value }))

  const textInput = (key: TextKey, options: { placeholder?: string; list?: string; hint?: string } = {}) => (
    <Field label={t(`editor.fields.${key}`)} error={errors[key]} hint={options.hint}>
      {(control) => (
        <input
          {...control}
          type="text"
          value={form[key]}
          list={options.list}
          placeholder={options.placeholder}
          onChange={(event) => set(key, event.target.value)}
          data-testid={`editor-${key}`}
        />
      )}
    </Field>
  )

  const textArea = (key: 'family' | 'provenance' | 'notes', rows: number, hint?: string) => (
    <Field label={t(`editor.fields.${key}`)} error={errors[key]} hint={hint} className="field-wide">
      {(control) => (
        <textarea
          {...control}
          rows={rows}
          value={form[key]}
          placeholder={t(`editor.placeholders.${key}`)}
          onChange={(event) => set(key, event.target.value)}
          data-testid={`editor-${key}`}
        />
      )}
    </Field>
  )

  const pools = [...new Set(['train', 'test', ...suggestions.pools])]

  return (
    <>
      <section className="form-section" aria-labelledby="section-identity">
        <h3 id="section-identity">{t('editor.sections.identity')}</h3>
        <div className="form-grid">
          <Field label={t('editor.fields.language')} error={errors.language}>
            {(control) => (
              <select
                {...control}
                value={form.language}
                onChange={(event) => set('language', event.target.value as Language)}
                data-testid="editor-language"
              >
                {LANGUAGES.map((language) => (
                  <option key={language} value={language}>
                    {t(`editor.cardLanguages.${language}`)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          {textInput('name', { placeholder: t('editor.placeholders.name') })}
          {textInput('gender', { placeholder: t('editor.placeholders.gender') })}
          <Field label={t('editor.fields.age')} error={errors.age}>
            {(control) => (
              <input
                {...control}
                type="text"
                inputMode="numeric"
                value={form.age}
                placeholder={t('editor.placeholders.age')}
                onChange={(event) => set('age', event.target.value)}
                data-testid="editor-age"
              />
            )}
          </Field>
          {textInput('education')}
          {textInput('occupation')}
          {textInput('maritalStatus')}
          {textArea('family', 3)}
        </div>
      </section>

      <section className="form-section" aria-labelledby="section-big-five">
        <h3 id="section-big-five">{t('editor.sections.bigFive')}</h3>
        <div className="trait-headings" aria-hidden="true">
          <span />
          <span>{t('editor.fields.level')}</span>
          <span>{t('editor.fields.description')}</span>
        </div>
        {BIG_FIVE.map((trait) => (
          <TraitFields
            key={trait}
            label={t(`editor.traits.${trait}`)}
            value={form.bigFive[trait]}
            onChange={(value) =>
              onChange((current) => ({ ...current, bigFive: { ...current.bigFive, [trait]: value } }))
            }
            levelError={errors[`bigFive.${trait}.level`]}
            descriptionError={errors[`bigFive.${trait}.description`]}
            descriptionPlaceholder={t('editor.placeholders.traitDescription')}
            testId={`editor-trait-${trait}`}
            hideFieldLabels
          />
        ))}
      </section>

      <section className="form-section" aria-labelledby="section-resistance">
        <h3 id="section-resistance">{t('editor.sections.resistance')}</h3>
        <TraitFields
          label={t('editor.sections.resistance')}
          value={form.resistance}
          onChange={(value) => set('resistance', value)}
          levelError={errors['resistance.level']}
          descriptionError={errors['resistance.description']}
          descriptionPlaceholder={t('editor.placeholders.resistanceDescription')}
          testId="editor-resistance"
          hideLegend
        />
      </section>

      <section className="form-section" aria-labelledby="section-complaint">
        <h3 id="section-complaint">{t('editor.sections.complaint')}</h3>
        <Field label={t('editor.fields.complaintTitle')} error={errors['complaint.title']}>
          {(control) => (
            <input
              {...control}
              type="text"
              value={form.complaintTitle}
              placeholder={t('editor.placeholders.complaintTitle')}
              onChange={(event) => set('complaintTitle', event.target.value)}
              data-testid="editor-complaint-title"
            />
          )}
        </Field>
        <Field label={t('editor.fields.complaintBody')} error={errors['complaint.body']}>
          {(control) => (
            <textarea
              {...control}
              rows={7}
              required
              value={form.complaintBody}
              placeholder={t('editor.placeholders.complaintBody')}
              onChange={(event) => set('complaintBody', event.target.value)}
              data-testid="editor-complaint-body"
            />
          )}
        </Field>
      </section>

      <section className="form-section" aria-labelledby="section-method-fields">
        <h3 id="section-method-fields" className="visually-hidden">
          {t('methods.card.attitude')} · {t('methods.card.seed')}
        </h3>
        <details
          className="plain-details card-extra"
          open={hasAttitude(form) || Object.keys(errors).some((key) => key.startsWith('attitude'))}
          data-testid="editor-attitude-box"
        >
          <summary>
            {t('methods.card.attitude')}{' '}
            <span className="muted small">
              {hasAttitude(form) ? form.attitude.label || t('methods.card.filled') : t('methods.card.empty')}
            </span>
          </summary>
          <p className="muted small">{t('methods.card.attitudeHelp')}</p>
          <div className="form-grid">
            <Field label={t('methods.card.attitudeLabel')} error={errors['attitude.label'] ?? errors.attitude}>
              {(control) => (
                <input
                  {...control}
                  type="text"
                  value={form.attitude.label}
                  placeholder={t('methods.card.attitudeLabelPlaceholder')}
                  onChange={(event) =>
                    onChange((current) => ({
                      ...current,
                      attitude: { ...current.attitude, label: event.target.value },
                    }))
                  }
                  data-testid="editor-attitude-label"
                />
              )}
            </Field>
            <Field
              label={t('methods.card.attitudeInstruction')}
              error={errors['attitude.instruction']}
              className="field-wide"
            >
              {(control) => (
                <textarea
                  {...control}
                  rows={3}
                  value={form.attitude.instruction}
                  placeholder={t('methods.card.attitudeInstructionPlaceholder')}
                  onChange={(event) =>
                    onChange((current) => ({
                      ...current,
                      attitude: { ...current.attitude, instruction: event.target.value },
                    }))
                  }
                  data-testid="editor-attitude-instruction"
                />
              )}
            </Field>
          </div>
        </details>
        <details
          className="plain-details card-extra"
          open={hasSeed(form) || Object.keys(errors).some((key) => key.startsWith('seed'))}
          data-testid="editor-seed-box"
        >
          <summary>
            {t('methods.card.seed')}{' '}
            <span className="muted small">{hasSeed(form) ? t('methods.card.filled') : t('methods.card.empty')}</span>
          </summary>
          <p className="muted small">{t('methods.card.seedHelp')}</p>
          <div className="form-grid">
            {SEED_FIELDS.map((key) => (
              <Field key={key} label={t(`methods.card.${key}`)} error={errors[`seed.${key}`]} className="field-wide">
                {(control) => (
                  <textarea
                    {...control}
                    rows={key === 'clientInformation' || key === 'reasonForCounseling' ? 3 : 2}
                    value={form.seed[key]}
                    onChange={(event) =>
                      onChange((current) => ({ ...current, seed: { ...current.seed, [key]: event.target.value } }))
                    }
                    data-testid={`editor-seed-${key}`}
                  />
                )}
              </Field>
            ))}
          </div>
        </details>
        <ClientCardFields form={form} errors={errors} onChange={onChange} />
      </section>

      <section className="form-section" aria-labelledby="section-organisation">
        <h3 id="section-organisation">{t('editor.sections.organisation')}</h3>
        <div className="form-grid">
          <Field label={t('editor.fields.tags')} error={errors.tags} className="field-wide">
            {(control) => (
              <TagInput
                {...control}
                tags={form.tags}
                onChange={(tags) => set('tags', tags)}
                suggestions={suggestions.tags}
              />
            )}
          </Field>
          {textInput('pool', {
            placeholder: t('editor.placeholders.pool'),
            list: 'pool-suggestions',
            hint: t('editor.hints.pool'),
          })}
          {textInput('source', { placeholder: t('editor.placeholders.source'), list: 'source-suggestions' })}
          {textArea('provenance', 2)}
          {textArea('notes', 3, t('editor.hints.notes'))}
        </div>
        <datalist id="pool-suggestions">
          {pools.map((pool) => (
            <option key={pool} value={pool} />
          ))}
        </datalist>
        <datalist id="source-suggestions">
          {suggestions.sources.map((source) => (
            <option key={source} value={source} />
          ))}
        </datalist>
      </section>
    </>
  )
}
