import type { EventMap, EventName, WorkbenchEvent } from '@shared/api'
import { log } from './logger'

/**
 * The main side's event hub; every adapter forwards what it emits to its UIs.
 * Events are emitted from jobs, timers and request handlers: a listener that
 * throws is logged and never reaches the code that emitted (nor the other listeners).
 */
export class EventBus {
  private readonly listeners = new Set<{ listener: (event: WorkbenchEvent) => void }>()

  emit<K extends EventName>(name: K, payload: EventMap[K]): void {
    const event = { name, payload } satisfies WorkbenchEvent<K>
    for (const { listener } of [...this.listeners]) {
      try {
        listener(event)
      } catch (error) {
        log.error(`a listener of ${name} failed`, error)
      }
    }
  }

  subscribe(listener: (event: WorkbenchEvent) => void): () => void {
    const entry = { listener }
    this.listeners.add(entry)
    return () => this.listeners.delete(entry)
  }
}
