import { api } from '../../../api/client'
import { useLoaded } from '../../../lib/useLoaded'
import { templateNameIn } from '../../prompts/templateGroups'

/** A template id → its display name (the id until the list has loaded, or for a template deleted since). */
export function useTemplateNames(): (id: string) => string {
  const templates = useLoaded(() => api.listTemplates(), []).value ?? []
  return (id) => templateNameIn(templates, id)
}
