import type { EndpointView } from '@shared/endpoint'
import { api } from '../api/client'
import { useLoaded } from './useLoaded'
import { useWorkbenchEvent } from './useWorkbenchEvent'

/** The saved model endpoints, kept current when they change anywhere; null until loaded. */
export function useEndpoints(): { endpoints: EndpointView[] | null; error: unknown; reload: () => Promise<void> } {
  const { value: endpoints, error, reload } = useLoaded(() => api.listEndpoints(), [])
  useWorkbenchEvent('endpoints.changed', () => void reload())
  return { endpoints, error, reload }
}
