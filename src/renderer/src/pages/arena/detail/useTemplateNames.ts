import { api } from '../../../api/client'
import { useLoaded } from '../../../lib/useLoaded'
import { templateName } from '../../prompts/templateGroups'

/** A template id → its display name (the id until the list has loaded, or for a template deleted since). */
export function useTemplateNames(): (id: string) => string {
  const templates = useLoaded(() => api.listTemplates(), []).value ?? []
  return (id) => {
    const found = templates.find((template) => template.id === id)
    return found ? templateName(found.id, found.name) : id
  }
}
