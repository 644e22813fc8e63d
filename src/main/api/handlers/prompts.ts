import type { ApiHandlers } from '@shared/api'
import type { promptApi } from '@shared/promptApi'
import type { TemplateStore } from '../../prompts/templateStore'

export function promptHandlers(templates: TemplateStore): Pick<ApiHandlers, keyof typeof promptApi> {
  return {
    listTemplates: () => templates.list(),
    templateHistory: ({ id, language }) => templates.history(id, language),
    saveTemplate: ({ id, language, text, note }) => templates.save(id, language, text, note),
  }
}
