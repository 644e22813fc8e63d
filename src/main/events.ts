import type { EventMap, EventName, WorkbenchEvent } from '@shared/api'

/**
 * The main side's event hub; every adapter forwards what it emits to its UIs.
 * Events are emitted from jobs, timers and request handlers: a listener that
 * throws is logged and never reaches the code that emitted (nor the other listeners).
 */
export class EventBus {
  private readonly listeners = new Set<{ listener: (event: WorkbenchEvent) => void }>()

  constructor(private readonly log: (line: string) => void = (line) => console.error(line)) {}

  emit<K extends EventName>(name: K, payload: EventMap[K]): void {
    const event = { name, payload } satisfies WorkbenchEvent<K>
    for (const { listener } of [...this.listeners]) {
      try {
        listener(event)
      } catch (error) {
        this.log(`a listener of ${name} failed: ${(error as Error).stack ?? error}`)
      }
    }
  }

  subscribe(listener: (event: WorkbenchEvent) => void): () => void {
    const entry = { listener }
    this.listeners.add(entry)
    return () => this.listeners.delete(entry)
  }
}
