import { useTranslation } from 'react-i18next'
import type { Language } from '@shared/roleCard'
import { templateName, type TemplateGroup } from './templateGroups'

interface TemplateListProps {
  groups: TemplateGroup[]
  selectedId: string | null
  onSelect: (id: string) => void
}

/** The templates, each with the current version of every language. */
export function TemplateList({ groups, selectedId, onSelect }: TemplateListProps) {
  const { t } = useTranslation()
  return (
    <ul className="run-list" aria-label={t('prompts.listLabel')} data-testid="prompt-list">
      {groups.map((group) => (
        <li key={group.id}>
          <button
            type="button"
            className="run-row"
            aria-current={group.id === selectedId ? 'true' : undefined}
            onClick={() => onSelect(group.id)}
            data-testid="prompt-row"
            data-template-id={group.id}
          >
            <span className="run-row-line">
              <span className="run-row-name">{templateName(group.id, group.name)}</span>
              <span className="badge badge-neutral">
                {t(`prompts.kinds.${group.kind}`, { defaultValue: group.kind })}
              </span>
            </span>
            <span className="run-row-line run-row-sub">
              <span className="mono">{group.id}</span>
              <span>
                {(['zh', 'en'] as Language[])
                  .filter((language) => group.byLanguage[language])
                  .map((language) =>
                    t('runForm.templateVersion', { language, version: group.byLanguage[language]!.version }),
                  )
                  .join(' · ')}
              </span>
            </span>
          </button>
        </li>
      ))}
    </ul>
  )
}
