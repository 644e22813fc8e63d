import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { api } from '../../api/client'
import { WorkbenchError } from '@shared/errors'
import { errorMessage } from '../../lib/errors'
import { fieldErrorsOf } from '../../lib/fieldErrors'
import { useDebouncedValue } from '../../lib/useDebouncedValue'
import { ageIsValid, formToInput, hasAttitude, hasSeed, SEED_FIELDS, type CardForm } from './cardForm'
import { CARD_FIELD_PATHS, cardFieldLabel } from './cardFieldPaths'
import { ClientCardExtras } from './ClientCardExtras'

/** The unsaved form rendered by the server, exactly as the client agent will read it. */
export function PreviewPanel({ form }: { form: CardForm }) {
  const { t } = useTranslation()
  const debounced = useDebouncedValue(form, 300)
  const [text, setText] = useState<string | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [loading, setLoading] = useState(true)

  /** Validation problems name the editor's fields, not the schema's paths. */
  const describe = (failure: unknown) => {
    if (!(failure instanceof WorkbenchError) || failure.code !== 'invalid_input') return errorMessage(failure)
    const parsed = fieldErrorsOf(failure, CARD_FIELD_PATHS)
    return [
      ...Object.entries(parsed.byField).map(([field, message]) => `${cardFieldLabel(field, t)}: ${message}`),
      ...parsed.general,
    ].join('; ')
  }

  useEffect(() => {
    let live = true
    if (!ageIsValid(debounced.age)) {
      setError(`${t('editor.fields.age')}: ${t('validation.wholeYears')}`)
      setLoading(false)
      return
    }
    setLoading(true)
    api.renderRoleCard({ card: formToInput(debounced) }).then(
      (result) => {
        if (!live) return
        setText(result.text)
        setError(null)
        setLoading(false)
      },
      (failure) => {
        if (!live) return
        setError(describe(failure))
        setLoading(false)
      },
    )
    return () => {
      live = false
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps -- describe only formats with t, which is listed
  }, [debounced, t])

  return (
    <div className="preview-panel" data-testid="editor-preview">
      <p className="muted">{t('editor.previewIntro')}</p>
      {error && (
        <p className="banner banner-warning" role="status">
          {t('editor.previewFailed', { message: error })}
        </p>
      )}
      {!error && text !== null && (
        <pre className="preview-text" aria-busy={loading} tabIndex={0} data-testid="editor-preview-text">
          {text}
        </pre>
      )}
      {loading && text === null && !error && <p className="muted">{t('editor.previewLoading')}</p>}
      {(hasAttitude(form) || hasSeed(form)) && (
        <div className="preview-extra" data-testid="editor-preview-extra">
          <p className="muted small">{t('methods.card.previewExtra')}</p>
          <dl className="summary-list">
            {hasAttitude(form) && (
              <div>
                <dt>{t('methods.card.attitude')}</dt>
                <dd className="selectable">
                  <strong>{form.attitude.label}</strong>
                  {form.attitude.instruction && <> — {form.attitude.instruction}</>}
                </dd>
              </div>
            )}
            {SEED_FIELDS.filter((key) => form.seed[key].trim() !== '').map((key) => (
              <div key={key}>
                <dt>{t(`methods.card.${key}`)}</dt>
                <dd className="selectable preview-extra-text">{form.seed[key]}</dd>
              </div>
            ))}
          </dl>
        </div>
      )}
      <ClientCardExtras withheld={form.withheld} behaviours={form.resistanceBehaviours} />
    </div>
  )
}
