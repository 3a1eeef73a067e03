import type { EventChannel } from '../../shared/ipc/channels';
import type { EventPayload, IpcEvent } from '../../shared/ipc/contract';
import type { Logger } from '../logs/logger';

export type EventListener = (event: IpcEvent) => void;

export interface EventHub {
  emit<E extends EventChannel>(event: E, payload: EventPayload<E>): void;
  subscribe(listener: EventListener): () => void;
}

/** Fans main-process events out to every transport; one failing listener cannot starve the rest. */
export function createEventHub(logger: Logger): EventHub {
  const listeners = new Set<EventListener>();
  return {
    emit(event, payload) {
      for (const listener of listeners) {
        try {
          listener({ event, payload } as IpcEvent);
        } catch (error) {
          logger.error(`An event listener failed on "${event}":`, error);
        }
      }
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
