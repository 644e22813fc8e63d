import { useTranslation } from 'react-i18next'
import { placeholdersFor, type Placeholder } from './templateGroups'

/** What each placeholder stands for, with a button that inserts it at the cursor. */
export function PlaceholderHelp({
  kind,
  onInsert,
}: {
  /** The template's kind: the help lists the placeholders filled in templates of that kind. */
  kind: string
  onInsert: (placeholder: Placeholder) => void
}) {
  const { t } = useTranslation()
  return (
    <section className="placeholder-help" aria-labelledby="placeholder-help-title" data-testid="prompt-placeholders">
      <h3 id="placeholder-help-title">{t('prompts.placeholdersTitle')}</h3>
      <dl>
        {placeholdersFor(kind).map((name) => (
          <div key={name} className="placeholder-row">
            <dt>
              <code>{`{{${name}}}`}</code>
              <button
                type="button"
                className="button button-small"
                onClick={() => onInsert(name)}
                title={t('prompts.insertHint')}
                data-testid={`prompt-insert-${name}`}
              >
                {t('prompts.insert')}
              </button>
            </dt>
            <dd className="muted small">{t(`prompts.placeholders.${name}`)}</dd>
          </div>
        ))}
      </dl>
    </section>
  )
}
