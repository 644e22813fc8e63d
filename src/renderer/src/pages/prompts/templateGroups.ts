import type { PromptTemplateView } from '@shared/promptApi'
import type { Language } from '@shared/roleCard'
import i18next from 'i18next'
import { TEMPLATE_IDS } from '@shared/templateIds'
import type { CounselorKind } from '@shared/counselors'
import { CACTUS_TEMPLATE_IDS } from '@shared/counselors/cactus'
import { MAGNET_TEMPLATE_IDS } from '@shared/counselors/magnet'
import { PSYCH8K_TEMPLATE_ID } from '@shared/counselors/psych8k'

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

const CLIENT_PLACEHOLDERS = [
  'role_card',
  'max_turns',
  'min_turns',
  'end_token',
  'attitude',
  'attitude_instruction',
] as const
const METHOD_PLACEHOLDERS = [
  'client_information',
  'reason_for_counseling',
  'history',
  'technique',
  'plan',
  'cbt_techniques',
  'candidates',
  'selected',
  // The dynamic client's templates (client.dynamic.state, client.dynamic.turn).
  'counselor_reply',
  'trust',
  'emotion',
  'stage',
  'disclosed',
  'resistance',
] as const
// Follow-up sessions (templates session.*): the summary prompt and the blocks carrying it into the next session.
const SESSION_PLACEHOLDERS = ['summary', 'session_index', 'previous_index', 'previous_summary', 'transcript'] as const
export const PLACEHOLDERS = [...CLIENT_PLACEHOLDERS, ...METHOD_PLACEHOLDERS, ...SESSION_PLACEHOLDERS] as const
export type Placeholder = (typeof PLACEHOLDERS)[number]

/** The placeholders the workbench fills in a template of this kind (the help lists these). */
export function placeholdersFor(kind: string): readonly Placeholder[] {
  if (kind === 'client') return CLIENT_PLACEHOLDERS
  if (kind === 'method') return METHOD_PLACEHOLDERS
  if (kind === 'session') return SESSION_PLACEHOLDERS
  return ['role_card', 'max_turns']
}

/** Placeholders a template of this kind is expected to use. */
export function expectedPlaceholders(kind: string): Placeholder[] {
  return kind === 'client' ? ['role_card'] : []
}

export const usesPlaceholder = (text: string, name: Placeholder) => new RegExp(`\\{\\{\\s*${name}\\s*\\}\\}`).test(text)

/** The method a built-in method template belongs to (the CBT plan is MAGneT's and CACTUS's). */
const METHOD_OF_TEMPLATE: Record<string, CounselorKind> = {
  ...Object.fromEntries(Object.values(MAGNET_TEMPLATE_IDS).map((id) => [id, 'magnet' as const])),
  [CACTUS_TEMPLATE_IDS.counselor]: 'cactus',
  [PSYCH8K_TEMPLATE_ID]: 'psych8k',
}
export const templateMethod = (id: string): CounselorKind | null => METHOD_OF_TEMPLATE[id] ?? null

export interface TemplateSection {
  /** null: client, counselor and referee templates; else the method the templates belong to. */
  method: CounselorKind | null
  groups: TemplateGroup[]
}

/** The Prompts page's list: the single-prompt templates first, then each method's templates under its name. */
export function templateSections(groups: TemplateGroup[]): TemplateSection[] {
  const sections: TemplateSection[] = [{ method: null, groups: [] }]
  for (const group of groups) {
    const method = group.kind === 'method' ? (templateMethod(group.id) ?? group.id.split('.')[0]) : null
    let section = sections.find((s) => s.method === method)
    if (!section) sections.push((section = { method: method as CounselorKind, groups: [] }))
    section.groups.push(group)
  }
  return sections.filter((s) => s.groups.length > 0)
}

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
  // The method templates and the CACTUS-style client are named by id (their text is the workbench's own).
  const key = `methods.templates.names.${id.replace(/\./g, '_')}`
  if (i18next.exists(key)) return i18next.t(key)
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
