import { Injectable } from '@nestjs/common';
import { DomainEvent } from './domain-events';

type Handler<E extends DomainEvent> = (event: E) => void;

/** Which tenants a handler wants events of; absent means all. */
export type TenantInterest = (tenantId: string) => boolean;

interface Subscription {
  handler: Handler<DomainEvent>;
  tenants: TenantInterest | null;
}

/** Synchronous in-process publish/subscribe; a failing handler does not stop the others. */
@Injectable()
export class EventBus {
  private readonly subscriptions = new Map<DomainEvent['type'], Subscription[]>();

  /**
   * `tenants` narrows a handler to the tenants it cares about: it then sees only their
   * events, and a publisher can ask `wants` before building an expensive event.
   */
  on<T extends DomainEvent['type']>(type: T, handler: Handler<Extract<DomainEvent, { type: T }>>, tenants?: TenantInterest): () => void {
    const subscription: Subscription = { handler: handler as Handler<DomainEvent>, tenants: tenants ?? null };
    this.subscriptions.set(type, [...(this.subscriptions.get(type) ?? []), subscription]);
    return () => this.subscriptions.set(type, (this.subscriptions.get(type) ?? []).filter((s) => s !== subscription));
  }

  /** Whether any handler would receive an event of `type` for `tenantId`. */
  wants(type: DomainEvent['type'], tenantId: string): boolean {
    return (this.subscriptions.get(type) ?? []).some((s) => s.tenants === null || s.tenants(tenantId));
  }

  publish(event: DomainEvent): void {
    const tenantId = 'tenantId' in event ? event.tenantId : null;
    for (const { handler, tenants } of this.subscriptions.get(event.type) ?? []) {
      if (tenants !== null && tenantId !== null && !tenants(tenantId)) continue;
      try {
        handler(event);
      } catch {
        // A subscriber's failure is its own; the publisher's work already happened.
      }
    }
  }
}
