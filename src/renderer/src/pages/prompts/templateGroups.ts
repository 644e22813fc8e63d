import type { PromptTemplateView } from '@shared/promptApi'
import type { Language } from '@shared/roleCard'
import i18next from 'i18next'
import { TEMPLATE_IDS } from '@shared/templateIds'

export interface TemplateGroup {
  id: string
  name: string
  kind: string
  byLanguage: Partial<Record<Language, PromptTemplateView>>
}

/** listTemplates gives one row per template and language; the page shows one entry per template. */
export function groupTemplates(list: PromptTemplateView[]): TemplateGroup[] {
  const groups = new Map<string, TemplateGroup>()
  for (const view of list) {
    const group = groups.get(view.id) ?? { id: view.id, name: view.name, kind: view.kind, byLanguage: {} }
    group.byLanguage[view.language] = view
    groups.set(view.id, group)
  }
  return [...groups.values()]
}

export const PLACEHOLDERS = ['role_card', 'max_turns'] as const
export type Placeholder = (typeof PLACEHOLDERS)[number]

/** Placeholders a template of this kind is expected to use. */
export function expectedPlaceholders(kind: string): Placeholder[] {
  return kind === 'client' ? ['role_card'] : []
}

export const usesPlaceholder = (text: string, name: Placeholder) => new RegExp(`\\{\\{\\s*${name}\\s*\\}\\}`).test(text)

/** The built-in templates' English names, shown in the UI language; a user's own names as written. */
const BUILT_IN: Record<string, { name: string; key: string }> = {
  [TEMPLATE_IDS.client]: { name: 'Client (role card)', key: 'prompts.builtInNames.client' },
  [TEMPLATE_IDS.counselor]: { name: 'Counselor (three-stage integrative)', key: 'prompts.builtInNames.counselor' },
  [TEMPLATE_IDS.refereeEthics]: {
    name: 'Arena referee (ethics principles)',
    key: 'prompts.builtInNames.refereeEthics',
  },
  [TEMPLATE_IDS.refereeSkills]: {
    name: 'Arena referee (counseling skills)',
    key: 'prompts.builtInNames.refereeSkills',
  },
}
export function templateName(id: string, name: string): string {
  const builtIn = BUILT_IN[id]
  return builtIn && builtIn.name === name ? i18next.t(builtIn.key) : name
}

/**
 * The display name of template `id` in `templates`; the id itself when it is not there (not loaded yet, or deleted
 * since).
 */
export function templateNameIn(templates: readonly PromptTemplateView[], id: string): string {
  const found = templates.find((template) => template.id === id)
  return found ? templateName(found.id, found.name) : id
}
