import { EventEmitter } from 'node:events'
import type { EventMap, EventName, WorkbenchEvent } from '@shared/api'

/** The main side's event hub; every adapter forwards what it emits to its UIs. */
export class EventBus {
  private readonly emitter = new EventEmitter().setMaxListeners(0)

  emit<K extends EventName>(name: K, payload: EventMap[K]): void {
    this.emitter.emit('event', { name, payload } satisfies WorkbenchEvent<K>)
  }

  subscribe(listener: (event: WorkbenchEvent) => void): () => void {
    this.emitter.on('event', listener)
    return () => this.emitter.off('event', listener)
  }
}
