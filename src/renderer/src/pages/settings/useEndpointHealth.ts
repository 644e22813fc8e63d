import { useEffect, useState } from 'react'
import type { EndpointLiveView } from '@shared/endpoint'
import { api } from '../../api/client'

const EVERY_MS = 2000

/**
 * How the saved endpoints are doing in the workbench's process, read every two seconds while shown (a failed read
 * keeps the last view): the page shows throttling and taken-out base URLs whatever job causes them.
 */
export function useEndpointHealth(): Map<string, EndpointLiveView> {
  const [health, setHealth] = useState(new Map<string, EndpointLiveView>())
  useEffect(() => {
    let stopped = false
    const read = () =>
      void api
        .endpointHealth()
        .then((views) => {
          if (!stopped) setHealth(new Map(views.map((v) => [v.endpointId, v])))
        })
        .catch(() => undefined)
    read()
    const timer = setInterval(() => {
      if (document.visibilityState === 'visible') read()
    }, EVERY_MS)
    return () => {
      stopped = true
      clearInterval(timer)
    }
  }, [])
  return health
}
