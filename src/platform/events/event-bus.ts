import { Injectable } from '@nestjs/common';
import { DomainEvent } from './domain-events';

type Handler<E extends DomainEvent> = (event: E) => void;

/** Synchronous in-process publish/subscribe; a failing handler does not stop the others. */
@Injectable()
export class EventBus {
  private readonly handlers = new Map<DomainEvent['type'], Handler<DomainEvent>[]>();

  on<T extends DomainEvent['type']>(type: T, handler: Handler<Extract<DomainEvent, { type: T }>>): () => void {
    const list = this.handlers.get(type) ?? [];
    list.push(handler as Handler<DomainEvent>);
    this.handlers.set(type, list);
    return () => this.handlers.set(type, (this.handlers.get(type) ?? []).filter((h) => h !== handler));
  }

  publish(event: DomainEvent): void {
    for (const handler of this.handlers.get(event.type) ?? []) {
      try {
        handler(event);
      } catch {
        // A subscriber's failure is its own; the publisher's work already happened.
      }
    }
  }
}
