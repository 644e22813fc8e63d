import { useEffect, useState } from 'react'
import type { PromptTemplateView } from '@shared/api'
import { api } from '../../../api/client'
import { templateName } from '../../prompts/templateGroups'

/** A template id → its display name (the id until the list has loaded, or for a template deleted since). */
export function useTemplateNames(): (id: string) => string {
  const [templates, setTemplates] = useState<PromptTemplateView[]>([])
  useEffect(() => {
    let live = true
    api.listTemplates().then(
      (list) => live && setTemplates(list),
      () => {},
    )
    return () => {
      live = false
    }
  }, [])
  return (id) => {
    const found = templates.find((template) => template.id === id)
    return found ? templateName(found.id, found.name) : id
  }
}
