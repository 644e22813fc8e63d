import { useTranslation } from 'react-i18next'
import type { Language } from '@shared/roleCard'
import { templateName, templateSections, type TemplateGroup } from './templateGroups'

interface TemplateListProps {
  groups: TemplateGroup[]
  selectedId: string | null
  onSelect: (id: string) => void
}

/** The templates, each with the current version of every language. */
export function TemplateList({ groups, selectedId, onSelect }: TemplateListProps) {
  const { t } = useTranslation()
  const row = (group: TemplateGroup) => (
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
          <span className="badge badge-neutral">{t(`prompts.kinds.${group.kind}`, { defaultValue: group.kind })}</span>
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
  )
  const sections = templateSections(groups)
  if (sections.length <= 1)
    return (
      <ul className="run-list" aria-label={t('prompts.listLabel')} data-testid="prompt-list">
        {groups.map(row)}
      </ul>
    )
  return (
    <div className="prompt-sections" data-testid="prompt-list">
      {sections.map((section) => {
        // The client methods' templates (client.dynamic.*) are under their own heading.
        const heading = !section.method
          ? t('methods.templates.groupOther')
          : (section.method as string) === 'client'
            ? t('clients.promptsSection')
            : t(`methods.kinds.${section.method}`, { defaultValue: section.method })
        const headingId = `prompt-section-${section.method ?? 'other'}`
        return (
          <section
            key={headingId}
            aria-labelledby={headingId}
            data-testid="prompt-section"
            data-method={section.method ?? ''}
          >
            <h3 className="list-group-heading" id={headingId}>
              {heading}
            </h3>
            <ul className="run-list">{section.groups.map(row)}</ul>
          </section>
        )
      })}
    </div>
  )
}
