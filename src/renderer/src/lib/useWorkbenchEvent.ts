import { useEffect, useRef } from 'react'
import type { EventMap, EventName } from '@shared/api'
import { onEvent } from '../api/client'

/** Subscribes for the component's lifetime; the latest listener is always called. */
export function useWorkbenchEvent<K extends EventName>(name: K, listener: (payload: EventMap[K]) => void): void {
  const latest = useRef(listener)
  latest.current = listener
  useEffect(() => onEvent(name, (payload) => latest.current(payload)), [name])
}
